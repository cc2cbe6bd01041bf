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

	"github.com/uns-dtik/loket"
)

// MaxLetterBytes is the largest letter accepted: 10 MB.
const MaxLetterBytes = 10 << 20

// letterCheckTimeout caps one PDF check, whatever the caller's deadline.
const letterCheckTimeout = 10 * time.Second

// LetterInfo is what the check learnt about an accepted letter.
type LetterInfo struct {
	Pages  int
	SHA256 [32]byte
	Size   int64
}

var (
	pdfcpuOnce sync.Once
	// letterSlots allows two checks at once: pdfcpu reads the whole file into memory,
	// so a burst of letters must not multiply that.
	letterSlots = make(chan struct{}, 2)
)

// letterConfig is pdfcpu's configuration with limits far below its defaults (512 MB
// streams, 10 million objects): a 10 MB scanned letter needs nothing near them.
func letterConfig() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxStreamBytes = 32 << 20
	conf.Limits.MaxDecodeBytes = 32 << 20
	conf.Limits.MaxImageBytes = 64 << 20
	conf.Limits.MaxImagePixels = 64 << 20
	conf.Limits.MaxObjectCount = 200_000
	conf.Limits.MaxObjectStreamCount = 100_000
	conf.Limits.MaxXRefEntries = 200_000
	conf.Limits.MaxRecursionDepth = 64
	return conf
}

// CheckLetter validates the bytes of a request letter: at most MaxLetterBytes, a real
// PDF (it starts with %PDF- and pdfcpu validates it), not password-protected, with at
// least one page. pdfcpu runs in its own goroutine with its own recover (hostile input
// can make it panic), under a timeout and a limit of two concurrent checks. Every
// refusal is a *loket.Error with its own code.
func CheckLetter(ctx context.Context, data []byte) (LetterInfo, error) {
	if len(data) > MaxLetterBytes {
		return LetterInfo{}, loket.Errorf("letter_too_large", megabytes(int64(len(data))))
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return LetterInfo{}, loket.Errorf("letter_not_pdf")
	}
	pdfcpuOnce.Do(api.DisableConfigDir)
	ctx, cancel := context.WithTimeout(ctx, letterCheckTimeout)
	defer cancel()
	select {
	case letterSlots <- struct{}{}:
	case <-ctx.Done():
		return LetterInfo{}, loket.Errorf("letter_timeout")
	}
	type result struct {
		pages     int
		encrypted bool
		err       error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-letterSlots }()
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("pdfcpu panicked: %v", r)}
			}
		}()
		pctx, err := api.ReadAndValidate(bytes.NewReader(data), letterConfig())
		if err != nil {
			done <- result{err: err}
			return
		}
		done <- result{pages: pctx.PageCount, encrypted: pctx.Encrypt != nil}
	}()
	var res result
	select {
	case res = <-done:
	case <-ctx.Done():
		// The check goes on in its goroutine and frees its slot when it ends.
		return LetterInfo{}, loket.Errorf("letter_timeout")
	}
	switch {
	case isEncryptionError(res.err) || res.err == nil && res.encrypted:
		return LetterInfo{}, loket.Errorf("letter_encrypted")
	case res.err != nil:
		return LetterInfo{}, loket.Errorf("letter_broken")
	case res.pages < 1:
		return LetterInfo{}, loket.Errorf("letter_no_pages")
	}
	return LetterInfo{Pages: res.pages, SHA256: sha256.Sum256(data), Size: int64(len(data))}, nil
}

// isEncryptionError reports pdfcpu's ways of saying a file needs a password.
func isEncryptionError(err error) bool {
	return errors.Is(err, pdfcpu.ErrWrongPassword) || errors.Is(err, pdfcpu.ErrOwnerPasswordRequired) ||
		errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature)
}
