package conversation

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
	"github.com/uns-dtik/loket/internal/sentencetest"
)

// Whether each sentence has both renderings is checked by the compiler (a type
// without one is not a loket.Sentence); these tests check what they render.

// day is a sample date for the sentences that show one: Saturday 12 December 2026.
var day = time.Date(2026, time.December, 12, 0, 0, 0, 0, loket.Jakarta)

var dialogSamples = []loket.Sentence{
	greeting{Name: " Budi"}, menu{Services: "Budi"}, menuDraftKept{Title: "Budi", Step: 3, Steps: 3},
	menuUnknown{Typed: "Budi"}, serviceIntro{Title: "Budi", SOP: "Budi", Questions: 3},
	step{N: 3, Of: 3, Label: "Budi"}, currentAnswer{Answer: "Budi"}, recorded{Label: "Budi", Answer: "Budi"},
	choiceOther{}, senderNumber{Phone: "Budi"}, summary{Title: "Budi", Rows: "Budi", Example: 3}, reviewUnclear{Example: 3},
	editRange{Typed: "Budi", Max: 3, Example: 3}, answerMissing{Label: "Budi"}, answerStale{Label: "Budi", Why: "Budi"},
	recheck{Changed: "Budi", Field: "Budi", Why: "Budi"}, filed{Title: "Budi", Ref: "Budi", NextSteps: "Budi"},
	reopened{Ref: "Budi", Note: "Budi"}, reopenedFields{Labels: "Budi"},
	reopenNotRevision{Ref: "Budi", Status: statusName{Status: loket.StatusSubmitted, Holder: loket.RoleAdmin}}, resubmitTooLate{},
	resubmitted{Ref: "Budi", NextSteps: "Budi"}, ratingRange{}, questionnaireThanks{},
	menuQuestionnaireWaits{Ref: "Budi"}, questionnairePending{}, refusedEnd{}, backFirst{}, notNow{},
	cancelConfirm{Title: "Budi"}, cancelDone{}, cancelKept{},
	switchConfirm{Draft: "Budi", Step: 3, Steps: 3, New: "Budi"}, switchUnclear{}, cancelUnclear{},
	nothingToCancel{}, resumeAsk{Title: "Budi", Step: 3, Steps: 3, Label: "Budi"}, resumeUnclear{}, languageSet{},
	helpIdle{}, helpStep{Title: "Budi", Body: "Budi"}, editNotRead{}, inputNotText{Kind: loket.KindImage},
	idleNotText{Kind: loket.KindImage}, confirmUnclear{}, choiceRange{N: 3, Max: 3}, datePast{Date: day, Example: day}, exampleDate{Date: day},
	dateBeforeStart{Date: day, Start: day}, emailNotInZoom{Email: "Budi"},
	usernameTaken{Name: "Budi", Domain: "Budi"}, letterExpectedDocument{}, letterPhoto{},
	letterWord{Name: "Budi"}, letterOverLimit{}, letterDownloadFailed{Name: "Budi"},
	letterRecorded{Name: "Budi", Pages: 3}, letterGone{}, statusNone{}, statusList{Rows: "Budi", Example: "Budi"},
	statusNotFound{Ref: "Budi"},
	statusDetail{Ref: "Budi", Title: "Budi", Status: statusName{Status: loket.StatusRevision}, Filed: day, Fields: "Budi", Timeline: "Budi"},
	statusDraftNote{Title: "Budi"}, summaryLabel{}, answerYes{},
	draftOffer{}, draftSent{Title: "Budi"}, draftNone{Title: "Budi"}, draftNoService{}, draftCaptionDOCX{}, draftCaptionPDF{},
	infoWhich{Services: "Budi"}, infoWhichInDraft{Services: "Budi"}, infoUnknown{Typed: "Budi"}, infoMissing{Title: "Budi"},
	infoStart{Number: 3, Keyword: "Budi", Draft: true}, infoStart{Number: 3, Keyword: "Budi"},
	infoRequirements{Title: "Budi", SOP: "Budi", Requirements: "Budi"},
	infoFull{Title: "Budi", SOP: "Budi", Product: "Budi", Requirements: "Budi", Procedure: "Budi", Cost: "Budi", Days: 3},
	infoFull{Title: "Budi", SOP: "Budi", Product: "Budi", Requirements: "Budi", Procedure: "Budi", Cost: "Budi"},
	answerSkipped{},
}
var refusalsSamples = []loket.Sentence{
	nipTooLong{}, nipNotDigits{Char: "Budi"}, nipLength{Digits: 3}, nipBirthDate{Typed: "Budi"},
	nipAppointment{Typed: "Budi"}, nipAppointmentFuture{Year: 3, Month: time.December},
	nipAppointmentAge{Year: 3, Month: time.December, Born: day}, nipGender{Typed: "Budi"}, nipSerial{},
	emailTooLong{Max: 3}, emailSpaces{}, emailNoAt{}, emailDomainInvalid{Domain: "Budi"}, emailInvalid{},
	emailDomain{Domain: "Budi", Allowed: "Budi", Example: "Budi"}, countNotNumber{Min: 3, Max: 3},
	countRange{Min: 3, Max: 3}, countFraction{Typed: "Budi", Min: 3, Max: 3},
	countTooSmall{Typed: "Budi", Min: 3, Max: 3}, countTooLarge{Typed: "Budi", Min: 3, Max: 3}, textControl{},
	textEmpty{}, textNoLetters{}, textTooShort{Length: 3, Min: 3}, textTooLong{Length: 3, Max: 3},
	usernameLength{Length: 3}, usernameDomain{Typed: "Budi", Domain: "Budi"}, usernameSpace{},
	usernameChars{Char: "Budi"}, usernameStart{}, usernameDoublePunct{Typed: "Budi"}, usernameEnd{},
	dateTooLong{}, dateUnrecognised{}, dateWeekdayOnly{}, dateUnknownMonth{Typed: "Budi"},
	dateInvalidMonth{Typed: "Budi"}, dateNoDay{Month: time.December, Year: "Budi"},
	dateNoLeapDay{Year: 3, Leap: 3}, dateSundayOrWeek{Sunday: day}, dateWeek{From: day, To: day},
	dateWhichDay{First: day, Second: day}, dateBadYear{Typed: "Budi"},
	dateInvalidDay{Day: 3, Month: time.December, Year: 3, Days: 3},
	dateWeekdayMismatch{Date: day, Typed: time.Friday},
	attachmentExpected{}, attachmentType{Name: "Budi"}, attachmentBoth{Name: "Budi"}, attachmentTooLarge{Size: 11 << 20}, attachmentFailed{}, attachmentBusy{}, subjectNotOwn{Ref: "Budi"},
	attachmentPDFRefused{Name: "Budi", Fault: pdfUnreadable}, attachmentPDFRefused{Name: "Budi", Fault: pdfActive},
	attachmentPDFRefused{Name: "Budi", Fault: pdfLocked}, attachmentPDFRefused{Name: "Budi", Fault: pdfTooManyPages},
	attachmentPDFRefused{Name: "Budi", Fault: pdfUnpackedLarge},
}
var lettersSamples = []loket.Sentence{
	letterTooLarge{Size: 11 << 20}, letterNotPDF{}, letterTruncated{}, letterBroken{}, letterEncrypted{},
	letterNoPages{}, letterTooManyPages{Max: 3}, letterActiveContent{}, letterUnpackedTooLarge{Limit: 11 << 20},
	letterUnreadable{}, letterBusy{},
}

