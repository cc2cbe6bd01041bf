package letter

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfcpuSetup turns pdfcpu's config directory off before its first use: by default
// pdfcpu writes ~/.config/pdfcpu (config, fonts, certificates), which a checker has no
// business doing.
var pdfcpuSetup sync.Once

// config is pdfcpu's configuration with limits far below its defaults (512 MB
// streams, 10 million objects): a 10 MB letter needs nothing near them. Validation
// is relaxed because scanners and phone apps write slightly non-conforming PDFs that
// every viewer opens; refusing them would only confuse.
func config() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.Cmd = model.VALIDATE
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxStreamBytes = 32 << 20
	conf.Limits.MaxDecodeBytes = 32 << 20
	conf.Limits.MaxImageBytes = 64 << 20
	conf.Limits.MaxImagePixels = 64 << 20
	conf.Limits.MaxObjectCount = 100_000
	conf.Limits.MaxXRefEntries = 100_000
	conf.Limits.MaxObjectStreamCount = 1_000
	conf.Limits.MaxObjectStreamFirst = 1 << 20
	conf.Limits.MaxRecursionDepth = 64
	return conf
}

// precheck refuses what needs no parsing: too large, not a PDF at all, or cut off.
func precheck(data []byte) Verdict {
	switch {
	case len(data) > MaxBytes:
		return Verdict{Code: CodeTooLarge}
	case !bytes.HasPrefix(data, []byte("%PDF-")):
		return Verdict{Code: CodeNotPDF}
	case !complete(data):
		return Verdict{Code: CodeTruncated}
	}
	return Verdict{}
}

// trailerSlack is how much may follow a PDF's last %%EOF: readers look for the
// marker in the last 1,024 bytes (PDF 32000-1, Annex C), and some scanners and
// mailers append a little padding.
const trailerSlack = 1024

// complete reports whether data ends as a whole PDF does: with %%EOF, followed by
// at most trailerSlack bytes or by padding (white space and NULs) only. A download
// or upload cut short has lost its end, and pdfcpu would rebuild the cross-reference
// table of the part that arrived and accept a letter with its page half gone.
func complete(data []byte) bool {
	end := bytes.LastIndex(data, []byte("%%EOF"))
	if end < 0 {
		return false
	}
	rest := data[end+len("%%EOF"):]
	return len(rest) <= trailerSlack || len(bytes.Trim(rest, "\x00\t\n\f\r ")) == 0
}

// Inspect reads and judges a letter in this process. It is what the child runs; call
// it directly only on files that are not hostile (a hostile one can crash the
// process), e.g. in benchmarks of the check itself.
//
// In order: size and header; pdfcpu reads the file (encrypted files stop here); no
// active content; all compressed streams together inflate to at most DecodeBudget;
// the page tree, walked here rather than trusted, holds 1 to MaxPages pages and says
// so in every /Count; then pdfcpu validates the rest.
func Inspect(ctx context.Context, data []byte) Verdict {
	if v := precheck(data); v.Code != "" {
		return v
	}
	pdfcpuSetup.Do(api.DisableConfigDir)
	pctx, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), config())
	if err != nil {
		if needsPassword(err) {
			return Verdict{Code: CodeEncrypted, Detail: err.Error()}
		}
		return Verdict{Code: CodeBroken, Detail: err.Error()}
	}
	if pctx.Encrypt != nil {
		// pdfcpu opened it with the empty user password, so only an owner password
		// restricts it. Still refused: DTIK staff must be able to print, annotate and
		// archive the letter, and applicants are told "no password" in one rule.
		return Verdict{Code: CodeEncrypted, Detail: "owner password"}
	}
	xt := pctx.XRefTable
	if what := activeContent(ctx, xt); what != "" {
		return Verdict{Code: CodeActiveContent, Detail: what}
	}
	if err := withinDecodeBudget(ctx, xt); err != nil {
		if errors.Is(err, errBudget) {
			return Verdict{Code: CodeUnpackedTooLarge, Detail: err.Error()}
		}
		return Verdict{Code: CodeBroken, Detail: err.Error()}
	}
	pages, v := countPages(xt)
	if v.Code != "" {
		return v
	}
	// Validation inflates the catalog's XMP metadata with pdfcpu's built-in 512 MB
	// limit, ignoring conf.Limits, and parses it as XML. A letter's XMP is of no
	// interest, so it is not looked at.
	if root, err := xt.Catalog(); err == nil && root != nil {
		root.Delete("Metadata")
	}
	if err := ctx.Err(); err != nil {
		return Verdict{Code: CodeUnreadable, Detail: err.Error()}
	}
	if err := api.ValidateContext(pctx); err != nil {
		return Verdict{Code: CodeBroken, Detail: err.Error()}
	}
	return Verdict{Pages: pages}
}

