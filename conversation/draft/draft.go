// Package draft writes the draft request letter an applicant can ask for: the letter
// to the Director of DTIK that SOP#18 and SOP#6 require, pre-filled from the answers
// the dialog has collected, for the applicant's unit to put on its letterhead, sign
// and stamp. It is given as an editable .docx and as a .pdf preview.
//
// The wording is data: one text/template per service (CODE.tmpl), so DTIK can change
// a sentence without a release. The template runs over the service's answers and
// writes the letter in a small line markup (see Markup below); Render turns that into
// both files. The package knows nothing of dialogs or storage: answers and a moment
// in, two files out.
//
// # Templates
//
// A template sees, by field key as in the catalog, each answer of its service:
// {{.event}} prints what the applicant was shown (Shown, else Value), or a blank
// "…………" to fill in by hand while the field is not answered yet. Keys that start
// with a capital letter are Loket's own, never a field's (catalog keys are lower
// case):
//
//	{{.Tanggal}}               the letter's date, "28 November 2026" (Asia/Jakarta)
//	{{tanggal .start_date}}    a date answer as "12 Desember 2026"
//	{{hari .start_date}}       the same with its weekday, "Sabtu, 12 Desember 2026"
//	{{telepon .contact_phone}} a phone answer as Indonesians write it, "0812-3456-7890"
//	{{define "berkas"}}{{.event}}{{end}}
//	                           what the file names say after the service code
//
// A template that names a field its service does not have, a capitalised key that
// is not one of the above, or that fails to run on blank answers is refused by New,
// with the file, the service and the field.
//
// # Markup
//
// What a template writes is read line by line:
//
//	a line                    one paragraph ("" is an empty line, a gap)
//	> a line                  a paragraph in the signature column (the right half)
//	| a. | Label | : value |  a row of a table; consecutive rows are one table
//	**bold**                  bold text anywhere
//	\x                        x itself, for a literal *, |, > or \
//
// Answers are escaped before the template sees them, so no answer can change the
// letter's layout, whatever the applicant typed.
package draft

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/uns-dtik/loket"
)

// Blank stands where an answer is not given yet: a dotted line to fill in by hand,
// so that a draft can be offered before the dialog has every answer.
const Blank = "…………"

// TemplateExt is the ending of a template file's name: ZM.tmpl for service ZM.
const TemplateExt = ".tmpl"

// The media types of the two files, as WhatsApp documents declare them.
const (
	DOCXType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	PDFType  = "application/pdf"
)

// ErrNoTemplate is returned by Render for a service that has no letter template: the
// dialog then does not offer a draft (see Drafts.Has).
var ErrNoTemplate = errors.New("no draft letter template for this service")

// Service is what a template is checked against: a catalog service's code and the
// keys of its fields.
type Service struct {
	// Code is the catalog's code, e.g. "ZM"; the template is CODE.tmpl.
	Code string
	// Fields are the keys of the service's fields, the only lower-case keys its
	// template may name.
	Fields []string
}

// Drafts holds the checked letter template of each service that has one. It is safe
// for concurrent use.
type Drafts struct {
	templates map[string]letter
}

// letter is one service's checked template and the keys of its fields, each of which
// the template may print whether answered yet or not.
type letter struct {
	*template.Template
	fields []string
}

// Files is one draft letter in both forms, each ready to send as a document (a
// Reply's Attachment). Their names are draf-surat-CODE-<event>.docx and .pdf.
type Files struct {
	// DOCX is the editable letter, for the unit's letterhead.
	DOCX loket.Attachment
	// PDF is a preview of the same letter, readable on a phone.
	PDF loket.Attachment
}

// builtins are the capitalised keys a template may use besides its fields.
var builtins = []string{"Tanggal"}

// New reads and checks the templates of services. A service's template is
// CODE.tmpl in custom when there is one, else in defaults; a service in neither has
// no draft. custom (the drafts folder beside a custom catalog) may be nil; a template
// in it for a code that is not a service is refused, as a misspelt file name would
// otherwise be ignored silently. defaults are the templates built into Loket, for
// services of the default catalog; one whose service is absent is left unused.
func New(services []Service, custom, defaults fs.FS) (*Drafts, error) {
	d := &Drafts{templates: map[string]letter{}}
	known := map[string]bool{}
	for _, s := range services {
		known[s.Code] = true
		src, label, err := find(s.Code, custom, defaults)
		if err != nil {
			return nil, err
		}
		if src == nil {
			continue
		}
		t, err := load(src, s)
		if err != nil {
			return nil, fmt.Errorf("draft template %s of service %s: %w", label, s.Code, err)
		}
		d.templates[s.Code] = letter{t, slices.Clone(s.Fields)}
	}
	if custom != nil {
		names, err := fs.Glob(custom, "*"+TemplateExt)
		if err != nil {
			return nil, fmt.Errorf("draft templates: %w", err)
		}
		for _, name := range names {
			if code := strings.TrimSuffix(name, TemplateExt); !known[code] {
				return nil, fmt.Errorf("draft template %s: the catalog has no service %s", name, code)
			}
		}
	}
	return d, nil
}

// find returns the source holding code's template, custom first, and how errors
// name the file: a built-in template failing a custom catalog is to be replaced by
// one in the drafts folder, not looked for there.
func find(code string, custom, defaults fs.FS) (fs.FS, string, error) {
	name := code + TemplateExt
	for i, src := range []fs.FS{custom, defaults} {
		if src == nil {
			continue
		}
		_, err := fs.Stat(src, name)
		if err == nil {
			if i == 1 { // not src == defaults: an fs.FS may be a map, which == panics on
				return src, "built-in " + name, nil
			}
			return src, name, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("draft template %s: %w", name, err)
		}
	}
	return nil, "", nil
}

