package loket

import "fmt"

// Texts is a table of the sentences a room says, by code: Indonesian first, then
// English (empty where the Indonesian serves both, e.g. for staff). Keeping them in
// one table per room lets a reviewer read everything the bot says in one place.
type Texts map[string][2]string

// Say returns code's sentence in lang with args formatted in, and whether the code
// exists. A sentence given no args is returned as written.
func (t Texts) Say(lang Lang, code string, args ...any) (string, bool) {
	pair, ok := t[code]
	if !ok {
		return "", false
	}
	format := pair[0]
	if lang == English && pair[1] != "" {
		format = pair[1]
	}
	if len(args) == 0 {
		return format, true
	}
	return fmt.Sprintf(format, args...), true
}