// needsPassword reports pdfcpu's ways of saying a file cannot be read without a
// password: a user (open) password gives ErrWrongPassword when none is supplied;
// the others come from encryption pdfcpu cannot handle at all (e.g. certificates).
func needsPassword(err error) bool {
	return errors.Is(err, pdfcpu.ErrWrongPassword) ||
		errors.Is(err, pdfcpu.ErrEncrypted) ||
		errors.Is(err, pdfcpu.ErrOwnerPasswordRequired) ||
		errors.Is(err, pdfcpu.ErrPermissionDenied) ||
		errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature)
}

// Active content: what makes a PDF do something when opened or clicked, beyond
// following a link. Links (/URI, /GoTo, /GoToR) are ordinary: a letter exported from
// Word with an e-mail or web address in its letterhead has them.
var (
	activeKeys = map[string]string{
		"JS":               "JavaScript",
		"JavaScript":       "JavaScript",
		"EmbeddedFiles":    "embedded files",
		"EF":               "an embedded file",
		"RichMediaContent": "rich media",
		"XFA":              "an XFA form (scriptable)",
	}
	activeActions = map[types.Name]string{
		"JavaScript":       "a JavaScript action",
		"Launch":           "a launch action",
		"SubmitForm":       "a submit-form action",
		"ImportData":       "an import-data action",
		"RichMediaExecute": "a rich-media action",
		"GoToE":            "a jump into an embedded file",
	}
	activeSubtypes = map[types.Name]string{
		"FileAttachment": "a file attachment",
		"RichMedia":      "rich media",
		"EmbeddedFile":   "an embedded file",
	}
)

// activeContent returns what active content the file holds, "" when none. It looks at
// every object, whether or not anything references it: a viewer may reach objects
// this check would not. Nested values are walked with an explicit stack, so no
// nesting depth can overflow it.
func activeContent(ctx context.Context, xt *model.XRefTable) string {
	var stack []types.Object
	for _, entry := range xt.Table {
		if entry == nil || entry.Free || entry.Object == nil {
			continue
		}
		stack = append(stack[:0], entry.Object)
		for len(stack) > 0 {
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			var d types.Dict
			switch v := o.(type) {
			case types.Dict:
				d = v
			case types.StreamDict:
				d = v.Dict
			case types.ObjectStreamDict:
				d = v.Dict
			case types.Array:
				stack = append(stack, v...)
				continue
			case types.LazyObjectStreamObject:
				// An object packed in an object stream, not parsed until asked for.
				if o, err := v.DecodedObject(ctx); err == nil {
					stack = append(stack, o)
				}
				continue
			default:
				continue
			}
			for k, val := range d {
				if what, ok := activeKeys[k]; ok {
					return what
				}
				if n, ok := val.(types.Name); ok {
					if what, ok := activeActions[n]; ok && k == "S" {
						return what
					}
					if what, ok := activeSubtypes[n]; ok && (k == "Subtype" || k == "Type") {
						return what
					}
				}
				stack = append(stack, val)
			}
		}
	}
	return ""
}

var errBudget = errors.New("decode budget spent")

