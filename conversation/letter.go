package conversation

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/uns-dtik/loket"
)

// MaxLetterBytes is the largest letter accepted: 10 MB.
const MaxLetterBytes = 10 << 20

const (
	// letterCheckTimeout caps one PDF check whatever the caller's deadline: a real
	// letter takes milliseconds, so anything slower is hostile or hopelessly broken.
	letterCheckTimeout = 10 * time.Second
	// letterConcurrency is how many checks may run at once. pdfcpu holds the whole
	// document in memory, so a burst of letters must not multiply that.
	letterConcurrency = 2
	// letterDecodeBudget bounds the object-stream bytes one check may inflate in
	// total. pdfcpu's MaxDecodeBytes is per stream and decoded object streams stay
	// in memory, so without it a 3 MB file of 100 small deflate bombs costs 7 GB.
	letterDecodeBudget = 64 << 20
)

// LetterInfo is what the check learnt about an accepted letter.
type LetterInfo struct {
	// Pages is the number of pages, counted through the page tree by validation.
	Pages int
	// SHA256 is the file's digest, so the same letter sent twice can be recognised.
	SHA256 [32]byte
	// Size is the file's length in bytes.
	Size int64
}

var (
	// pdfcpuSetup turns pdfcpu's config directory off before its first use: by
	// default pdfcpu writes ~/.config/pdfcpu (config, fonts, certificates), which a
	// server has no business doing and which races between concurrent first uses.
	pdfcpuSetup sync.Once
	letterSlots = make(chan struct{}, letterConcurrency)
	// inspectLetter is the pdfcpu step; a variable only so that tests can make it
	// panic or hang, which no PDF does on demand.
	inspectLetter = inspectPDF
	// errPDFPanic marks a panic inside pdfcpu; the file is then called broken.
	errPDFPanic = errors.New("pdfcpu panicked")
)

// setUpPDF disables pdfcpu's config directory, once. Anything in this package that
// calls pdfcpu calls it first, tests included.
func setUpPDF() { pdfcpuSetup.Do(api.DisableConfigDir) }

// letterConfig is pdfcpu's configuration with limits far below its defaults
// (512 MB streams, 10 million objects): a 10 MB letter needs nothing near them.
// Validation is relaxed because scanners and phone apps write slightly
// non-conforming PDFs that every viewer opens; refusing them would only confuse.
func letterConfig() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.Cmd = model.VALIDATE
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxStreamBytes = 32 << 20
	conf.Limits.MaxDecodeBytes = 32 << 20
	conf.Limits.MaxImageBytes = 64 << 20
	conf.Limits.MaxImagePixels = 64 << 20
	conf.Limits.MaxObjectCount = 100_000
	conf.Limits.MaxXRefEntries = 100_000
	conf.Limits.MaxObjectStreamCount = 10_000
	conf.Limits.MaxObjectStreamFirst = 1 << 20
	conf.Limits.MaxRecursionDepth = 64
	return conf
}

