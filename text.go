package loket

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

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

// Missing returns, of codes, those the table has no sentence for.
func (t Texts) Missing(codes ...string) []string {
	var missing []string
	for _, code := range codes {
		if _, ok := t[code]; !ok {
			missing = append(missing, code)
		}
	}
	return missing
}

// CodesInSource lists, per Go file in dir (tests excluded), the sentence codes that
// pattern's first group captures from its source. A room's test checks them against its
// Texts with Missing, so a code typed in a call but absent from the table is caught
// before a user ever sees the bare code.
func CodesInSource(dir string, pattern *regexp.Regexp) (map[string][]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	codes := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
			codes[f] = append(codes[f], m[1])
		}
	}
	return codes, nil
}
