package sim

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"
)

// TestPageReadsNumbersAsTheBotDoes: the page opens a chat for a typed number through
// GET /sim/number, which reads it as the bot reads every number (loket.ParsePhone):
// "81100000001" is the Indonesian 0811-0000-0001, the same chat as "0811…", not +81.
func TestPageReadsNumbersAsTheBotDoes(t *testing.T) {
	s := New(func(any) bool { return true })
	defer s.Close()
	mux := http.NewServeMux()
	s.Routes(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for typed, want := range map[string]string{"81100000001": "6281100000001", "0811-0000-0001": "6281100000001",
		"+62 811 0000 0001": "6281100000001", "+60 12-345 6789": "60123456789", "nomor": "", "0812": ""} {
		resp, err := http.Get(srv.URL + "/sim/number?q=" + url.QueryEscape(typed))
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Number, Error string }
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		switch {
		case err != nil:
			t.Errorf("%q: %v", typed, err)
		case want == "" && (resp.StatusCode != http.StatusBadRequest || body.Error == ""):
			t.Errorf("%q: %d %+v; want it refused", typed, resp.StatusCode, body)
		case want != "" && (resp.StatusCode != http.StatusOK || body.Number != want):
			t.Errorf("%q: %d %+v; want %s", typed, resp.StatusCode, body, want)
		}
	}
}

// TestPollSaysTheBotsLanguage: the poll answer carries the language LangOf tells for
// the number polled ("lang"), or for each number its messages went to ("langs"), so
// the page speaks its labels in the bot's language; a number LangOf cannot tell is
// left out, and without LangOf (the bot in another process) there is none at all.
func TestPollSaysTheBotsLanguage(t *testing.T) {
	s := New(func(any) bool { return true })
	defer s.Close()
	mux := http.NewServeMux()
	s.Routes(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	for _, to := range []string{"6281100000001", "6281100000002", "6281100000003"} {
		if _, err := s.SendMessage(ctx, types.NewJID(to, types.DefaultUserServer), &waE2E.Message{Conversation: proto.String("halo")}); err != nil {
			t.Fatal(err)
		}
	}
	poll := func(query string) (body struct {
		Messages []Outbound
		Lang     *string
		Langs    map[string]string
	}) {
		t.Helper()
		resp, err := http.Get(srv.URL + "/sim/messages?" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		return body
	}

	if got := poll("to=6281100000001"); got.Lang != nil || got.Langs != nil {
		t.Fatalf("without LangOf the poll says lang %v, langs %v; want neither", got.Lang, got.Langs)
	}
	var asked []string
	s.LangOf = func(_ context.Context, phone string) string {
		asked = append(asked, phone)
		return map[string]string{"6281100000001": "en", "6281100000002": "id"}[phone]
	}
	for to, want := range map[string]string{"6281100000001": "en", "6281100000002": "id"} {
		if got := poll("to=" + to); got.Lang == nil || *got.Lang != want {
			t.Errorf("poll of %s: lang %v, want %q", to, got.Lang, want)
		}
	}
	if got := poll("to=6281100000003"); got.Lang != nil {
		t.Errorf("poll of a number LangOf cannot tell: lang %q, want none", *got.Lang)
	}
	asked = nil
	got := poll("after=0")
	if want := map[string]string{"6281100000001": "en", "6281100000002": "id"}; !maps.Equal(got.Langs, want) {
		t.Errorf("poll of every number: langs %v, want %v", got.Langs, want)
	}
	if len(asked) != 3 {
		t.Errorf("LangOf was asked %v, want each of the 3 numbers once", asked)
	}
	if got := poll("after=3&wait=0s"); len(got.Messages) != 0 || len(got.Langs) != 0 {
		t.Errorf("a poll with nothing new: %d messages, langs %v; want none", len(got.Messages), got.Langs)
	}
}
