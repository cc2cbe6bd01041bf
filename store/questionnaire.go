package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// OpenQuestionnaire returns chat's oldest unanswered questionnaire asked after since
// (older ones have expired), or nil, as it stood before inbox message seq: a
// questionnaire that seq answered already is returned at the step seq answered, so a
// message handled twice meets the same question twice.
func (db *DB) OpenQuestionnaire(ctx context.Context, chat string, since time.Time, seq int64) (*loket.Questionnaire, error) {
	var q loket.Questionnaire
	// Two branches, so each uses an index: the open ones (questionnaires_open), and
	// the one this very message answered, which may have closed it.
	err := db.Pool.QueryRow(ctx, `
		SELECT q.request_id, r.ref, r.service, CASE WHEN q.last_seq = $3 AND $3 <> 0 THEN q.step - 1 ELSE q.step END, q.asked_at
		FROM (
			SELECT * FROM questionnaires WHERE chat = $1 AND closed_at IS NULL AND asked_at > $2
			UNION
			SELECT * FROM questionnaires WHERE chat = $1 AND last_seq = $3 AND $3 <> 0 AND asked_at > $2
		) q JOIN requests r ON r.id = q.request_id
		ORDER BY q.asked_at, q.request_id LIMIT 1`, chat, since, seq).
		Scan(&q.RequestID, &q.Ref, &q.Service, &q.Step, &q.AskedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read questionnaire: %w", err)
	}
	return &q, nil
}

// questionnaireColumns are the answers, by step.
var questionnaireColumns = [loket.QuestionnaireSteps]string{"speed", "ease", "satisfaction", "comment"}

// AnswerQuestionnaire stores the answer to step (a rating, or the comment; "" skips
// it), given by inbox message seq, and moves on; the last step closes the
// questionnaire. Answering a step that was already answered changes nothing, so a
// repeated message cannot skip a question.
func (db *DB) AnswerQuestionnaire(ctx context.Context, requestID int64, step int, answer any, now time.Time, seq int64) error {
	if step < 0 || step >= loket.QuestionnaireSteps {
		return fmt.Errorf("questionnaire step %d", step)
	}
	_, err := db.Pool.Exec(ctx, `UPDATE questionnaires SET `+questionnaireColumns[step]+` = $3, step = $2 + 1, last_seq = $6,
			closed_at = CASE WHEN $2 + 1 >= $4 THEN $5::timestamptz ELSE NULL END
		WHERE request_id = $1 AND step = $2 AND closed_at IS NULL`, requestID, step, answer, loket.QuestionnaireSteps, now, seq)
	if err != nil {
		return fmt.Errorf("answer questionnaire: %w", err)
	}
	return nil
}

// QuestionnaireAverages returns the mean of each rating over answered questionnaires
// and how many answered.
func (db *DB) QuestionnaireAverages(ctx context.Context) (speed, ease, satisfaction float64, n int, err error) {
	err = db.Pool.QueryRow(ctx, `SELECT coalesce(avg(speed), 0), coalesce(avg(ease), 0), coalesce(avg(satisfaction), 0), count(satisfaction)
		FROM questionnaires WHERE satisfaction IS NOT NULL`).Scan(&speed, &ease, &satisfaction, &n)
	if err != nil {
		err = fmt.Errorf("questionnaire averages: %w", err)
	}
	return
}
