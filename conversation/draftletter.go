package conversation

// draftLetter answers `draf surat`: the draft request letter of the service being
// applied for, filled in from the answers given so far (blanks where none yet), as a
// .docx the unit puts on its letterhead and signs, and a .pdf to look at. Then the
// dialog goes on where it was.
func (t *turn) draftLetter() error {
	if !t.s.drafting() {
		t.reply(t.say(draftNoService{}))
		return nil
	}
	svc, _ := t.current()
	if !t.c.Drafts.Has(svc.Code) {
		t.reply(t.say(draftNone{Title: svc.Title.In(t.s.Lang)}), t.whereWeAre())
		return nil
	}
	files, err := t.c.Drafts.Render(svc.Code, t.s.Answers, t.now)
	if err != nil {
		return err // a template that fails on these answers: tried again, then seen in the log
	}
	t.reply(t.say(draftSent{Title: svc.Title.In(t.s.Lang)}))
	t.attach(t.say(draftCaptionDOCX{}), files.DOCX)
	t.attach(t.say(draftCaptionPDF{}), files.PDF)
	t.reply(t.whereWeAre())
	return nil
}
