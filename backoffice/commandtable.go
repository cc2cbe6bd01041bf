package backoffice

import (
	"strings"

	"github.com/uns-dtik/loket"
)

// The staff commands as one table: how each is spelt, who may give it, and (through
// its name) its line in /bantuan. Parsing, the refusal of a command one's roles never
// allow and the help all read it, so a command cannot work without being listed, nor
// be listed to someone it refuses.

// commandSpec is one staff command.
type commandSpec struct {
	// name is the canonical (Indonesian) spelling; english is the other one accepted.
	name, english string
	// action is the lifecycle event the command fires, "" for a command that moves no
	// request: who may give it is whoever some service's approvers let fire action.
	action loket.Action
	// role, when set, is the role a command that moves no request is kept to.
	role loket.Role
}

// staffCommands is every staff command, in the order /bantuan lists them.
var staffCommands = []commandSpec{
	{name: "antrian", english: "queue"},
	{name: "lihat", english: "show"},
	{name: "verifikasi", english: "verify", action: loket.ActionVerify},
	{name: "revisi", english: "revise", action: loket.ActionRevise},
	{name: "tolak", english: "reject", action: loket.ActionReject},
	{name: "disposisi", english: "assign", action: loket.ActionDispose},
	{name: "tanggapi", english: "answer", action: loket.ActionAnswer},
	{name: "selesai", english: "done", action: loket.ActionDone},
	{name: "cari", english: "search"},
	{name: "statistik", english: "stats"},
	{name: "staf", english: "staff", role: loket.RolePimpinan},
	{name: "kalender", english: "calendar"},
	{name: "bantuan", english: "help"},
}

// mayGive reports whether s may give c on the requests of some service.
func (o *Office) mayGive(s *loket.Staff, c commandSpec) bool {
	switch {
	case c.action != "":
		return o.mayEver(s, c.action)
	case c.role != "":
		return s.Has(c.role)
	}
	return true
}

// command is a parsed staff command.
type command struct {
	commandSpec
	typed string // the spelling typed, lower-case: hints repeat it ("/verify", not "/verifikasi")
	ref   string
	args  string // what follows the command and the reference
}

// parseCommand reads "/name [reference] [args]" in any case; false for a name not in
// staffCommands (whose command then holds the word typed, for the answer).
func parseCommand(text string) (command, bool) {
	fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(text), "/"))
	if len(fields) == 0 {
		return command{}, false
	}
	word := strings.ToLower(fields[0])
	c := command{commandSpec: commandSpec{name: word}, typed: word}
	found := false
	for _, spec := range staffCommands {
		if word == spec.name || word == spec.english {
			c.commandSpec, found = spec, true
		}
	}
	if !found {
		return c, false
	}
	rest := fields[1:]
	if len(rest) > 0 {
		if ref, ok := loket.ParseRef(rest[0]); ok {
			c.ref, rest = ref, rest[1:]
		}
	}
	c.args = strings.Join(rest, " ")
	return c, true
}

// help lists every command the sender may give, one line and example each.
func (h *handling) help() string {
	lines := []string{say(helpHead{})}
	for _, c := range staffCommands {
		if h.o.mayGive(h.me, c) {
			lines = append(lines, say(helpLine{Command: c.name}))
		}
	}
	return strings.Join(lines, "\n")
}
