package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/uns-dtik/loket"
)

func checkLetters(c *contract) {
	l := loket.Letter{FileName: "surat.pdf", Size: 4, Pages: 1, SHA256: []byte{1, 2}, Data: []byte("%PDF")}
	id, err := c.Store.AddLetter(c.ctx, applicant, 5, l)
	if err != nil {
		c.Fatal(err)
	}
	if again, err := c.Store.AddLetter(c.ctx, applicant, 5, l); err != nil || again != id {
		c.Fatalf("the same message's letter stored again: %d, %v; want %d", again, err, id)
	}
	n := c.draft("ZM", applicant)
	n.LetterID = id
	r := c.file(n, day(0))
	if r.Letter == nil || r.Letter.ID != id || r.Letter.FileName != "surat.pdf" || r.Letter.Pages != 1 || len(r.Letter.Data) != 0 {
		c.Fatalf("the filed request's letter: %+v; want its metadata without content", r.Letter)
	}
	if err := c.Store.DropLetters(c.ctx, applicant, []int64{id}); err != nil {
		c.Fatal(err)
	}
	if r, err := c.Store.RequestByRef(c.ctx, r.Ref); err != nil || r.Letter == nil {
		c.Fatalf("a filed request's letter was dropped: %+v, %v", r, err)
	}
	reused := c.draft("ZM", applicant)
	reused.LetterID = id
	if _, err := c.Store.FileRequest(c.ctx, reused, day(1), nil); !errors.Is(err, loket.ErrLetterGone) {
		c.Fatalf("a draft with another request's letter: %v, want ErrLetterGone", err)
	}
	theirs, _ := c.Store.AddLetter(c.ctx, "6289999999999", 6, l)
	dropped, _ := c.Store.AddLetter(c.ctx, applicant, 7, l)
	if err := c.Store.DropLetters(c.ctx, applicant, []int64{dropped}); err != nil {
		c.Fatal(err)
	}
	for _, letter := range []int64{theirs, dropped} {
		n := c.draft("ZM", applicant)
		n.LetterID = letter
		if _, err := c.Store.FileRequest(c.ctx, n, day(1), nil); !errors.Is(err, loket.ErrLetterGone) {
			c.Fatalf("a draft with letter %d (another chat's, or dropped): %v, want ErrLetterGone", letter, err)
		}
	}
	if next := c.file(c.draft("ZM", applicant), day(2)); next.Ref != "ZM-2026-0002" {
		c.Fatalf("after refused filings the next reference is %s, want ZM-2026-0002: a refusal files nothing", next.Ref)
	}
}

func checkUnique(c *contract) {
	semnas := loket.Field{Key: "username", Value: "semnas"}
	first := c.draft("EM", applicant, semnas)
	first.Unique = []string{"username"}
	r := c.file(first, day(0))
	second := c.draft("EM", "6289999999999", semnas)
	second.Unique = []string{"username"}
	_, err := c.Store.FileRequest(c.ctx, second, day(1), nil)
	var taken *loket.TakenError
	if !errors.As(err, &taken) || taken.Key != "username" || taken.Value != "semnas" {
		c.Fatalf("filing a username taken: %v, want TakenError", err)
	}
	if got, err := c.Store.FieldTaken(c.ctx, "username", "semnas", 0); err != nil || !got {
		c.Fatalf("FieldTaken = %v, %v; want taken", got, err)
	}
	if got, _ := c.Store.FieldTaken(c.ctx, "username", "semnas", r.ID); got {
		c.Fatal("FieldTaken counts the request left out")
	}
	if got, _ := c.Store.FieldTaken(c.ctx, "event", "semnas", 0); got {
		c.Fatal("FieldTaken matches another field's value")
	}
	c.move(r, loket.StatusSubmitted, loket.StatusRejected, day(1))
	if got, _ := c.Store.FieldTaken(c.ctx, "username", "semnas", 0); got {
		c.Fatal("a rejected request still claims its username")
	}
	c.file(second, day(2))
}

