package loket

import "regexp"

// WhatsApp's formatting markers around a word or phrase: *bold*, _italic_, ~strike~
// and ```monospace```, as WhatsApp reads them — the marker touching the text inside,
// not a letter or another marker outside.
var markers = []*regexp.Regexp{
	regexp.MustCompile("```([\\s\\S]+?)```"),
	regexp.MustCompile(`(^|[^\w*])\*(\S|\S[^*\n]*?\S)\*($|[^\w*])`),
	regexp.MustCompile(`(^|[^\w_])_(\S|\S[^_\n]*?\S)_($|[^\w_])`),
	regexp.MustCompile(`(^|[^\w~])~(\S|\S[^~\n]*?\S)~($|[^\w~])`),
}

// Plain returns text without WhatsApp's formatting markers, for a terminal or any
// place that would show them as they are ("*Staf Loket*" → "Staf Loket").
func Plain(text string) string {
	text = markers[0].ReplaceAllString(text, "$1")
	for _, re := range markers[1:] {
		// Twice: "*a* *b*" shares the space between its two matches.
		text = re.ReplaceAllString(re.ReplaceAllString(text, "$1$2$3"), "$1$2$3")
	}
	return text
}