// withinDecodeBudget inflates every compressed stream once, into memory dropped at
// once, and fails with errBudget when they add up to more than DecodeBudget. A small
// file can hold a stream that inflates a thousandfold; validation would inflate it
// and keep it.
func withinDecodeBudget(ctx context.Context, xt *model.XRefTable) error {
	budget := int64(DecodeBudget)
	for nr, entry := range xt.Table {
		if entry == nil || entry.Free {
			continue
		}
		var sd types.StreamDict
		switch v := entry.Object.(type) {
		case types.StreamDict:
			sd = v
		case types.ObjectStreamDict:
			sd = v.StreamDict
		default:
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if budget <= 0 {
			return fmt.Errorf("%w: at object %d", errBudget, nr)
		}
		size, err := inflatedSize(sd, budget)
		if errors.Is(err, errBudget) {
			return fmt.Errorf("%w: object %d inflates beyond %d bytes", err, nr, budget)
		}
		if err != nil {
			// pdfcpu reads many streams it cannot decode (unknown filters, bad data)
			// and validation judges them; only size matters here.
			continue
		}
		budget -= size
	}
	if budget < 0 {
		return fmt.Errorf("%w: %d bytes over", errBudget, -budget)
	}
	return nil
}

// inflatedSize is how many bytes sd's content inflates to, or errBudget when that
// is more than limit. Flate, the filter of nearly every bomb, is counted as it
// streams by, without keeping what it inflates; other filter chains go through
// pdfcpu, which keeps at most limit bytes for a moment.
func inflatedSize(sd types.StreamDict, limit int64) (int64, error) {
	if sd.Content != nil {
		return int64(len(sd.Content)), nil // inflated already, while reading
	}
	if len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == filter.Flate {
		zr, err := zlib.NewReader(bytes.NewReader(sd.Raw))
		if err != nil {
			return 0, err
		}
		n, err := io.Copy(io.Discard, io.LimitReader(zr, limit+1))
		if n > limit {
			return 0, errBudget
		}
		if err != nil && n == 0 {
			return 0, err
		}
		return n, nil // a truncated stream counts for what it gave
	}
	// A copy, so the inflated bytes are not kept on the file's object.
	content, err := sd.DecodeLengthWithLimit(-1, limit)
	if errors.Is(err, filter.ErrDecodeLimitExceeded) {
		return 0, errBudget
	}
	return int64(len(content)), err
}

// countPages walks the page tree from the catalog, with an explicit stack and every
// node visited once, and checks each node's /Count against what it really holds. A
// tree that loops, shares a node, lies in a /Count or holds more than MaxPages pages
// is refused before pdfcpu trusts any of it (a /Count of a million cost pdfcpu 163 MB).
func countPages(xt *model.XRefTable) (int, Verdict) {
	broken := func(format string, args ...any) (int, Verdict) {
		return 0, Verdict{Code: CodeBroken, Detail: "page tree: " + fmt.Sprintf(format, args...)}
	}
	root, err := xt.Catalog()
	if err != nil || root == nil {
		return broken("no catalog")
	}
	type node struct {
		kids     types.Array
		next     int
		counted  int
		declared int
	}
	seen := map[int]bool{}
	deref := func(o types.Object) (types.Dict, bool) {
		ref, ok := o.(types.IndirectRef)
		if !ok {
			return nil, false // page tree nodes are indirect objects
		}
		nr := ref.ObjectNumber.Value()
		if seen[nr] {
			return nil, false
		}
		seen[nr] = true
		entry, ok := xt.Find(nr)
		if !ok || entry == nil || entry.Free {
			return nil, false
		}
		d, ok := entry.Object.(types.Dict)
		return d, ok
	}
	open := func(d types.Dict) (*node, bool) {
		kids, ok := d["Kids"].(types.Array)
		count, cok := d["Count"].(types.Integer)
		if !ok || !cok {
			return nil, false
		}
		return &node{kids: kids, declared: count.Value()}, true
	}
	top, ok := deref(root["Pages"])
	if !ok {
		return broken("no page tree root")
	}
	first, ok := open(top)
	if !ok {
		return broken("root without /Kids and /Count")
	}
	stack := []*node{first}
	pages := 0
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		if n.next == len(n.kids) {
			if n.counted != n.declared {
				return broken("/Count %d, holds %d", n.declared, n.counted)
			}
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				stack[len(stack)-1].counted += n.counted
			}
			continue
		}
		kid, ok := deref(n.kids[n.next])
		n.next++
		if !ok {
			return broken("a kid that is missing, not a dictionary, or seen before")
		}
		if t, _ := kid["Type"].(types.Name); t == "Pages" || t == "" && kid["Kids"] != nil {
			child, ok := open(kid)
			if !ok {
				return broken("node without /Kids and /Count")
			}
			stack = append(stack, child)
			continue
		}
		n.counted++
		if pages++; pages > MaxPages {
			return 0, Verdict{Code: CodeTooManyPages, Detail: fmt.Sprintf("more than %d pages", MaxPages)}
		}
	}
	if pages == 0 {
		return 0, Verdict{Code: CodeNoPages}
	}
	return pages, Verdict{}
}
