// Package conversation is the applicant's side of Loket: the service catalog, each
// service's dialog (a looplab/fsm state machine rebuilt from the Redis session on
// every message), the field validators, and the menu, status, help, back, edit and
// cancel commands around them.
//
// It speaks loket.Message in and loket.Reply out and never imports whatsmeow, so it is
// tested without WhatsApp; the store it needs is the small Store interface below.
package conversation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// Store is what the dialog needs from PostgreSQL (store.DB satisfies it).
type Store interface {
	FileRequest(ctx context.Context, n loket.NewRequest, now time.Time, announce loket.Announcer) (*loket.Request, error)
	ResubmitRequest(ctx context.Context, n loket.NewRequest, requestID int64, now time.Time, announce loket.Announcer) (*loket.Request, error)
	ChatRequest(ctx context.Context, chat, ref string) (*loket.Request, error)
	ChatRequests(ctx context.Context, chat string, limit int) ([]*loket.Request, error)
	Timeline(ctx context.Context, requestID int64) ([]loket.Event, error)
	FieldTaken(ctx context.Context, key, value string, except int64) (bool, error)
	InZoomRoster(ctx context.Context, email string) (loaded, found bool, err error)
	AddLetter(ctx context.Context, chat string, seq int64, l loket.Letter) (int64, error)
	DropLetters(ctx context.Context, chat string, ids []int64) error
	OpenQuestionnaire(ctx context.Context, chat string, since time.Time, seq int64) (*loket.Questionnaire, error)
	AnswerQuestionnaire(ctx context.Context, requestID int64, step int, answer any, now time.Time, seq int64) error
}

// PauseBeforeAsking is how long a draft may rest before the applicant is asked whether
// to continue it or start again.
const PauseBeforeAsking = 30 * time.Minute

// Conversation applies applicants' messages to their dialogs. Set the fields; the
// zero values of Now, TTL and Log are usable.
type Conversation struct {
	Catalog  *Catalog
	Store    Store
	Sessions SessionStore
	// TTL is how long an untouched session lives (default 72h).
	TTL time.Duration
	// Announce, when set, composes the notifications a filed request causes; they are
	// written in the filing transaction (the back office tells the admins).
	Announce loket.Announcer
	// Letters checks request letters, each in a child process (default: a checker
	// with letter's defaults, running this executable, whose main must call
	// letter.ChildMain).
	Letters *letter.Checker
	// Observe, when set, is told how dialogs end and letter checks go (the bot's
	// metrics).
	Observe Observer
	// Now is the clock (default time.Now); tests inject their own.
	Now func() time.Time
	Log *slog.Logger
}

// Observer is told what happens in dialogs, for the metrics (bot.Metrics satisfies
// it): service codes and outcomes only, never who. A turn run again after a crash
// may tell it twice.
type Observer interface {
	// Dialog is told a dialog of service was "started", "completed" (filed) or
	// "abandoned" (cancelled, restarted, or left for another service).
	Dialog(service, outcome string)
	// LetterChecked is told "accepted" or the refusal's code.
	LetterChecked(outcome string)
}

// defaultLetters is the checker of a Conversation without one: its concurrency bound
// is per checker, so all such conversations share one.
var defaultLetters = &letter.Checker{}

func (c *Conversation) letters() *letter.Checker {
	if c.Letters != nil {
		return c.Letters
	}
	return defaultLetters
}

func (c *Conversation) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Conversation) ttl() time.Duration {
	if c.TTL > 0 {
		return c.TTL
	}
	return 72 * time.Hour
}

func (c *Conversation) log() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.Default()
}

