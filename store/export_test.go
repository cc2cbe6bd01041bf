package store

// MarkStatements is how many statements of inbox marks db has sent.
func MarkStatements(db *DB) int {
	db.marks.mu.Lock()
	defer db.marks.mu.Unlock()
	return db.marks.statements
}

// MarksWaiting is how many marks wait for the statement on its way.
func MarksWaiting(db *DB) int {
	db.marks.mu.Lock()
	defer db.marks.mu.Unlock()
	return len(db.marks.queue)
}