// load parses s's template and checks it against s.
func load(src fs.FS, s Service) (*template.Template, error) {
	name := s.Code + TemplateExt
	text, err := fs.ReadFile(src, name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, err
	}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		if err := checkKeys(tt.Tree, tt.Root, s); err != nil {
			return nil, err
		}
	}
	// A template can still fail only when run (a helper given the wrong thing, a
	// method of an answer that does not exist): it runs once now, on blank answers,
	// so that it fails at start-up rather than in front of an applicant.
	if _, _, err := execute(t, s.Fields, nil, time.Time{}); err != nil {
		return nil, err
	}
	return t, nil
}

// checkKeys refuses a reference, anywhere below n, to a key that is neither a field of
// s nor a builtin.
func checkKeys(tree *parse.Tree, n parse.Node, s Service) error {
	var idents []string
	switch n := n.(type) {
	case *parse.FieldNode:
		idents = n.Ident
	case *parse.VariableNode:
		if len(n.Ident) > 1 && n.Ident[0] == "$" { // $.key, the data seen from inside a with or range
			idents = n.Ident[1:]
		}
	}
	if len(idents) > 0 && !slices.Contains(s.Fields, idents[0]) && !slices.Contains(builtins, idents[0]) {
		location, _ := tree.ErrorContext(n)
		return fmt.Errorf("%s: service %s has no field %q (its fields: %s; Loket's own: %s)",
			location, s.Code, idents[0], strings.Join(s.Fields, ", "), strings.Join(builtins, ", "))
	}
	for _, c := range children(n) {
		if err := checkKeys(tree, c, s); err != nil {
			return err
		}
	}
	return nil
}

// children are the nodes below n in which a key can be named.
func children(n parse.Node) []parse.Node {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			return n.Nodes
		}
	case *parse.PipeNode:
		if n != nil {
			var cmds []parse.Node
			for _, c := range n.Cmds {
				cmds = append(cmds, c)
			}
			return cmds
		}
	case *parse.ActionNode:
		return []parse.Node{n.Pipe}
	case *parse.TemplateNode:
		return []parse.Node{n.Pipe}
	case *parse.CommandNode:
		return n.Args
	case *parse.ChainNode:
		return []parse.Node{n.Node}
	case *parse.IfNode:
		return []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.RangeNode:
		return []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.WithNode:
		return []parse.Node{n.Pipe, n.List, n.ElseList}
	}
	return nil
}

// Has reports whether service has a letter template, i.e. whether to offer a draft.
func (d *Drafts) Has(service string) bool {
	if d == nil { // a conversation without drafts offers none
		return false
	}
	_, ok := d.templates[service]
	return ok
}

// Render writes the draft letter of service from answers (by field key, as the
// dialog keeps them; answers not given yet are printed as Blank, so a draft can be
// asked for at any step) dated now, in Asia/Jakarta. Both files are named
// draf-surat-CODE-<event>.docx and .pdf, <event> being what the template's "berkas"
// says, made safe for a file name and cut to 50 characters (left out when empty).
// Rendering takes a few milliseconds and no I/O.
//
// It returns ErrNoTemplate for a service without a template; any other error is a
// failure of Loket, not of the answers: what an applicant typed cannot break the
// letter or its layout.
func (d *Drafts) Render(service string, answers map[string]loket.Field, now time.Time) (Files, error) {
	t, ok := d.templates[service]
	if !ok {
		return Files{}, fmt.Errorf("draft %s: %w", service, ErrNoTemplate)
	}
	doc, stem, err := execute(t.Template, t.fields, answers, now)
	if err != nil {
		return Files{}, fmt.Errorf("draft %s: %w", service, err)
	}
	base := fileBase(service, stem)
	docx, err := writeDOCX(doc, now)
	if err != nil {
		return Files{}, fmt.Errorf("draft %s: docx: %w", service, err)
	}
	pdf, err := writePDF(doc, now)
	if err != nil {
		return Files{}, fmt.Errorf("draft %s: pdf: %w", service, err)
	}
	return Files{
		DOCX: loket.Attachment{FileName: base + ".docx", MimeType: DOCXType, Data: docx},
		PDF:  loket.Attachment{FileName: base + ".pdf", MimeType: PDFType, Data: pdf},
	}, nil
}

// execute runs t over answers and reads the letter it writes; stem is what its
// "berkas" template writes, for the file names.
func execute(t *template.Template, fields []string, answers map[string]loket.Field, now time.Time) (document, string, error) {
	data := map[string]any{}
	for _, k := range fields {
		data[k] = Answer{}
	}
	for k, v := range answers {
		data[k] = Answer{value: v.Value, shown: v.Shown, given: v.Value != "" || v.Shown != ""}
	}
	data["Tanggal"] = escape(formatDate(now, false)) // last: no answer can stand in for it
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		return nil, "", err
	}
	var stem bytes.Buffer
	if b := t.Lookup("berkas"); b != nil {
		if err := b.Execute(&stem, data); err != nil {
			return nil, "", err
		}
	}
	return parseMarkup(out.String()), plain(stem.String()), nil
}

// Answer is one answer as a template sees it. Printed, it is the answer as the
// applicant was shown it, escaped for the markup, or Blank when not given.
type Answer struct {
	value, shown string
	given        bool
}

// String implements fmt.Stringer, which is how text/template prints an answer.
func (a Answer) String() string {
	switch {
	case !a.given:
		return Blank
	case a.shown != "":
		return escape(a.shown)
	}
	return escape(a.value)
}