// Handle applies one message and returns the replies. It is idempotent per msg.Seq:
// a message the session already covers changes nothing and gets the same replies,
// and what a turn writes to PostgreSQL (a request, a letter, a questionnaire answer)
// is keyed so that the same turn run again finds it written. An error means the
// session was not saved and the message should be tried again.
func (c *Conversation) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	sess, version, err := c.loadSession(ctx, msg.Chat)
	if err != nil {
		return nil, err
	}
	// Only the last message applied can come again: the bot marks each handled before
	// it hands over the next. A lower sequence is a message sent earlier and
	// recorded later (after an outage), applied now in its turn.
	if msg.Seq != 0 && msg.Seq == sess.LastSeq {
		return sess.LastReplies, nil
	}
	letterBefore := c.draftLetter(sess)
	serviceBefore, draftBefore := sess.Service, sess.DraftID
	t := &turn{c: c, s: sess, msg: msg, now: c.now()}
	if err := t.run(ctx); err != nil {
		return nil, err
	}
	replies := make([]loket.Reply, 0, len(t.out))
	for _, text := range t.out {
		replies = append(replies, loket.Reply{Chat: msg.Chat, Text: text})
	}
	sess.LastSeq, sess.LastReplies, sess.Updated = msg.Seq, replies, t.now
	if err := c.saveSession(ctx, msg.Chat, sess, version); err != nil {
		return nil, err
	}
	c.observeDialog(serviceBefore, draftBefore, sess, t.filed)
	// Only a draft's current letter is kept: one replaced, or left by a draft given
	// up, goes now (a filed one belongs to its request and stays). Should this fail,
	// the clean-up of expired drafts' letters takes it later.
	if letterBefore != 0 && letterBefore != c.draftLetter(sess) {
		if err := c.Store.DropLetters(ctx, msg.Chat, []int64{letterBefore}); err != nil {
			c.log().Warn("could not drop a replaced letter", "err", err)
		}
	}
	return replies, nil
}

// observeDialog tells the observer how the turn changed the draft: one that ended was
// completed (filed) or abandoned, and a new one started.
func (c *Conversation) observeDialog(serviceBefore, draftBefore string, after *Session, filed bool) {
	if c.Observe == nil || after.DraftID == draftBefore {
		return
	}
	if draftBefore != "" {
		outcome := "abandoned"
		if filed {
			outcome = "completed"
		}
		c.Observe.Dialog(serviceBefore, outcome)
	}
	if after.DraftID != "" {
		c.Observe.Dialog(after.Service, "started")
	}
}

// draftLetter is the ID of the letter s's draft holds, 0 for none.
func (c *Conversation) draftLetter(s *Session) int64 {
	svc := c.Catalog.Service(s.Service)
	if svc == nil {
		return 0
	}
	f := letterField(svc)
	if f == nil {
		return 0
	}
	v, ok := s.Answers[f.Key]
	if !ok {
		return 0
	}
	id, _, err := letterAnswer(v)
	if err != nil {
		return 0
	}
	return id
}

// turn is the handling of one message.
type turn struct {
	c   *Conversation
	s   *Session
	msg loket.Message
	now time.Time
	out []string
	// asked is set once this turn asked a questionnaire question.
	asked bool
	// filed is set once this turn filed (or resubmitted) the draft.
	filed bool
	// openQ is the chat's open questionnaire, once openQRead.
	openQ     *loket.Questionnaire
	openQRead bool
	// cmd is the message's text normalised for matching commands: lower-case, single
	// spaces, no zero-width characters; empty for long texts, which are never commands.
	cmd string
}

func (t *turn) say(code string, args ...any) string { return say(t.s.Lang, code, args...) }
func (t *turn) reply(parts ...string)               { t.out = append(t.out, lines(parts...)) }

// run routes the message, then asks an open questionnaire's question again if the
// turn was about something else and left the applicant free.
func (t *turn) run(ctx context.Context) error {
	if err := t.route(ctx); err != nil {
		return err
	}
	return t.resumeQuestionnaire(ctx)
}

// route handles the message: language, a pending question, a long pause, the commands
// that work everywhere, then the dialog itself.
func (t *turn) route(ctx context.Context) error {
	if t.msg.Kind == loket.KindEdit {
		// The answer the edit changes was taken already; taking the new one silently
		// would leave the applicant unsure which counts.
		t.reply(t.say("edit_not_read"), t.whereWeAre())
		return nil
	}
	if t.msg.Kind == loket.KindText && len(t.msg.Text) <= 200 {
		t.cmd = normaliseCommand(t.msg.Text)
	}
	if lang, ok := languageWords[t.cmd]; ok {
		t.s.Lang = lang
		t.reply(t.say("language_set"), t.whereWeAre())
		return nil
	}
	if code, ok := strings.CutPrefix(t.s.Pending, "switch:"); ok {
		return t.answerSwitch(ctx, code)
	}
	switch t.s.Pending {
	case "cancel":
		return t.answerCancel()
	case "resume":
		return t.answerResume(ctx)
	case "menu":
		if done, err := t.answerMenu(ctx); done || err != nil {
			return err
		}
	}
	if t.s.drafting() && t.s.Pending == "" && t.now.Sub(t.s.Updated) > PauseBeforeAsking {
		t.s.Pending = "resume"
		switch t.cmd {
		case "lanjutkan", "lanjut", "continue", "mulai ulang", "ulang", "restart", "start again", "mulai lagi":
			return t.answerResume(ctx) // they already said what the question would ask
		}
		svc, f := t.current()
		t.reply(t.say("resume_ask", svc.Title.In(t.s.Lang), t.stepNumber(), len(svc.Fields), t.stepLabel(f)))
		return nil
	}
	if !t.s.drafting() && t.s.Pending == "" {
		if done, err := t.questionnaire(ctx); done || err != nil {
			return err
		}
	}
	return t.dialog(ctx)
}

