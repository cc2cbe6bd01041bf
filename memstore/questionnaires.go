package memstore

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/uns-dtik/loket"
)

// questionnaire is the feedback asked of a request's applicant after done.
type questionnaire struct {
	chat    string
	askedAt time.Time
	step    int
	answers [loket.QuestionnaireSteps]any
	lastSeq int64
	closed  bool
}

// OpenQuestionnaire implements loket.QuestionnaireStore.
func (db *DB) OpenQuestionnaire(_ context.Context, chat string, since time.Time, seq int64) (*loket.Questionnaire, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var out *loket.Questionnaire
	for id, q := range db.surveys {
		replayed := seq != 0 && q.lastSeq == seq
		if q.chat != chat || !q.askedAt.After(since) || (q.closed && !replayed) {
			continue
		}
		if out != nil && (out.AskedAt.Before(q.askedAt) || out.AskedAt.Equal(q.askedAt) && out.RequestID < id) {
			continue
		}
		r := db.byID(id)
		out = &loket.Questionnaire{RequestID: id, Ref: r.Ref, Service: r.Service, Step: q.step, AskedAt: q.askedAt}
		if replayed {
			out.Step-- // as it stood before seq answered it
		}
	}
	return out, nil
}

// AnswerQuestionnaire implements loket.QuestionnaireStore. A rating must be an int,
// as the store's integer column wants.
func (db *DB) AnswerQuestionnaire(_ context.Context, requestID int64, step int, answer any, now time.Time, seq int64) error {
	if step < 0 || step >= loket.QuestionnaireSteps {
		return fmt.Errorf("questionnaire step %d", step)
	}
	if _, ok := answer.(int); step < loket.QuestionnaireSteps-1 && !ok {
		return fmt.Errorf("answer questionnaire: rating %T", answer)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	q := db.surveys[requestID]
	if q == nil || q.closed || q.step != step {
		return nil // answered already
	}
	q.answers[step], q.step, q.lastSeq = answer, step+1, seq
	q.closed = q.step >= loket.QuestionnaireSteps
	return nil
}

// UnansweredQuestionnaires implements loket.ReminderStore.
func (db *DB) UnansweredQuestionnaires(_ context.Context, from, to time.Time) ([]loket.Questionnaire, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var out []loket.Questionnaire
	for id, q := range db.surveys {
		_, reminded := db.marks[loket.QuestionnaireKey(id)]
		if q.closed || reminded || !q.askedAt.After(from) || q.askedAt.After(to) {
			continue
		}
		r := db.byID(id)
		out = append(out, loket.Questionnaire{RequestID: id, Ref: r.Ref, Service: r.Service, Step: q.step,
			AskedAt: q.askedAt, Chat: r.Chat, Lang: r.Lang})
	}
	slices.SortFunc(out, func(a, b loket.Questionnaire) int { return a.AskedAt.Compare(b.AskedAt) })
	return out, nil
}

// QuestionnaireAverages implements loket.ReportStore: over the questionnaires whose
// satisfaction was rated, each rating's mean.
func (db *DB) QuestionnaireAverages(context.Context) (speed, ease, satisfaction float64, n int, err error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var sums [3]float64
	for _, q := range db.surveys {
		if q.answers[2] == nil {
			continue
		}
		n++
		for i := range sums {
			sums[i] += float64(q.answers[i].(int))
		}
	}
	if n == 0 {
		return 0, 0, 0, 0, nil
	}
	return sums[0] / float64(n), sums[1] / float64(n), sums[2] / float64(n), n, nil
}
