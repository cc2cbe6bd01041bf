package conversation

import (
	"strings"

	"github.com/uns-dtik/loket"
)

// The applicant's vocabulary, Indonesian and English: one list per meaning, read by
// the router, the pending questions, the summary and the questionnaire alike.

// command is what a message means wherever in the dialog it is sent.
type command int

const (
	cmdNone command = iota
	cmdMenu
	cmdHelp
	cmdStatus // with a reference, or none for the list
	cmdReopen // with a reference
	cmdCancel
	cmdBack
	cmdContinue
	cmdDraft // the draft request letter, filled in from the answers
)

var commandWords = map[string]command{
	"menu": cmdMenu, "mulai": cmdMenu, "start": cmdMenu,
	"bantuan": cmdHelp, "help": cmdHelp, "tolong": cmdHelp, "?": cmdHelp,
	"kembali": cmdBack, "back": cmdBack, "sebelumnya": cmdBack,
	"lanjut": cmdContinue, "lanjutkan": cmdContinue, "continue": cmdContinue,
	"draf surat": cmdDraft, "draf": cmdDraft, "draft surat": cmdDraft, "template surat": cmdDraft,
	"draft letter": cmdDraft, "draft": cmdDraft, "letter template": cmdDraft,
}

// parseCommand returns the command a normalised message is, with the reference of
// status and perbaiki (upper case).
func parseCommand(cmd string) (command, string) {
	if c, ok := commandWords[cmd]; ok {
		return c, ""
	}
	if loket.IsCancelWord(cmd) { // the same words withdraw a filed request at the back office
		return cmdCancel, ""
	}
	if strings.HasPrefix(cmd, "/") {
		// A "/command" from an applicant gets the applicant's help, not a hint that
		// staff commands exist.
		return cmdHelp, ""
	}
	word, rest, _ := strings.Cut(cmd, " ")
	ref, isRef := loket.ParseRef(rest)
	switch {
	case word == "status" && (rest == "" || isRef):
		// Only `status` and `status <reference>`: "Status update meeting" is an answer.
		return cmdStatus, ref
	case (word == "perbaiki" || word == "fix" || word == "revisi") && isRef:
		return cmdReopen, ref
	}
	return cmdNone, ""
}

// isCommand reports a message that means something everywhere (a command or a
// language), so it is never taken as a questionnaire answer.
func isCommand(cmd string) bool {
	c, _ := parseCommand(cmd)
	_, lang := languageWords[cmd]
	info, _, _ := infoRequest(cmd)
	return c != cmdNone || lang || info
}

var languageWords = map[string]loket.Lang{
	"english": loket.English, "in english": loket.English, "bahasa inggris": loket.English, "/english": loket.English,
	"indonesia": loket.Indonesian, "bahasa indonesia": loket.Indonesian, "bahasa": loket.Indonesian, "indonesian": loket.Indonesian,
}

// resumeWords answer "continue the draft or start again?"; the first group also
// answers it before it is asked.
var (
	continueWords = map[string]bool{"lanjutkan": true, "lanjut": true, "continue": true}
	restartWords  = map[string]bool{"mulai ulang": true, "ulang": true, "restart": true, "start again": true, "mulai lagi": true}
)

// submitWords send the draft from its summary; editWords start "ubah N".
var (
	submitWords = map[string]bool{"kirim": true, "ya": true, "submit": true, "yes": true, "ajukan": true, "kirim permohonan": true}
	editWords   = map[string]bool{"ubah": true, "edit": true, "ganti": true, "change": true}
)

// skipWords leave the questionnaire's comment empty.
var skipWords = map[string]bool{"lewati": true, "skip": true, "-": true, "tidak ada": true}

type answer int

const (
	unclear answer = iota
	yes
	no
)

func yesNo(cmd string) answer {
	switch cmd {
	case "ya", "iya", "y", "yes", "ok", "oke", "okay", "benar", "betul", "setuju", "yup", "yaa":
		return yes
	case "tidak", "tdk", "no", "n", "bukan", "nggak", "gak", "enggak", "ga", "tidak jadi":
		return no
	}
	return unclear
}

// normaliseCommand lower-cases, drops zero-width characters and surrounding
// punctuation, and folds spaces, so "  Batal! " and "batal" match alike.
func normaliseCommand(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060':
			return -1
		}
		return r
	}, strings.ToLower(s))
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, ".!,;:*_~\"'")
}