// dialog handles the commands that work everywhere, then the menu or the draft.
func (t *turn) dialog(ctx context.Context) error {
	if done, err := t.globalCommand(ctx); done || err != nil {
		return err
	}
	if !t.s.drafting() {
		return t.idle(ctx)
	}
	if t.s.State == stateReview {
		return t.review(ctx)
	}
	return t.answerField(ctx)
}

var languageWords = map[string]loket.Lang{
	"english": loket.English, "in english": loket.English, "bahasa inggris": loket.English, "/english": loket.English,
	"indonesia": loket.Indonesian, "bahasa indonesia": loket.Indonesian, "bahasa": loket.Indonesian, "indonesian": loket.Indonesian,
}

// globalCommand handles the words that mean the same at every step.
func (t *turn) globalCommand(ctx context.Context) (bool, error) {
	word, rest, _ := strings.Cut(t.cmd, " ")
	switch {
	case t.cmd == "menu" || t.cmd == "mulai" || t.cmd == "start":
		t.showMenu("")
		return true, nil
	case t.cmd == "bantuan" || t.cmd == "help" || t.cmd == "tolong" || t.cmd == "?" || strings.HasPrefix(t.cmd, "/"):
		// A "/command" from an applicant gets the applicant's help, not a hint that
		// staff commands exist.
		t.help()
		return true, nil
	case word == "status" && (rest == "" || refPattern.MatchString(strings.ToUpper(rest))):
		// Only `status` and `status <reference>`: "Status update meeting" is an answer.
		return true, t.status(ctx, strings.ToUpper(rest))
	case (word == "perbaiki" || word == "fix" || word == "revisi") && refPattern.MatchString(strings.ToUpper(rest)):
		return true, t.reopen(ctx, strings.ToUpper(rest))
	case t.cmd == "batal" || t.cmd == "cancel" || t.cmd == "batalkan":
		if !t.s.drafting() {
			t.reply(t.say("nothing_to_cancel"))
			return true, nil
		}
		t.s.Pending = "cancel"
		svc, _ := t.current()
		t.reply(t.say("cancel_confirm", svc.Title.In(t.s.Lang)))
		return true, nil
	case t.s.drafting() && (t.cmd == "kembali" || t.cmd == "back" || t.cmd == "sebelumnya"):
		return true, t.back(ctx)
	case t.s.drafting() && (t.cmd == "lanjut" || t.cmd == "lanjutkan" || t.cmd == "continue"):
		t.reply(t.whereWeAre())
		return true, nil
	}
	return false, nil
}

func (t *turn) answerCancel() error {
	switch yesNo(t.cmd) {
	case yes:
		t.s.clearDraft()
		t.reply(t.say("cancel_done"))
	case no:
		t.s.Pending = ""
		t.reply(t.say("cancel_kept"), t.whereWeAre())
	default:
		t.reply(t.say("cancel_unclear"))
	}
	return nil
}

func (t *turn) answerResume(ctx context.Context) error {
	switch t.cmd {
	case "lanjutkan", "lanjut", "continue", "ya", "yes":
		t.s.Pending = ""
		t.reply(t.whereWeAre())
	case "mulai ulang", "ulang", "restart", "start again", "mulai lagi":
		code := t.s.Service
		t.s.clearDraft()
		return t.start(ctx, t.c.Catalog.Service(code))
	case "batal", "cancel":
		t.s.Pending = "cancel"
		svc, _ := t.current()
		t.reply(t.say("cancel_confirm", svc.Title.In(t.s.Lang)))
	default:
		t.reply(t.say("resume_unclear"))
	}
	return nil
}

