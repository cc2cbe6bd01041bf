package conversation

import (
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/internal/sentencetest"
)

// TestLicenceSentencesRender: the licence calendar's sentences render whole in both
// languages, with a window and without one.
func TestLicenceSentencesRender(t *testing.T) {
	d := day
	sentencetest.Check(t,
		licenceFull{Days: []time.Time{d, d.AddDate(0, 0, 1)}, Capacity: 2, Window: &loket.Period{From: d, To: d.AddDate(0, 0, 1)}, Field: 7},
		licenceFull{Days: []time.Time{d}, Capacity: 2, Field: 7},
		licenceWaitFiled{})
}