func checkMoves(c *contract) {
	a, b := c.file(c.draft("ZM", applicant), day(0)), c.file(c.draft("ZM", applicant), day(1))
	stale := loket.Move{RequestID: a.ID, From: loket.StatusVerified, To: loket.StatusDisposed, Actor: admin, At: day(2)}
	if err := c.Store.MoveRequest(c.ctx, stale); !errors.Is(err, loket.ErrMoved) {
		c.Fatalf("a move from a status the request is not in: %v, want ErrMoved", err)
	}
	c.move(b, loket.StatusSubmitted, loket.StatusVerified, day(2))
	c.move(a, loket.StatusSubmitted, loket.StatusVerified, day(3))
	if err := c.Store.MoveRequest(c.ctx, loket.Move{RequestID: a.ID, From: loket.StatusSubmitted, To: loket.StatusRejected, At: day(3)}); !errors.Is(err, loket.ErrMoved) {
		c.Fatalf("a second move from the same status: %v, want ErrMoved", err)
	}
	queue, err := c.Store.Queue(c.ctx, []loket.Status{loket.StatusVerified}, "", 0)
	if err != nil || len(queue) != 2 || queue[0].ID != b.ID || queue[1].ID != a.ID {
		c.Fatalf("the verified queue %+v, %v; want the oldest change first", queue, err)
	}
	awaiting, err := c.Store.Awaiting(c.ctx, []loket.Status{loket.StatusVerified})
	if err != nil || len(awaiting) != 2 || awaiting[0].ID != a.ID {
		c.Fatalf("awaiting %+v, %v; want the oldest request first", awaiting, err)
	}
	dispose := loket.Move{RequestID: a.ID, From: loket.StatusVerified, To: loket.StatusDisposed, Actor: admin, Role: "pimpinan",
		Note: "tolong", Assignee: "+6281100000003", At: day(4), Notify: []loket.Notification{{Chat: "6281100000003", Text: "untukmu"}}}
	if err := c.Store.MoveRequest(c.ctx, dispose); err != nil {
		c.Fatal(err)
	}
	mine, err := c.Store.Queue(c.ctx, []loket.Status{loket.StatusDisposed}, "+6281100000003", 1)
	if err != nil || len(mine) != 1 || mine[0].ID != a.ID || mine[0].Assignee != "+6281100000003" || !mine[0].UpdatedAt.Equal(day(4)) {
		c.Fatalf("the assignee's queue %+v, %v", mine, err)
	}
	events, _ := c.Store.Timeline(c.ctx, a.ID)
	if last := events[len(events)-1]; len(events) != 3 || last.Note != "tolong" || last.Role != "pimpinan" || last.From != loket.StatusVerified {
		c.Fatalf("timeline %+v", events)
	}
	told := c.Sent(c, "6281100000003")
	if len(told) != 1 || told[0].Text != "untukmu" || told[0].RequestID != a.ID {
		c.Fatalf("the assignee was told %+v", told)
	}
	if r, err := c.Store.RequestByMessageID(c.ctx, told[0].MsgID); err != nil || r.ID != a.ID {
		c.Fatalf("the request of the notification quoted: %+v, %v", r, err)
	}
	if err := c.Store.Notify(c.ctx, 0, []loket.Notification{{Chat: "6281100000003", Text: "halo"}}, day(5), nil); err != nil {
		c.Fatal(err)
	}
	if told = c.Sent(c, "6281100000003"); len(told) != 2 {
		c.Fatalf("after Notify the assignee was told %+v", told)
	}
	if _, err := c.Store.RequestByMessageID(c.ctx, told[1].MsgID); !errors.Is(err, loket.ErrNotFound) {
		c.Fatalf("a notification about no request: %v, want ErrNotFound", err)
	}
}

