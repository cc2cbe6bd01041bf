package storetest

import (
	"slices"

	"github.com/uns-dtik/loket"
)

// checkComplaints: a complaint is filed as any request is, with its own counter
// (KL-2026-0001 beside ZM-2026-0001) and a screenshot stored as a file without pages;
// in the complaint table's answered status it is still what waits on staff (the
// queue, the reminders, a new admin's welcome), and once done it is not.
func checkComplaints(c *contract) {
	zoom := c.file(c.draft("ZM", applicant), day(0))
	shot := loket.Letter{FileName: "tangkapan-layar.png", Size: 4, SHA256: make([]byte, 32), Data: []byte("\x89PNG")}
	id, err := c.Store.AddLetter(c.ctx, applicant, 0, shot)
	if err != nil {
		c.Fatal(err)
	}
	n := c.draft("KL", applicant, loket.Field{Key: "about", Value: zoom.Ref}, loket.Field{Key: "what", Value: "undangan belum masuk"})
	n.LetterID = id
	kl := c.file(n, day(1))
	plain := c.file(c.draft("KL", applicant, loket.Field{Key: "what", Value: "webmail galat"}), day(2))
	next := c.file(c.draft("ZM", applicant), day(2))
	if kl.Ref != "KL-2026-0001" || plain.Ref != "KL-2026-0002" || next.Ref != "ZM-2026-0002" {
		c.Fatalf("references %s %s %s, want KL-2026-0001 KL-2026-0002 ZM-2026-0002", kl.Ref, plain.Ref, next.Ref)
	}
	if kl.Letter == nil || kl.Letter.FileName != shot.FileName || kl.Letter.Pages != 0 || plain.Letter != nil {
		c.Fatalf("the screenshot: %+v; without one: %+v", kl.Letter, plain.Letter)
	}
	if err := c.Store.MoveRequest(c.ctx, loket.Move{RequestID: kl.ID, From: loket.StatusSubmitted, To: loket.StatusAnswered,
		Actor: admin, Role: "admin", Note: "sudah dikirim ulang", At: day(3)}); err != nil {
		c.Fatal(err)
	}
	refs := func(rs []*loket.Request, err error) []string {
		c.Helper()
		if err != nil {
			c.Fatal(err)
		}
		var out []string
		for _, r := range rs {
			out = append(out, r.Ref)
		}
		slices.Sort(out)
		return out
	}
	awaiting := loket.Lifecycles.AwaitingStaff()
	want := []string{"KL-2026-0001", "KL-2026-0002", "ZM-2026-0001", "ZM-2026-0002"}
	if got := refs(c.Store.Queue(c.ctx, awaiting, "", 0)); !slices.Equal(got, want) {
		c.Fatalf("queued %v, want %v", got, want)
	}
	if got := refs(c.Store.Awaiting(c.ctx, []loket.Status{loket.StatusAnswered})); !slices.Equal(got, want[:1]) {
		c.Fatalf("answered %v, want %v", got, want[:1])
	}
	if got := refs(c.Store.Search(c.ctx, "undangan belum", 10)); !slices.Equal(got, want[:1]) {
		c.Fatalf("search %v, want %v", got, want[:1])
	}
	counts, err := c.Store.Counts(c.ctx)
	if err != nil || !slices.Contains(counts, loket.Count{Service: "KL", Status: loket.StatusAnswered, N: 1}) {
		c.Fatalf("counts %+v, %v", counts, err)
	}
	var welcomed []string
	if err := c.Store.AddStaff(c.ctx, admin, loket.RoleAdmin, "Rina", nil, func(_ loket.Staff, _ loket.Role, rs []*loket.Request) []loket.Notification {
		welcomed = refs(rs, nil)
		return nil
	}); err != nil || !slices.Equal(welcomed, want) {
		c.Fatalf("a new admin is welcomed with %v (%v), want %v", welcomed, err, want)
	}
	c.move(kl, loket.StatusAnswered, loket.StatusDone, day(4))
	if got := refs(c.Store.Queue(c.ctx, awaiting, "", 0)); slices.Contains(got, kl.Ref) {
		c.Fatalf("a closed complaint is queued: %v", got)
	}
}
