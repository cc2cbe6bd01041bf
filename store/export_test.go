package store

// MarkStatements is how many statements of inbox marks db has sent.
func MarkStatements(db *DB) int {
	n, _ := db.marks.counts()
	return n
}

// MarksWaiting is how many marks wait for the statement on its way.
func MarksWaiting(db *DB) int {
	_, n := db.marks.counts()
	return n
}
