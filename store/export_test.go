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

// SessionOpsWaiting is how many session loads and saves wait for the round trip on
// its way.
func SessionOpsWaiting(s *Sessions) int {
	_, n := s.ops.counts()
	return n
}
