package conversation

import "time"

// SetHoldPatience lets an outside test shorten how long a letter waits for a place
// in memory; the returned function restores it.
func SetHoldPatience(d time.Duration) (restore func()) {
	old := holdPatience
	holdPatience = d
	return func() { holdPatience = old }
}
