package sim

import (
	"context"
	_ "embed"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

//go:embed page.html
var page []byte

// maxBody bounds a POST: a 10 MB letter in base64 plus room for the rest.
const maxBody = 16 << 20

// Routes registers the simulator's HTTP API and page on mux:
//
//	POST /sim/messages             send as an applicant (Inbound as JSON) -> 202 {"id": …}
//	GET  /sim/messages?to=&after=&wait=  what the bot sent (long poll), and the
//	                               language it speaks ("lang" with to, else "langs") when LangOf is set
//	GET  /sim/media/<id>           a document's bytes
//	GET  /sim/sample-letter.pdf    a sample request letter to send
//	GET  /sim/number?q=0812…       a number as written -> 200 {"number": "62812…"}, 400 {"error": …}
//	GET  /                         the chat page
func (s *Sim) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /sim/messages", s.postMessage)
	mux.HandleFunc("GET /sim/number", getNumber)
	mux.HandleFunc("GET /sim/messages", s.getMessages)
	mux.HandleFunc("GET /sim/media/{id}", s.getMedia)
	mux.HandleFunc("GET /sim/sample-letter.pdf", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		_, _ = w.Write(SampleLetterPDF())
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	})
}

// getNumber reads a number as the page's user typed it, by the rule the bot reads
// staff and applicants' numbers by (loket.ParsePhone), and answers it as WhatsApp
// writes numbers: international digits without "+". The page opens that chat, so
// "0812…" and "812…" open the same chat the bot would write to.
func getNumber(w http.ResponseWriter, r *http.Request) {
	phone, err := loket.ParsePhone(r.URL.Query().Get("q"))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "Bukan nomor telepon yang sah; tulis mis. 0812 3456 7890 atau +62 812 3456 7890."})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"number": strings.TrimPrefix(phone, "+")})
}

func (s *Sim) postMessage(w http.ResponseWriter, r *http.Request) {
	var in Inbound
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "malformed JSON body: " + err.Error()})
		return
	}
	id, err := s.Send(in)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"id": id})
}

func (s *Sim) getMessages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	to := strings.TrimPrefix(q.Get("to"), "+")
	var after int64
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": `"after" must be a sequence number (0 or more)`})
			return
		}
		after = n
	}
	var wait time.Duration
	if v := q.Get("wait"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": `"wait" must be a duration such as 5s`})
			return
		}
		wait = min(d, 60*time.Second)
	}
	msgs := s.Wait(r.Context(), to, after, wait)
	answer := map[string]any{"messages": msgs}
	if s.LangOf != nil {
		// Asked after the wait: a reply is sent after its turn saved the session, so a
		// language switch comes with the bot's answer to it.
		if to != "" {
			if lang := s.LangOf(r.Context(), to); lang != "" {
				answer["lang"] = lang
			}
		} else {
			answer["langs"] = s.langs(r.Context(), msgs)
		}
	}
	writeJSON(w, http.StatusOK, answer)
}

// langs is the bot's language with each number msgs went to, of those it can tell.
// A language changes only with a message from the bot (its answer to the switch), so
// the numbers in an answer are the ones whose language may have changed.
func (s *Sim) langs(ctx context.Context, msgs []Outbound) map[string]string {
	langs := map[string]string{}
	asked := map[string]bool{}
	for _, m := range msgs {
		if asked[m.To] {
			continue
		}
		asked[m.To] = true
		if lang := s.LangOf(ctx, m.To); lang != "" {
			langs[m.To] = lang
		}
	}
	return langs
}

func (s *Sim) getMedia(w http.ResponseWriter, r *http.Request) {
	data, ok := s.MediaBytes(r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", http.DetectContentType(data))
	_, _ = w.Write(data)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