// TestEverySentenceRenders: every sentence of the dialog, in both languages, is
// whole: not empty, no fmt error, no verb left unformatted.
func TestEverySentenceRenders(t *testing.T) {
	sentencetest.Check(t, dialogSamples...)
	sentencetest.Check(t, refusalsSamples...)
	sentencetest.Check(t, lettersSamples...)
}

// TestRefusalsGiveAnExample: a validator's refusal shows what a valid answer looks like.
func TestRefusalsGiveAnExample(t *testing.T) {
	for _, s := range refusalsSamples {
		if id := s.Indonesian(); !strings.Contains(id, "Contoh") && !strings.Contains(id, "misalnya") {
			t.Errorf("%T (id) gives no example: %s", s, id)
		}
		if en := s.English(); !strings.Contains(en, "Example") && !strings.Contains(en, "e.g.") {
			t.Errorf("%T (en) gives no example: %s", s, en)
		}
	}
}

// TestEveryWordHasBothLanguages: every status, kind of message and role has words
// of its own: in Indonesian not the stored (English) value a switch falls back to,
// for a kind not the catch-all.
func TestEveryWordHasBothLanguages(t *testing.T) {
	var words []loket.Sentence
	for _, l := range loket.Lifecycles {
		for _, s := range l.Statuses() {
			st, _ := l.Stage(s)
			words = append(words, statusName{Status: s, Next: st.Next, Holder: l.Holder(s, l.Guards(nil)).Role})
		}
	}
	for _, r := range append([]string{"system"}, rolesOf(loket.Roles)...) {
		words = append(words, actorName{r})
	}
	for _, role := range loket.Roles {
		words = append(words, statusName{Status: loket.StatusVerified, Holder: role})
	}
	for _, w := range words {
		if raw := reflect.ValueOf(w).Field(0).String(); w.Indonesian() == raw {
			t.Errorf("%#v has no Indonesian words", w)
		}
		if said := w.Indonesian() + w.English(); strings.Contains(said, "{") || strings.Contains(said, " 's") {
			t.Errorf("%#v leaves its role unsaid: %q", w, said)
		}
	}
	other := kindName{loket.KindOther}
	for _, k := range []loket.Kind{loket.KindDocument, loket.KindImage, loket.KindSticker, loket.KindAudio,
		loket.KindVideo, loket.KindLocation, loket.KindContact} {
		if w := (kindName{k}); w.Indonesian() == other.Indonesian() || w.English() == other.English() {
			t.Errorf("%#v has no words of its own", w)
		}
		words = append(words, kindName{k})
	}
	sentencetest.Check(t, append(words, other, actorName{"pemohon"})...)
}

