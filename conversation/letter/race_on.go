//go:build race

package letter

// raceEnabled: built with -race, whose shadow memory the child's limit allows for.
const raceEnabled = true