func checkResubmit(c *contract) {
	if err := c.Store.AddStaff(c.ctx, admin, loket.RoleAdmin, "Rina", nil, nil); err != nil {
		c.Fatal(err)
	}
	r := c.file(c.draft("ZM", applicant, loket.Field{Key: "name", Value: "Budi"}), day(0))
	c.move(r, loket.StatusSubmitted, loket.StatusRevision, day(1))
	n := loket.NewRequest{DraftID: "revision-1", Service: "ZM", Chat: applicant, Phone: "+" + applicant,
		Fields: []loket.Field{{Key: "name", Value: "Budi Santoso"}}}
	m := loket.Move{RequestID: r.ID, From: loket.StatusRevision, To: loket.StatusSubmitted, Actor: "+" + applicant, Role: loket.ApplicantRole, At: day(2)}
	notHers := n
	notHers.Chat = "6289999999999"
	if _, err := c.Store.ResubmitRequest(c.ctx, notHers, m, tellAdmin); !errors.Is(err, loket.ErrMoved) {
		c.Fatalf("another chat resubmitting: %v, want ErrMoved", err)
	}
	for range 2 {
		got, err := c.Store.ResubmitRequest(c.ctx, n, m, tellAdmin)
		if err != nil || got.Status != loket.StatusSubmitted || got.Field("name") != "Budi Santoso" || !got.UpdatedAt.Equal(day(2)) {
			c.Fatalf("resubmitted %+v, %v", got, err)
		}
	}
	if events, _ := c.Store.Timeline(c.ctx, r.ID); len(events) != 3 || events[2].From != loket.StatusRevision || events[2].Role != loket.ApplicantRole {
		c.Fatalf("after resubmitting twice the timeline is %+v, want one resubmission", events)
	}
	told := texts(c.Sent(c, admin[1:]))
	if !slices.Equal(told, []string{r.Ref + " from  to staff: Rina", r.Ref + " from revision to staff: Rina"}) {
		c.Fatalf("the admin was told %q; want the filing, then the correction once, from revision", told)
	}
	n.DraftID = "revision-2"
	if _, err := c.Store.ResubmitRequest(c.ctx, n, m, tellAdmin); !errors.Is(err, loket.ErrMoved) {
		c.Fatalf("another draft resubmitted after the request moved on: %v, want ErrMoved", err)
	}
}

func checkStaff(c *contract) {
	for _, s := range []struct {
		phone, name string
		role        loket.Role
	}{{"+6281100000003", "Andi", loket.RoleStaf}, {admin, "Rina", loket.RoleStaf}, {admin, "Rina", loket.RoleAdmin}} {
		if err := c.Store.AddStaff(c.ctx, s.phone, s.role, s.name, nil, nil); err != nil {
			c.Fatal(err)
		}
	}
	list, err := c.Store.ListStaff(c.ctx)
	if err != nil || len(list) != 2 || list[0].Name != "Andi" || list[1].Phone != admin ||
		!slices.Equal(list[1].Roles, []loket.Role{loket.RoleAdmin, loket.RoleStaf}) || list[1].Since.IsZero() {
		c.Fatalf("staff %+v, %v; want by name, roles in the lifecycle's order", list, err)
	}
	if _, err := c.Store.StaffByPhone(c.ctx, "+6281100000009"); !errors.Is(err, loket.ErrNotFound) {
		c.Fatalf("an unknown number: %v, want ErrNotFound", err)
	}
	if n, err := c.Store.RemoveStaff(c.ctx, admin, loket.RolePimpinan, nil); err != nil || n != 0 {
		c.Fatalf("removing a role not held: %d, %v", n, err)
	}
	if n, _ := c.Store.RemoveStaff(c.ctx, admin, loket.RoleStaf, nil); n != 1 {
		c.Fatalf("removing one role took %d", n)
	}
	if s, err := c.Store.StaffByPhone(c.ctx, admin); err != nil || !slices.Equal(s.Roles, []loket.Role{loket.RoleAdmin}) || s.Name != "Rina" {
		c.Fatalf("after removing staf: %+v, %v", s, err)
	}
	if n, _ := c.Store.RemoveStaff(c.ctx, "+6281100000003", "", nil); n != 1 {
		c.Fatalf("removing every role took %d", n)
	}
	if _, err := c.Store.StaffByPhone(c.ctx, "+6281100000003"); !errors.Is(err, loket.ErrNotFound) {
		c.Fatalf("a number without roles: %v, want ErrNotFound", err)
	}
}

