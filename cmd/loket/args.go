package main

import (
	"fmt"
	"strings"

	"github.com/uns-dtik/loket"
)

// usageError is a command line Loket cannot run: what is wrong with it, and the line
// that would work. It is found before anything is started, so a mistake costs no
// database connection and names what is missing.
type usageError struct {
	problem string
	usage   []string
}

func (e *usageError) Error() string {
	return e.problem + "\nusage: " + strings.Join(e.usage, "\n       ")
}

// The command lines checkArgs holds a command to, as the usage text shows them.
var (
	staffUsage = []string{`loket staff add <number> <admin|pimpinan|staf> "<name>"`, "loket staff remove <number> [role]", "loket staff list"}
	zoomUsage  = []string{"loket zoom import users.csv"}
	pairUsage  = []string{"loket pair --phone 6281234567890   (the bot's own number)"}
)

// checkArgs checks a known command's arguments: each one missing is named, and so is
// the first one too many. Unknown commands are run's to refuse.
func checkArgs(args []string) error {
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help", "version", "--version", "run", "migrate", "sim":
		return atMost(cmd, rest, 0, []string{"loket " + cmd})
	case "whatsapp-sim":
		return atMost("whatsapp-sim", rest, 1, []string{"loket whatsapp-sim [127.0.0.1:8081]"})
	case "health":
		if len(rest) == 1 && rest[0] != "--ready" {
			return &usageError{fmt.Sprintf("health: unknown option %q", rest[0]), []string{"loket health [--ready]"}}
		}
		return atMost("health", rest, 1, []string{"loket health [--ready]"})
	case "check-letter":
		return atMost("check-letter", rest, 1, []string{"loket check-letter surat.pdf", "loket check-letter < surat.pdf"})
	case "pair":
		return checkPair(rest)
	case "zoom":
		switch {
		case len(rest) == 0:
			return &usageError{"zoom: say what to do with the Zoom roster", zoomUsage}
		case rest[0] != "import":
			return &usageError{fmt.Sprintf("zoom: unknown subcommand %q", rest[0]), zoomUsage}
		case len(rest) == 1:
			return &usageError{"zoom import: the roster file (the Zoom admin's CSV export) is missing", zoomUsage}
		}
		return atMost("zoom import", rest[1:], 1, zoomUsage)
	case "staff":
		return checkStaff(rest)
	}
	return nil
}

// atMost refuses more than n arguments, naming the first one too many.
func atMost(cmd string, rest []string, n int, usage []string) error {
	if len(rest) > n {
		return &usageError{fmt.Sprintf("%s: unexpected argument %q", cmd, rest[n]), usage}
	}
	return nil
}

func checkPair(rest []string) error {
	switch {
	case len(rest) == 0 || rest[0] != "--phone":
		if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			return &usageError{fmt.Sprintf("pair: put --phone before the number (%s)", rest[0]), pairUsage}
		}
		return &usageError{"pair: the bot's own number (--phone) is missing", pairUsage}
	case len(rest) == 1:
		return &usageError{"pair --phone: the bot's own number is missing", pairUsage}
	}
	if _, err := loket.ParsePhone(rest[1]); err != nil {
		return &usageError{fmt.Sprintf("pair: %q is not a phone number", rest[1]), pairUsage}
	}
	return atMost("pair --phone", rest[1:], 1, pairUsage)
}

func checkStaff(rest []string) error {
	if len(rest) == 0 {
		return &usageError{"staff: say what to do: add, remove or list", staffUsage}
	}
	switch sub, args := rest[0], rest[1:]; sub {
	case "list":
		return atMost("staff list", args, 0, staffUsage[2:])
	case "add":
		missing := []string{"the number", "the role (admin, pimpinan or staf)", "the name"}
		if len(args) < len(missing) {
			return &usageError{"staff add: " + missing[len(args)] + " is missing", staffUsage[:1]}
		}
		return nil // the name may be several words
	case "remove":
		if len(args) == 0 {
			return &usageError{"staff remove: the number is missing", staffUsage[1:2]}
		}
		return atMost("staff remove", args, 2, staffUsage[1:2])
	default:
		return &usageError{fmt.Sprintf("staff: unknown subcommand %q", sub), staffUsage}
	}
}

// splitFlags reads "--phone=628…" as "--phone 628…", as people type flags both ways.
func splitFlags(args []string) []string {
	var out []string
	for _, a := range args {
		if name, value, ok := strings.Cut(a, "="); ok && strings.HasPrefix(name, "--") {
			out = append(out, name, value)
			continue
		}
		out = append(out, a)
	}
	return out
}
