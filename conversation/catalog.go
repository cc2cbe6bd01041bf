package conversation

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/uns-dtik/loket"
)

//go:embed catalog.yaml
var defaultCatalog []byte

// Text is a sentence in both of Loket's languages.
type Text struct {
	ID string `yaml:"id"`
	EN string `yaml:"en"`
}

// In returns the text in lang, falling back to Indonesian.
func (t Text) In(lang loket.Lang) string {
	if lang == loket.English && t.EN != "" {
		return t.EN
	}
	return t.ID
}

// Option is one of a choice's options: a name that is the same in both languages (a
// faculty), written as a plain string, or {id, en} where they differ. The answer
// stored is the Indonesian, which staff read; the applicant sees their language.
type Option Text

// UnmarshalYAML reads a plain string as both languages, or an {id, en} mapping.
func (o *Option) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		var name string
		if err := n.Decode(&name); err != nil {
			return err
		}
		o.ID, o.EN = name, name
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: an option is a string or {id, en}", n.Line)
	}
	// Decoding a node does not refuse unknown or repeated keys as the catalog's
	// decoder does: a misspelt "en" would pass as an option without its English.
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		var text string
		if err := value.Decode(&text); err != nil {
			return err
		}
		switch {
		case key.Value != "id" && key.Value != "en":
			return fmt.Errorf("line %d: option key %q is not id or en", key.Line, key.Value)
		case seen[key.Value]:
			return fmt.Errorf("line %d: option key %q given twice", key.Line, key.Value)
		case key.Value == "id":
			o.ID = text
		default:
			o.EN = text
		}
		seen[key.Value] = true
	}
	return nil
}

// In returns the option in lang.
func (o Option) In(lang loket.Lang) string { return Text(o).In(lang) }

// Catalog is the list of services an applicant can request.
type Catalog struct {
	Services []*Service `yaml:"services"`
	// Questionnaire is asked after a request is done: three 1-5 ratings, then a comment.
	Questionnaire []Text `yaml:"questionnaire"`

	// lobby is the machine of a chat without a draft.
	lobby *definition
}

// Service is one DTIK service, declared as data.
type Service struct {
	Code      string   `yaml:"code"`
	SOP       string   `yaml:"sop"`
	Keywords  []string `yaml:"keywords"`
	Title     Text     `yaml:"title"`
	NextSteps Text     `yaml:"next_steps"`
	// Result is told to the applicant when the request is done; {key} is replaced by
	// the answer to field key.
	Result Text `yaml:"result"`
	// SLA is the target time to finish, e.g. "3 working days" (used by the back office).
	SLA string `yaml:"sla"`
	// Approvers are the staff roles that approve the request, in order: the first
	// verifies, the last dispositions, any may reject (loket.ApproverGuards; used by
	// the back office). None: admin then pimpinan, as both SOPs.
	Approvers []string `yaml:"approvers"`
	// Lifecycle names the table the service's requests follow (loket.Lifecycles):
	// "" or "request" for a request, "complaint" for a complaint.
	Lifecycle string `yaml:"lifecycle"`
	// Info is what eservice's Informasi Layanan says of the service, told on `info`.
	Info *Info `yaml:"info"`
	// Capacity is how many requests a day holds (DTIK's temporary Zoom 1000 licences);
	// 0 is no limit. Period names the date fields bounding a request's days
	// (licence.go).
	Capacity int           `yaml:"capacity"`
	Period   *PeriodFields `yaml:"period"`
	Fields   []*Field      `yaml:"fields"`

	index map[string]int
	// lifecycle is the table Lifecycle names, resolved when the catalog loads.
	lifecycle *loket.Lifecycle
	// machine is the service's dialog machine, built once when the catalog loads.
	machine *definition
}

