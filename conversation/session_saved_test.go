package conversation

import (
	"reflect"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// TestSessionSavedReadsBackAsItWas: what encodeSession leaves out, decodeSession puts
// back — a reply's chat, an answer's key — and what is not the usual is kept: a
// reply to another chat, its IDs and attachment, an answer filed under another key.
func TestSessionSavedReadsBackAsItWas(t *testing.T) {
	const chat = "6281234567890"
	sessions := []*Session{
		newSession(),
		{
			Lang: loket.English, Greeted: true, Service: "ZM", State: "revision/edit:nip?cancel", DraftID: "d1",
			Answers: map[string]loket.Field{
				"nip":  {Key: "nip", Value: "198609262015052001", Shown: "19860926 201505 2 001"},
				"unit": {Key: "unit", Value: "Fakultas Teknik (FT)"},
				"odd":  {Key: "other", Value: "x"},
			},
			RevisionOf: 7, Updated: time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta), LastSeq: 42,
			LastReplies: []loket.Reply{
				{Chat: chat, Text: "Ketik *info <nomor>* & \"kutip\"\nbaris"},
				{Chat: "6289999999999", ID: "3EB0AB", Text: "caption", QuotedID: "3EB0CD",
					Attachment: &loket.Attachment{FileName: "a.pdf", MimeType: "application/pdf", Data: []byte("%PDF-1.7")}},
			},
		},
	}
	for _, s := range sessions {
		data, err := encodeSession(s, chat)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeSession(data, chat)
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if !got.Updated.Equal(s.Updated) {
			t.Fatalf("%s: updated %v, want %v", data, got.Updated, s.Updated)
		}
		want := *s
		got.Updated, want.Updated = time.Time{}, time.Time{}
		if !reflect.DeepEqual(got, &want) {
			t.Fatalf("%s\nread back as %+v\nwant %+v", data, got, &want)
		}
	}
}