// CheckLetter validates the bytes of a request letter: at most MaxLetterBytes, a real
// PDF (it starts with %PDF- and pdfcpu reads and validates it), not encrypted, with
// at least one page. Every refusal is a *loket.Error whose code is in letterTexts:
// letter_too_large (with the size in MB), letter_not_pdf, letter_broken,
// letter_encrypted, letter_no_pages, letter_timeout.
//
// pdfcpu runs in its own goroutine with its own recover, because hostile input can
// make it panic; under ctx's deadline capped at ten seconds, because it can be made
// slow; and at most two at a time, because it can be made to use a lot of memory.
// A check that times out goes on in the background until pdfcpu notices the
// cancellation, keeping its slot, so runaway checks cannot pile up.
func CheckLetter(ctx context.Context, data []byte) (LetterInfo, error) {
	if len(data) > MaxLetterBytes {
		return LetterInfo{}, loket.Errorf("letter_too_large", megabytes(int64(len(data))))
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return LetterInfo{}, loket.Errorf("letter_not_pdf")
	}
	setUpPDF()
	ctx, cancel := context.WithTimeout(ctx, letterCheckTimeout)
	defer cancel()
	if ctx.Err() != nil {
		// select below would pick at random between a free slot and a done context.
		return LetterInfo{}, loket.Errorf("letter_timeout")
	}
	select {
	case letterSlots <- struct{}{}:
	case <-ctx.Done():
		return LetterInfo{}, loket.Errorf("letter_timeout")
	}
	inspect := inspectLetter // read here, not in the goroutine, which may start late
	done := make(chan inspection, 1)
	go func() {
		defer func() { <-letterSlots }()
		defer func() {
			if r := recover(); r != nil {
				done <- inspection{err: fmt.Errorf("%w: %v", errPDFPanic, r)}
			}
		}()
		done <- inspect(ctx, data)
	}()
	var res inspection
	select {
	case res = <-done:
	case <-ctx.Done():
		select {
		case res = <-done: // finished just in time
		default:
			return LetterInfo{}, loket.Errorf("letter_timeout")
		}
	}
	switch {
	case res.encrypted:
		return LetterInfo{}, loket.Errorf("letter_encrypted")
	case res.err != nil && (ctx.Err() != nil || errors.Is(res.err, context.DeadlineExceeded) || errors.Is(res.err, context.Canceled)):
		return LetterInfo{}, loket.Errorf("letter_timeout")
	case res.err != nil:
		return LetterInfo{}, loket.Errorf("letter_broken")
	case res.pages < 1:
		return LetterInfo{}, loket.Errorf("letter_no_pages")
	}
	return LetterInfo{Pages: res.pages, SHA256: sha256.Sum256(data), Size: int64(len(data))}, nil
}

// inspection is what pdfcpu made of a file.
type inspection struct {
	pages     int
	encrypted bool
	err       error
}

// inspectPDF reads and validates data with pdfcpu. It reads with ctx, which pdfcpu
// checks between objects, so a timed-out check stops instead of running on.
func inspectPDF(ctx context.Context, data []byte) inspection {
	pctx, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), letterConfig())
	if err != nil {
		return inspection{encrypted: needsPassword(err), err: err}
	}
	if pctx.Encrypt != nil {
		// pdfcpu opened it with the empty user password, so only an owner password
		// restricts it. Still refused: DTIK staff must be able to print, annotate and
		// archive the letter, and applicants are told "no password" in one rule.
		return inspection{encrypted: true}
	}
	if err := boundObjectStreams(ctx, pctx.XRefTable); err != nil {
		return inspection{err: err}
	}
	// Validation inflates the catalog's XMP metadata with pdfcpu's built-in 512 MB
	// limit, ignoring conf.Limits, and parses it as XML: a 500 KB file then costs
	// 2 GB and 11 s. A letter's XMP is of no interest, so it is not looked at.
	if root, err := pctx.Catalog(); err == nil && root != nil {
		root.Delete("Metadata")
	}
	if err := ctx.Err(); err != nil {
		return inspection{err: err}
	}
	if err := api.ValidateContext(pctx); err != nil {
		return inspection{err: err}
	}
	return inspection{pages: pctx.PageCount}
}

// boundObjectStreams inflates every object stream once, into memory that is dropped
// at once, and fails when they add up to more than letterDecodeBudget. Validation
// inflates the same streams again and keeps them; after this it can keep no more
// than the budget.
func boundObjectStreams(ctx context.Context, xt *model.XRefTable) error {
	budget := int64(letterDecodeBudget)
	for nr, entry := range xt.Table {
		if entry == nil {
			continue
		}
		osd, ok := entry.Object.(types.ObjectStreamDict)
		if !ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if budget <= 0 {
			// A limit of 0 would mean pdfcpu's default, 512 MB.
			return fmt.Errorf("object stream %d: decode budget of %d bytes spent", nr, letterDecodeBudget)
		}
		probe := osd.StreamDict
		probe.Content = nil
		content, err := probe.DecodeLengthWithLimit(-1, budget)
		if err != nil {
			return fmt.Errorf("object stream %d: %w", nr, err)
		}
		budget -= int64(len(content))
	}
	return nil
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