// Field is one question of a service's dialog.
type Field struct {
	Key    string `yaml:"key"`
	Kind   string `yaml:"kind"`
	Label  Text   `yaml:"label"`
	Prompt Text   `yaml:"prompt"`
	// Refusal (confirm) is said when the applicant answers "no"; it ends the dialog.
	Refusal Text `yaml:"refusal"`
	// Min and Max bound a text's length in characters, or a count's value.
	Min int `yaml:"min"`
	Max int `yaml:"max"`
	// Domains (email) is the allow-list of e-mail domains.
	Domains []string `yaml:"domains"`
	// Roster (email) names a list the address must be on once it is loaded: "zoom".
	Roster string `yaml:"roster"`
	// Options (choice) are offered as a numbered list; AllowOther accepts typed text.
	Options    []Option `yaml:"options"`
	AllowOther bool     `yaml:"allow_other"`
	// NotPast (date) refuses dates before today; After names an earlier date field this
	// one may not precede.
	NotPast bool   `yaml:"not_past"`
	After   string `yaml:"after"`
	// DefaultSender (phone) offers the sender's own number as the answer.
	DefaultSender bool `yaml:"default_sender"`
	// Domain (username) is shown after the username; Unique refuses a username already
	// in an open or completed request.
	Domain string `yaml:"domain"`
	Unique bool   `yaml:"unique"`
	// NamesApplicant (text) marks the answer that names the person the request is
	// from: staff see requests by it (/antrian, /cari), not by the WhatsApp display
	// name, which is whatever the sender's phone says. At most one field per service.
	NamesApplicant bool `yaml:"names_applicant"`
	// Optional lets the applicant answer *lewati* (skip): the request is filed
	// without the field (optional.go).
	Optional bool `yaml:"optional"`

	// kind is the registered Kind named by Kind, resolved when the catalog loads.
	kind *Kind
}

// LoadCatalog reads the catalog at path, or the embedded default when path is "".
func LoadCatalog(path string) (*Catalog, error) {
	data := defaultCatalog
	if path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("read catalog: %w", err)
		}
	}
	return ParseCatalog(data)
}