// answerMenu takes a choice after "menu" was shown during a draft. It reports false
// when the message is not a menu choice, so it is handled as an answer instead.
func (t *turn) answerMenu(ctx context.Context) (bool, error) {
	t.s.Pending = ""
	if !t.s.drafting() {
		if svc := t.c.Catalog.match(t.cmd); svc != nil {
			return true, t.start(ctx, svc)
		}
		return false, nil
	}
	// With a draft at stake only an exact choice counts: an answer that merely holds a
	// service's keyword is an answer to the draft's question.
	svc := t.c.Catalog.choice(t.cmd)
	if svc == nil {
		return false, nil
	}
	if svc.Code == t.s.Service {
		t.reply(t.whereWeAre())
		return true, nil
	}
	cur, _ := t.current()
	t.s.Pending = "switch:" + svc.Code
	t.reply(t.say("switch_confirm", cur.Title.In(t.s.Lang), t.stepNumber(), len(cur.Fields), svc.Title.In(t.s.Lang)))
	return true, nil
}

// answerSwitch takes the answer to "drop the draft and start another service?".
func (t *turn) answerSwitch(ctx context.Context, code string) error {
	switch yesNo(t.cmd) {
	case yes:
		t.s.clearDraft()
		return t.start(ctx, t.c.Catalog.Service(code))
	case no:
		t.s.Pending = ""
		t.reply(t.say("cancel_kept"), t.whereWeAre())
	default:
		t.reply(t.say("switch_unclear"))
	}
	return nil
}

// idle handles a message when no draft is in progress: a menu choice starts a
// service; anything else gets the greeting and the menu.
func (t *turn) idle(ctx context.Context) error {
	if svc := t.c.Catalog.match(t.cmd); svc != nil {
		return t.start(ctx, svc)
	}
	var lead string
	switch {
	case !t.s.Greeted:
		name := ""
		if n := strings.TrimSpace(t.msg.Name); n != "" && len(n) < 60 {
			name = " " + n
		}
		lead = t.say("greeting", name)
		t.s.Greeted = true
	case t.msg.Kind != loket.KindText:
		lead = t.say("idle_not_text", t.say("kind_"+string(t.msg.Kind)))
	case loket.IsDigits(t.cmd):
		lead = t.say("menu_unknown", t.cmd)
	}
	t.showMenu(lead)
	return nil
}

func (t *turn) showMenu(lead string) {
	var items []string
	for i, s := range t.c.Catalog.Services {
		items = append(items, fmt.Sprintf("%d. %s", i+1, s.Title.In(t.s.Lang)))
	}
	note := ""
	switch {
	case t.s.drafting():
		svc, _ := t.current()
		note = t.say("menu_draft_kept", svc.Title.In(t.s.Lang), t.stepNumber(), len(svc.Fields))
		t.s.Pending = "menu"
	case t.openQ != nil:
		// The next number is a menu choice, not a rating: the questionnaire waits and
		// is asked again once the applicant is done with what they came for.
		note = t.say("menu_questionnaire_waits", t.openQ.Ref)
		t.s.Pending = "menu"
	}
	t.reply(lead, t.say("menu", strings.Join(items, "\n")), note)
}

func (t *turn) help() {
	if !t.s.drafting() {
		t.reply(t.say("help_idle"))
		return
	}
	svc, f := t.current()
	if f == nil {
		t.reply(t.say("help_step", svc.Title.In(t.s.Lang), t.say("review_unclear")))
		return
	}
	t.reply(t.say("help_step", f.Label.In(t.s.Lang), t.prompt(svc, f)))
}

// match finds the service a menu answer names: its number, its code, or a keyword.
func (c *Catalog) match(cmd string) *Service {
	if s := c.choice(cmd); s != nil || cmd == "" {
		return s
	}
	words := strings.Fields(cmd)
	for _, s := range c.Services {
		for _, k := range s.Keywords {
			for _, w := range words {
				if w == k {
					return s
				}
			}
		}
	}
	return nil
}

// choice finds the service an answer names exactly: its menu number, code or title.
// A keyword in a sentence ("Webinar Nasional 2026") is not a choice.
func (c *Catalog) choice(cmd string) *Service {
	if cmd == "" {
		return nil
	}
	for i, s := range c.Services {
		if cmd == fmt.Sprint(i+1) || strings.EqualFold(cmd, s.Code) ||
			strings.EqualFold(cmd, s.Title.ID) || strings.EqualFold(cmd, s.Title.EN) {
			return s
		}
	}
	return nil
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

// errNotFound lets status tell "not yours or not there" from a failure.
var errNotFound = loket.ErrNotFound

func isNotFound(err error) bool { return errors.Is(err, errNotFound) }
