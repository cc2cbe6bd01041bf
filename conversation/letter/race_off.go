//go:build !race

package letter

const raceEnabled = false