// checkLastPimpinan: the storage itself refuses to take the last pimpinan's role,
// whoever asks: a check made before the removal, in another transaction, can be raced.
func checkLastPimpinan(c *contract) {
	const ary, budi = "+6281100000002", "+6281100000004"
	for _, s := range []struct {
		phone string
		role  loket.Role
	}{{ary, loket.RolePimpinan}, {budi, loket.RolePimpinan}, {budi, loket.RoleAdmin}, {admin, loket.RoleAdmin}} {
		if err := c.Store.AddStaff(c.ctx, s.phone, s.role, "P"+s.phone, nil, nil); err != nil {
			c.Fatal(err)
		}
	}
	if n, err := c.Store.RemoveStaff(c.ctx, ary, loket.RolePimpinan, nil); err != nil || n != 1 {
		c.Fatalf("removing one of two pimpinans: %d, %v", n, err)
	}
	for _, role := range []loket.Role{loket.RolePimpinan, ""} {
		if n, err := c.Store.RemoveStaff(c.ctx, budi, role, nil); !errors.Is(err, loket.ErrLastPimpinan) || n != 0 {
			c.Fatalf("removing the last pimpinan (role %q): %d, %v; want ErrLastPimpinan", role, n, err)
		}
	}
	if n, err := c.Store.RemoveStaff(c.ctx, budi, loket.RoleAdmin, nil); err != nil || n != 1 {
		c.Fatalf("removing the last pimpinan's other role: %d, %v", n, err)
	}
	if n, err := c.Store.RemoveStaff(c.ctx, admin, "", nil); err != nil || n != 1 {
		c.Fatalf("removing someone else while one pimpinan is left: %d, %v", n, err)
	}
	if s, err := c.Store.StaffByPhone(c.ctx, budi); err != nil || !slices.Equal(s.Roles, []loket.Role{loket.RolePimpinan}) {
		c.Fatalf("the last pimpinan: %+v, %v", s, err)
	}
}

// checkWelcome: a role new to a staff member comes with the welcomer's notes, written
// with the change, given the member as changed and every request awaiting staff,
// oldest first (a revision is the applicant's, a closed request nobody's); a role held
// already is not welcomed again, and a welcomer with nothing to say writes nothing.
func checkWelcome(c *contract) {
	var refs []string
	for i, to := range [][]loket.Status{nil, {loket.StatusVerified}, {loket.StatusRevision},
		{loket.StatusVerified, loket.StatusDisposed}, {loket.StatusRejected}} {
		// Filed before any staff member exists: announced to nobody.
		r, err := c.Store.FileRequest(c.ctx, c.draft("ZM", applicant), day(i), nil)
		if err != nil {
			c.Fatal(err)
		}
		from := loket.StatusSubmitted
		for _, next := range to {
			c.move(r, from, next, day(i))
			from = next
		}
		refs = append(refs, r.Ref)
	}
	welcome := func(s loket.Staff, role loket.Role, awaiting []*loket.Request) []loket.Notification {
		var rows []string
		for _, r := range awaiting {
			rows = append(rows, r.Ref+" "+string(r.Status))
		}
		return []loket.Notification{{Chat: s.Phone[1:], Text: fmt.Sprintf("%s %v given %s: %s", s.Name, s.Roles, role, strings.Join(rows, ", "))}}
	}
	for _, s := range []struct {
		role loket.Role
		name string
	}{{loket.RoleAdmin, "Rina"}, {loket.RoleAdmin, "Rina W"}, {loket.RolePimpinan, "Rina W"}} {
		if err := c.Store.AddStaff(c.ctx, admin, s.role, s.name, nil, welcome); err != nil {
			c.Fatal(err)
		}
	}
	if err := c.Store.AddStaff(c.ctx, "+6281100000003", loket.RoleStaf, "Andi", nil,
		func(loket.Staff, loket.Role, []*loket.Request) []loket.Notification { return nil }); err != nil {
		c.Fatal(err)
	}
	waiting := fmt.Sprintf("%s submitted, %s verified, %s disposed", refs[0], refs[1], refs[3])
	want := []string{"Rina [admin] given admin: " + waiting, "Rina W [admin pimpinan] given pimpinan: " + waiting}
	if told := c.Sent(c, admin[1:]); !slices.Equal(texts(told), want) || told[0].RequestID != 0 {
		c.Fatalf("the staff member was told %+v, want %q, about no one request", told, want)
	}
	if told := c.Sent(c, "6281100000003"); len(told) != 0 {
		c.Fatalf("a welcome with nothing to say wrote %+v", told)
	}
}
