package conversation_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
)

// A field kind written outside the package, as a new kind is: one small file and a
// catalog entry. nim is a UNS student number, a faculty letter and seven digits.
var nimPattern = regexp.MustCompile(`^[A-Z]\d{7}$`)

func init() {
	conversation.RegisterKind("nim", conversation.Kind{
		Check: func(f *conversation.Field) error { return nil },
		Parse: func(_ context.Context, in *conversation.Input) (loket.Field, error) {
			v := strings.ToUpper(strings.Join(strings.Fields(in.Text), ""))
			if !nimPattern.MatchString(v) {
				return loket.Field{}, loket.Refuse(nimInvalid{Typed: v})
			}
			return loket.Field{Value: v}, nil
		},
		Hint: func(_ *conversation.Field, _ string, lang loket.Lang) string {
			return conversation.Text{ID: "NIM ada di kartu mahasiswa.", EN: "The NIM is on the student card."}.In(lang)
		},
	})
}

// nimInvalid is the kind's refusal, with the NIM as typed, in both languages.
type nimInvalid struct{ Typed string }

func (m nimInvalid) Indonesian() string {
	return fmt.Sprintf("%s bukan NIM: satu huruf lalu 7 angka. Contoh: M0521001", m.Typed)
}

func (m nimInvalid) English() string {
	return fmt.Sprintf("%s is not a NIM: one letter, then 7 digits. Example: M0521001", m.Typed)
}

const labService = `
services:
  - code: LAB
    sop: "SOP#21"
    keywords: [lab]
    title: {id: Akun laboratorium, en: Laboratory account}
    next_steps: {id: Admin memverifikasi., en: The admin verifies.}
    sla: 2 working days
    approvers: [admin]
    fields:
      - key: student
        kind: nim
        label: {id: NIM mahasiswa, en: Student number}
        prompt: {id: "Tulis NIM. Contoh: M0521001", en: "Type the NIM. Example: M0521001"}
      - key: name
        kind: text
        min: 3
        max: 80
        label: {id: Nama mahasiswa, en: Student's name}
        prompt: {id: "Tulis nama. Contoh: Budi", en: "Type the name. Example: Budi"}
`

// TestNewKindAndServiceFromTestCodeAlone: the "done means": a field kind and
// a service added without touching the package.
func TestNewKindAndServiceFromTestCodeAlone(t *testing.T) {
	t.Parallel()
	cat, err := conversation.ParseCatalog([]byte(labService))
	if err != nil {
		t.Fatal(err)
	}
	d := newDialog(t, cat)
	d.say("lab", "Langkah 1 dari 2", "NIM ada di kartu mahasiswa.")
	d.say("M05-21", "M05-21 bukan NIM")
	d.say("english", "The NIM is on the student card.")
	d.say("M05-21", "M05-21 is not a NIM")
	d.say("indonesia", "Langkah 1 dari 2")
	d.say("m 0521001", "✓ NIM mahasiswa: M0521001", "Langkah 2 dari 2")
	d.say("Budi Santoso", "Ringkasan permohonan Akun laboratorium", "1. NIM mahasiswa: M0521001")
	d.say("kirim", "LAB-2026-0001")
}

// TestUsernameTakesTheCatalogsDomain: a username field names its accounts' domain in
// the catalog; the validator used to accept only mail.uns.ac.id whatever it said.
func TestUsernameTakesTheCatalogsDomain(t *testing.T) {
	t.Parallel()
	cat, err := conversation.ParseCatalog([]byte(strings.Replace(eventService, "domain: mail.uns.ac.id", "domain: vpn.uns.ac.id", 1)))
	if err != nil {
		t.Fatal(err)
	}
	d := newDialog(t, cat)
	d.say("1", "Langkah 1 dari 3")
	d.say("semnas@mail.uns.ac.id", "berakhiran @vpn.uns.ac.id, bukan @mail.uns.ac.id")
	d.say("semnas@vpn.uns.ac.id", "✓ Username: semnas@vpn.uns.ac.id", "Langkah 2 dari 3")
}

// TestUnavailableStepsAreAnswered: an event the step has no transition for (back
// from the first question, cancel without a draft) gets a clear answer and the
// dialog stays where it was.
func TestUnavailableStepsAreAnswered(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.say("batal", "Tidak ada draf permohonan yang sedang diisi")
	d.say("1", "Langkah 1 dari 11")
	d.say("kembali", "Ini sudah pertanyaan pertama", "Langkah 1 dari 11")
	d.say("ya", "Langkah 2 dari 11")
	d.say("kembali", "Langkah 1 dari 11")
}