func rolesOf(roles []loket.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}

// TestEveryLetterCodeHasASentence: each of the checker's codes has a sentence of its
// own; only CodeUnreadable (and an unknown code) says the file cannot be read.
func TestEveryLetterCodeHasASentence(t *testing.T) {
	seen := map[reflect.Type]string{}
	for _, code := range append(letter.Codes, "letter_unknown") {
		s := letterRefusal(&letter.Refusal{Code: code, Size: 11 << 20})
		typ := reflect.TypeOf(s)
		if _, unreadable := s.(letterUnreadable); unreadable != (code == letter.CodeUnreadable || code == "letter_unknown") {
			t.Errorf("%s is said as %T", code, s)
		}
		if other, dup := seen[typ]; dup && code != "letter_unknown" {
			t.Errorf("%s and %s are both said as %T", other, code, s)
		}
		seen[typ] = code
	}
}

// TestEveryLetterCodeHasAnAttachmentAnswer: a complaint's PDF refused by the letter
// checker gets an answer about a file, not about the request letter: the busy and
// size answers every file gets, and for every other code a fault of its own, where
// only the codes of a file that cannot be read share "damaged or unreadable".
func TestEveryLetterCodeHasAnAttachmentAnswer(t *testing.T) {
	unreadable := map[string]bool{letter.CodeNotPDF: true, letter.CodeTruncated: true, letter.CodeBroken: true,
		letter.CodeNoPages: true, letter.CodeUnreadable: true, "letter_unknown": true}
	// What each refusal must say, and the remedy it offers, in Indonesian and English.
	says := map[string][2]string{
		letter.CodeActiveContent:    {"konten aktif", "active content"},
		letter.CodeEncrypted:        {"tanpa kata sandi", "without a password"},
		letter.CodeTooManyPages:     {"lebih dari 50 halaman. Kirim hanya halaman", "more than 50 pages. Send only the pages"},
		letter.CodeUnpackedTooLarge: {"resolusi lebih rendah", "lower resolution"},
		letter.CodeUnreadable:       {"rusak atau tidak dapat kami baca. Pastikan file terbuka", "damaged or cannot be read. Make sure the file opens"},
	}
	faults := map[pdfFault]string{}
	for _, code := range append(letter.Codes, "letter_unknown") {
		s := attachmentRefusal("bukti.pdf", &letter.Refusal{Code: code, Size: 11 << 20})
		switch s := s.(type) {
		case attachmentBusy:
			if code != letter.CodeBusy {
				t.Errorf("%s is said as busy", code)
			}
		case attachmentTooLarge:
			if code != letter.CodeTooLarge || s.Size != 11<<20 {
				t.Errorf("%s is said as %+v", code, s)
			}
		case attachmentPDFRefused:
			if s.Name != "bukti.pdf" || (s.Fault == pdfUnreadable) != unreadable[code] {
				t.Errorf("%s is said as %+v", code, s)
			}
			if other, dup := faults[s.Fault]; dup && !unreadable[code] {
				t.Errorf("%s and %s are both said as fault %d", other, code, s.Fault)
			}
			faults[s.Fault] = code
			words, ok := says[code]
			if !ok {
				words = says[letter.CodeUnreadable]
			}
			if id, en := s.Indonesian(), s.English(); !strings.Contains(id, words[0]) || !strings.Contains(en, words[1]) {
				t.Errorf("%s is said as\n%s\n%s\nwant %q and %q", code, id, en, words[0], words[1])
			}
		default:
			t.Errorf("%s is said as %T", code, s)
		}
	}
}