// ParseCatalog parses and checks a catalog. An invalid catalog is refused with an
// error that names the service and the field.
func ParseCatalog(data []byte) (*Catalog, error) {
	var f catalogFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	c := Catalog{Services: f.Services, Questionnaire: f.Questionnaire}
	if len(c.Questionnaire) == 0 {
		c.Questionnaire = defaultQuestionnaire()
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	c.buildMachines()
	return &c, nil
}

// catalogFile is the file's layout: services, plus a units list that services share
// through a YAML anchor.
type catalogFile struct {
	Units         []Option   `yaml:"units"`
	Services      []*Service `yaml:"services"`
	Questionnaire []Text     `yaml:"questionnaire"`
}

var (
	codePattern = regexp.MustCompile(`^[A-Z]{2,4}$`)
	keyPattern  = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	slaPattern  = regexp.MustCompile(`^(\d{1,2}) working days?$`)
	knownRoles  = map[string]bool{"admin": true, "pimpinan": true, "staf": true}
)

func (c *Catalog) check() error {
	if len(c.Services) == 0 {
		return errors.New("no services")
	}
	if len(c.Questionnaire) != loket.QuestionnaireSteps {
		return fmt.Errorf("questionnaire needs exactly %d questions (3 ratings and a comment)", loket.QuestionnaireSteps)
	}
	for i, q := range c.Questionnaire {
		if q.ID == "" || q.EN == "" {
			return fmt.Errorf("questionnaire question %d needs both id and en", i+1)
		}
	}
	codes := map[string]bool{}
	for i, s := range c.Services {
		name := s.Code
		if name == "" {
			name = "#" + strconv.Itoa(i+1)
		}
		if err := s.check(codes); err != nil {
			return fmt.Errorf("service %s: %w", name, err)
		}
	}
	return nil
}

func (s *Service) check(codes map[string]bool) error {
	if !codePattern.MatchString(s.Code) {
		return fmt.Errorf("code %q must be 2 to 4 capital letters", s.Code)
	}
	if codes[s.Code] {
		return errors.New("code used twice")
	}
	codes[s.Code] = true
	if s.Title.ID == "" || s.Title.EN == "" {
		return errors.New("title needs both id and en")
	}
	if s.NextSteps.ID == "" || s.NextSteps.EN == "" {
		return errors.New("next_steps needs both id and en")
	}
	if s.SLA != "" && !slaPattern.MatchString(s.SLA) {
		return fmt.Errorf("sla %q must look like \"3 working days\"", s.SLA)
	}
	for _, r := range s.Approvers {
		if !knownRoles[r] {
			return fmt.Errorf("approver role %q is not one of admin, pimpinan, staf", r)
		}
	}
	if err := s.checkLifecycle(); err != nil {
		return err
	}
	if err := s.Info.check(); err != nil {
		return fmt.Errorf("info: %w", err)
	}
	if len(s.Fields) == 0 {
		return errors.New("no fields")
	}
	s.index = map[string]int{}
	named := ""
	for i, f := range s.Fields {
		if err := s.checkField(f); err != nil {
			return fmt.Errorf("field %s: %w", fieldName(f, i), err)
		}
		s.index[f.Key] = i
		if f.NamesApplicant && named != "" {
			return fmt.Errorf("field %s: names_applicant is set on %s already; one field names the applicant", f.Key, named)
		}
		if f.NamesApplicant {
			named = f.Key
		}
	}
	return s.checkPeriod()
}

func fieldName(f *Field, i int) string {
	if f.Key != "" {
		return f.Key
	}
	return "#" + strconv.Itoa(i+1)
}

func (s *Service) checkField(f *Field) error {
	if !keyPattern.MatchString(f.Key) {
		return fmt.Errorf("key %q must be lower-case letters, digits and _", f.Key)
	}
	if _, dup := s.index[f.Key]; dup {
		return errors.New("key used twice")
	}
	if f.Label.ID == "" || f.Label.EN == "" || f.Prompt.ID == "" || f.Prompt.EN == "" {
		return errors.New("label and prompt need both id and en")
	}
	if err := checkKind(f); err != nil {
		return err
	}
	if strings.Contains(f.Prompt.ID+f.Prompt.EN, exampleMark) && f.kind.Example == nil {
		return fmt.Errorf("prompt has %s, but kind %s gives no example", exampleMark, f.Kind)
	}
	if err := checkOptional(f); err != nil {
		return err
	}
	if f.NamesApplicant && f.Kind != "text" {
		return fmt.Errorf("names_applicant is for a text field (a name), not %s", f.Kind)
	}
	if f.After != "" {
		i, ok := s.index[f.After]
		if !ok || s.Fields[i].Kind != f.Kind {
			return fmt.Errorf("after: %q is not an earlier field of kind %s", f.After, f.Kind)
		}
	}
	return nil
}

// exampleMark in a prompt stands for the kind's example (Kind.Example): one that
// depends on the day or on earlier answers cannot be fixed text.
const exampleMark = "{example}"

// prompt is the field's question in lang, with the kind's example for exampleMark,
// computed at now from the draft's answers so far.
func (f *Field) prompt(now time.Time, earlier map[string]loket.Field, lang loket.Lang) string {
	text := f.Prompt.In(lang)
	if f.kind.Example == nil || !strings.Contains(text, exampleMark) {
		return text
	}
	return strings.ReplaceAll(text, exampleMark, f.kind.Example(f, now, earlier, lang))
}

// Service returns the service with the given code, or nil.
func (c *Catalog) Service(code string) *Service {
	for _, s := range c.Services {
		if strings.EqualFold(s.Code, code) {
			return s
		}
	}
	return nil
}

// field returns the field with key, or nil.
func (s *Service) field(key string) *Field {
	if i, ok := s.index[key]; ok {
		return s.Fields[i]
	}
	return nil
}

// Number returns the 1-based position of field key in the dialog.
func (s *Service) number(key string) int { return s.index[key] + 1 }
