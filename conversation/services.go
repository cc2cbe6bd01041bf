package conversation

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/uns-dtik/loket"
)

// The catalog as the back office reads it (backoffice.Services): titles, labels, the
// result and questionnaire texts, approvers and SLAs, looked up by service code.

// ServiceTitle returns the title of the service with code in lang, or the code.
func (c *Catalog) ServiceTitle(code string, lang loket.Lang) string {
	if s := c.Service(code); s != nil {
		return s.Title.In(lang)
	}
	return code
}

// FieldLabel returns the label of field key of service code in lang, or the key.
func (c *Catalog) FieldLabel(code, key string, lang loket.Lang) string {
	if s := c.Service(code); s != nil {
		if f := s.field(key); f != nil {
			return f.Label.In(lang)
		}
	}
	return key
}

// ApplicantName returns the name r's form gives its applicant (the answer to its
// service's names_applicant field), "" when the service names no such field or r has
// no answer to it.
func (c *Catalog) ApplicantName(r *loket.Request) string {
	if s := c.Service(r.Service); s != nil {
		for _, f := range s.Fields {
			if f.NamesApplicant {
				return r.Field(f.Key)
			}
		}
	}
	return ""
}

// ResultText returns what the applicant is told when r is done, with r's answers
// in place of the {key} placeholders, shown in lang as the dialog shows them (a date
// in lang's words, a choice as its option in lang); "" when the service declares no
// result.
func (c *Catalog) ResultText(r *loket.Request, lang loket.Lang) string {
	s := c.Service(r.Service)
	if s == nil {
		return ""
	}
	text := s.Result.In(lang)
	for _, f := range r.Fields {
		v := f.Shown
		if v == "" {
			v = f.Value
		}
		if field := s.field(f.Key); field != nil {
			v = showAnswer(field, f, lang)
			if skipped(field, f) {
				v = loket.Say(lang, answerSkipped{})
			}
		}
		text = strings.ReplaceAll(text, "{"+f.Key+"}", v)
	}
	return text
}

// defaultQuestionnaire is the embedded catalog's questionnaire, for a catalog file
// that declares none.
func defaultQuestionnaire() []Text {
	var f catalogFile
	if err := yaml.Unmarshal(defaultCatalog, &f); err != nil {
		panic("embedded catalog: " + err.Error())
	}
	return f.Questionnaire
}

// Question returns questionnaire question step (0-based) about ref in lang.
func (c *Catalog) Question(step int, ref string, lang loket.Lang) string {
	if step < 0 || step >= len(c.Questionnaire) {
		return ""
	}
	return strings.ReplaceAll(c.Questionnaire[step].In(lang), "{ref}", ref)
}

// Approvers returns the roles that approve service code's requests, in order (nil
// for a service not in the catalog, or naming none: the SOPs' own).
func (c *Catalog) Approvers(code string) []loket.Role {
	s := c.Service(code)
	if s == nil {
		return nil
	}
	roles := make([]loket.Role, len(s.Approvers))
	for i, r := range s.Approvers {
		roles[i] = loket.Role(r)
	}
	return roles
}

// Codes returns every service's code, in catalog order.
func (c *Catalog) Codes() []string {
	codes := make([]string, len(c.Services))
	for i, s := range c.Services {
		codes[i] = s.Code
	}
	return codes
}

// SLADays returns the target of service code in working days, 0 when it has none.
func (c *Catalog) SLADays(code string) int {
	s := c.Service(code)
	if s == nil {
		return 0
	}
	m := slaPattern.FindStringSubmatch(s.SLA)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
