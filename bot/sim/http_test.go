package sim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
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