// TestSentencesOfRawData: sentences given dates, months and sizes render them in
// each language as the dialog always said them.
func TestSentencesOfRawData(t *testing.T) {
	born := time.Date(2000, time.June, 1, 0, 0, 0, 0, loket.Jakarta)
	for _, tc := range []struct {
		s      loket.Sentence
		id, en string
	}{
		{nipAppointmentFuture{Year: 2026, Month: time.December},
			"Menurut NIP ini, pengangkatan terjadi pada Desember 2026, yang belum tiba. Mohon periksa angka ke-9 sampai ke-14. Contoh: 19860926 201505 1 001",
			"By this NIP the appointment is in December 2026, which has not come yet. Please check digits 9 to 14. Example: 19860926 201505 1 001"},
		{nipAppointmentFuture{Year: 2027}, "pada 2027, yang", "is in 2027, which"},
		{nipAppointmentAge{Year: 2018, Month: time.May, Born: born},
			"Menurut NIP ini, pengangkatan (Mei 2018) terjadi sebelum usia 18 tahun (lahir 1 Juni 2000). Mohon periksa 14 angka pertama NIP. Contoh: 19860926 201505 1 001",
			"By this NIP the appointment (May 2018) came before the age of 18 (born 1 June 2000). Please check the first 14 digits. Example: 19860926 201505 1 001"},
		{dateNoDay{Month: time.December, Year: "2026"},
			"Tanggal berapa di bulan Desember 2026? Mohon tulis tanggal lengkapnya. Contoh: 12 Desember 2026",
			"Which day of December 2026? Please give the full date. Example: 12 December 2026"},
		{dateNoLeapDay{Year: 2027, Leap: 2028},
			"Tanggal 29 Februari berikutnya baru ada pada tahun 2028; Februari 2027 hanya sampai tanggal 28. Maksud Anda 28 Februari 2027 atau 1 Maret 2027? Mohon tulis tanggal lengkap dengan tahunnya. Contoh: 28 Februari 2027",
			"The next 29 February is in 2028; February 2027 has only 28 days. Did you mean 28 February 2027 or 1 March 2027? Please give the full date with the year. Example: 28 February 2027"},
		{dateWhichDay{First: day.AddDate(0, 0, -1), Second: day.AddDate(0, 0, 6)},
			"Maksud Anda Jumat, 11 Desember 2026 atau Jumat, 18 Desember 2026? Mohon tulis tanggalnya. Contoh: 18 Desember 2026",
			"Do you mean Friday, 11 December 2026 or Friday, 18 December 2026? Please type the date. Example: 18 December 2026"},
		{dateWeek{From: day.AddDate(0, 0, -5), To: day.AddDate(0, 0, 1)},
			"Itu satu pekan (Senin, 7 Desember 2026 sampai Minggu, 13 Desember 2026), bukan satu hari.",
			"That is a week (Monday, 7 December 2026 to Sunday, 13 December 2026), not a day."},
		{dateSundayOrWeek{Sunday: day.AddDate(0, 0, 1)},
			`"Minggu" bisa berarti hari Minggu atau satu pekan. Bila yang Anda maksud hari Minggu (Minggu, 13 Desember 2026), balas *hari Minggu*`,
			`"Minggu" can mean Sunday or a week. If you mean Sunday (Sunday, 13 December 2026), reply *Sunday*`},
		{dateInvalidDay{Day: 31, Month: time.February, Year: 2026, Days: 28},
			"Tanggal 31 Februari 2026 tidak ada: Februari 2026 hanya sampai tanggal 28. Mohon periksa kembali. Contoh: 28 Februari 2026",
			"There is no 31 February 2026: February 2026 only has 28 days. Please check the date. Example: 28 February 2026"},
		{dateInvalidDay{Day: 30, Month: time.February, Days: 29},
			"Tanggal 30 Februari tidak ada: Februari hanya sampai tanggal 29. Mohon periksa kembali. Contoh: 29 Februari",
			"There is no 30 February: February only has 29 days. Please check the date. Example: 29 February"},
		{dateWeekdayMismatch{Date: day, Typed: time.Friday},
			"12 Desember 2026 jatuh pada hari Sabtu, bukan Jumat. Mohon periksa tanggal atau harinya. Contoh: Sabtu, 12 Desember 2026",
			"12 December 2026 is a Saturday, not a Friday. Please check the date or the day. Example: Saturday, 12 December 2026"},
		{datePast{Date: day, Example: day.AddDate(0, 0, 30)}, "Tanggal Sabtu, 12 Desember 2026 sudah lewat. Tulis tanggal hari ini atau sesudahnya, contoh: besok, atau 11 Januari 2027.",
			"Saturday, 12 December 2026 is in the past. Give today or a later date, e.g. tomorrow, or 11 January 2027."},
		{dateBeforeStart{Date: day, Start: day.AddDate(0, 0, 1)}, "sesudah tanggal awal, contoh: 14 Desember 2026.", "or a later one, e.g. 14 December 2026."},
		{exampleDate{Date: day}, "12 Desember 2026", "12 December 2026"},
		{letterTooLarge{Size: 11 << 20}, "File surat Anda 11.0 MB, melebihi batas 10 MB.", "Your letter is 11.0 MB, over the 10 MB limit."},
		{letterUnpackedTooLarge{Limit: letter.DecodeBudget}, "(lebih dari 128 MB)", "(over 128 MB)"},
		{letterTooManyPages{Max: letter.MaxPages}, "lebih dari 50 halaman", "more than 50 pages"},
		{letterRecorded{Name: "surat.pdf", Pages: 1}, "surat.pdf, 1 halaman", "surat.pdf, 1 page"},
		{letterRecorded{Name: "surat.pdf", Pages: 2}, "surat.pdf, 2 halaman", "surat.pdf, 2 pages"},
		{reopenNotRevision{Ref: "ZM-2026-0007", Status: statusName{Status: loket.StatusDone}},
			"Permohonan ZM-2026-0007 tidak sedang menunggu perbaikan (statusnya: Selesai).",
			"Request ZM-2026-0007 is not waiting for a correction (its status: Done)."},
		{inputNotText{Kind: loket.KindSticker}, "Maaf, stiker belum bisa saya baca", "Sorry, I cannot use a sticker at this step."},
	} {
		if got := tc.s.Indonesian(); !strings.Contains(got, tc.id) {
			t.Errorf("%#v in Indonesian: %q, want %q", tc.s, got, tc.id)
		}
		if got := tc.s.English(); !strings.Contains(got, tc.en) {
			t.Errorf("%#v in English: %q, want %q", tc.s, got, tc.en)
		}
	}
}