// TestTheApplicantIsNamedByTheForm: a service marks the field that names the applicant
// (names_applicant), and the back office reads the name from it; the catalog refuses
// two such fields, or one that is not text.
func TestTheApplicantIsNamedByTheForm(t *testing.T) {
	t.Parallel()
	cat, err := conversation.LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	zm := &loket.Request{Service: "ZM", Name: "budi wa", Fields: []loket.Field{{Key: "applicant_name", Value: "Dr. Budi Santoso"}}}
	em := &loket.Request{Service: "EM", Fields: []loket.Field{{Key: "event", Value: "Semnas"}, {Key: "pic_name", Value: "Siti Aminah"}}}
	if got := cat.ApplicantName(zm); got != "Dr. Budi Santoso" {
		t.Errorf("ZM's applicant: %q", got)
	}
	if got := cat.ApplicantName(em); got != "Siti Aminah" {
		t.Errorf("EM's applicant: %q", got)
	}
	lab, err := conversation.ParseCatalog([]byte(labService))
	if err != nil {
		t.Fatal(err)
	}
	if got := lab.ApplicantName(&loket.Request{Service: "LAB", Fields: []loket.Field{{Key: "name", Value: "Budi"}}}); got != "" {
		t.Errorf("a service naming no applicant field gave %q", got)
	}
	marked := strings.Replace(labService, "      - key: name\n", "      - key: name\n        names_applicant: true\n", 1)
	if lab, err = conversation.ParseCatalog([]byte(marked)); err != nil {
		t.Fatal(err)
	} else if got := lab.ApplicantName(&loket.Request{Service: "LAB", Fields: []loket.Field{{Key: "name", Value: "Budi"}}}); got != "Budi" {
		t.Errorf("LAB's marked applicant: %q", got)
	}
	for what, bad := range map[string]string{
		"two fields": strings.Replace(marked, "      - key: student\n", "      - key: student\n        names_applicant: true\n", 1),
		"not text":   strings.Replace(labService, "      - key: student\n", "      - key: student\n        names_applicant: true\n", 1),
	} {
		if _, err := conversation.ParseCatalog([]byte(bad)); err == nil || !strings.Contains(err.Error(), "names_applicant") {
			t.Errorf("%s naming the applicant: %v, want a refusal about names_applicant", what, err)
		}
	}
}

// consent is a kind written outside the package that may end the dialog: a "tolak"
// is the applicant declining, which the catalog's refusal answers, as a confirm's "no".
func init() {
	conversation.RegisterKind("consent", conversation.Kind{
		Check: func(f *conversation.Field) error { return nil },
		Parse: func(_ context.Context, in *conversation.Input) (loket.Field, error) {
			if in.Words == "tolak" {
				return loket.Field{}, conversation.ErrRefused
			}
			return loket.Field{Value: "setuju"}, nil
		},
		Refusable: true,
	})
}

// TestARefusableKindFromTestCodeAlone: a kind that may end the dialog says so with
// its own flag; the dialog does not know it by name.
func TestARefusableKindFromTestCodeAlone(t *testing.T) {
	t.Parallel()
	if _, err := conversation.ParseCatalog([]byte(strings.Replace(labService, "kind: nim", "kind: consent", 1))); err == nil ||
		!strings.Contains(err.Error(), "refusal") {
		t.Fatalf("a refusable field without its refusal: %v, want refused", err)
	}
	consent := strings.Replace(labService, "kind: nim", "kind: consent\n        refusal: {id: Tanpa persetujuan tidak dapat diproses., en: Without consent it cannot be processed.}", 1)
	cat, err := conversation.ParseCatalog([]byte(consent))
	if err != nil {
		t.Fatal(err)
	}
	d := newDialog(t, cat)
	d.say("lab", "Langkah 1 dari 2")
	d.say("tolak", "Tanpa persetujuan tidak dapat diproses.", "Ketik *menu*")
	d.say("lab", "Langkah 1 dari 2")
	d.say("setuju", "Langkah 2 dari 2")
}

// TestStatusNamesWhomTheRequestWaitsFor: the applicant's status says who has the
// request now by the service's approvers: LAB's verified request waits for the admin,
// its only approver, not the pimpinan.
func TestStatusNamesWhomTheRequestWaitsFor(t *testing.T) {
	t.Parallel()
	cat, err := conversation.ParseCatalog([]byte(labService))
	if err != nil {
		t.Fatal(err)
	}
	d := newDialog(t, cat)
	d.say("lab", "Langkah 1 dari 2")
	d.say("M0521001", "Langkah 2 dari 2")
	d.say("Budi Santoso", "Ringkasan")
	d.say("kirim", "LAB-2026-0001")
	d.say("status", "Diajukan — menunggu verifikasi admin")
	d.move(d.request("LAB-2026-0001"), loket.StatusVerified, "admin", "")
	d.say("status", "Terverifikasi — menunggu disposisi admin")
	d.say("english", "")
	d.say("status LAB-2026-0001", "Verified — waiting for the admin's assignment")
}
