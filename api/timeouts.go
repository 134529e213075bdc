package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

// errTooSlow is a body that fell below the minimum rate.
var errTooSlow = errors.New("the body arrived too slowly")

// rateReader reads a request body that must progress by at least min
// bytes (or the rest of the body) in every window: each window is a read
// deadline on the connection, moved on when the window's bytes arrived.
// A body that stalls is cut by the deadline, not by a goroutine.
type rateReader struct {
	body      io.ReadCloser
	rc        *http.ResponseController
	window    time.Duration
	min       int64
	got       int64 // bytes in this window
	eof       bool  // the body was read to its end
	cleared   bool
	windowEnd time.Time
}

// minRate wraps r's body in a rateReader with Config.MinBodyRate.
func (s *Server) minRate(w http.ResponseWriter, r *http.Request) *rateReader {
	rr := &rateReader{body: r.Body, rc: http.NewResponseController(w), window: s.cfg.MinBodyRate.Window, min: s.cfg.MinBodyRate.Bytes}
	rr.next()
	return rr
}

func (rr *rateReader) next() {
	rr.got = 0
	rr.windowEnd = time.Now().Add(rr.window)
	_ = rr.rc.SetReadDeadline(rr.windowEnd) // ErrNotSupported: no deadline to keep
}

func (rr *rateReader) Read(p []byte) (int, error) {
	if rr.cleared {
		return rr.body.Read(p)
	}
	n, err := rr.body.Read(p)
	rr.got += int64(n)
	if rr.got >= rr.min {
		rr.next()
	}
	if err == io.EOF {
		rr.eof = true
	}
	if err != nil && (errors.Is(err, os.ErrDeadlineExceeded) || time.Now().After(rr.windowEnd) && !errors.Is(err, io.EOF)) {
		err = fmt.Errorf("%w: less than %d bytes in %s; the connection is closed", errTooSlow, rr.min, rr.window)
	}
	return n, err
}

func (rr *rateReader) Close() error { return rr.body.Close() }

// done ends the body's deadlines once the handler has read what it
// wants. A body read to its end has its deadline lifted (one that fired
// later would cancel the request's context); a body left unread has it
// moved to now, so that net/http does not wait to discard the rest: the
// connection is closed after the response.
func (rr *rateReader) done() {
	if rr.cleared {
		return
	}
	rr.cleared = true
	if rr.eof {
		_ = rr.rc.SetReadDeadline(time.Time{})
		return
	}
	_ = rr.rc.SetReadDeadline(time.Now())
}

// Rate is a minimum rate: Bytes in every Window.
type Rate struct {
	Bytes  int64
	Window time.Duration
}
