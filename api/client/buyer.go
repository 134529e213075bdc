package client

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/axl-market/axl/api/wire"
)

// Quote asks the price of a job and the two documents to sign for it.
func (c *Client) Quote(ctx context.Context, req wire.QuoteRequest) (wire.Quote, error) {
	var out wire.Quote
	return out, c.call(ctx, "POST", "/intents/quote", req, &out, nil, false)
}

// CreateIntent checks quote q, the server's answer to req, against the
// client's deployment (CheckQuote), signs its intent and funding typed
// data with the client's key and creates the intent. idempotencyKey makes
// a retry safe (the quote id when empty). Without a deployment
// (WithDeployment) it signs nothing.
func (c *Client) CreateIntent(ctx context.Context, req wire.QuoteRequest, q wire.Quote, idempotencyKey string) (wire.Intent, error) {
	var out wire.Intent
	if c.deployment == nil {
		return out, errors.New("client: no deployment to check the quote against (WithDeployment): nothing is signed")
	}
	if err := CheckQuote(*c.deployment, c.addr, req, q, c.clock.Now()); err != nil {
		return out, err
	}
	isig, err := SignTypedData(c.key, q.IntentTypedData)
	if err != nil {
		return out, fmt.Errorf("intent: %w", err)
	}
	fsig, err := SignTypedData(c.key, q.FundingTypedData)
	if err != nil {
		return out, fmt.Errorf("funding: %w", err)
	}
	if idempotencyKey == "" {
		idempotencyKey = q.QuoteID
	}
	create := wire.CreateIntentRequest{QuoteID: q.QuoteID, IntentSignature: hexSig(isig), FundingSignature: hexSig(fsig)}
	return out, c.call(ctx, "POST", "/intents", create, &out, map[string]string{wire.HeaderIdempotencyKey: idempotencyKey}, false)
}

// SubmitIntent creates the intent of a quote whose documents were signed
// elsewhere (the agent's own wallet): create carries the quote id and both
// signatures, as the server checks them.
func (c *Client) SubmitIntent(ctx context.Context, create wire.CreateIntentRequest, idempotencyKey string) (wire.Intent, error) {
	var out wire.Intent
	if idempotencyKey == "" {
		idempotencyKey = create.QuoteID
	}
	return out, c.call(ctx, "POST", "/intents", create, &out, map[string]string{wire.HeaderIdempotencyKey: idempotencyKey}, false)
}

func intentPath(id, rest string) string { return "/intents/" + url.PathEscape(id) + rest }

// Intent returns one of the client's intents, with its slots' reports and
// its result.
func (c *Client) Intent(ctx context.Context, id string) (wire.IntentDetail, error) {
	var out wire.IntentDetail
	return out, c.call(ctx, "GET", intentPath(id, ""), nil, &out, nil, false)
}

// Intents lists the client's intents, newest first: limit (1 to 100, 0 for
// the server's 20) after the intent startingAfter ("" for the first page).
func (c *Client) Intents(ctx context.Context, limit int, startingAfter string) (wire.IntentList, error) {
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if startingAfter != "" {
		q.Set("starting_after", startingAfter)
	}
	path := "/intents"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var out wire.IntentList
	return out, c.call(ctx, "GET", path, nil, &out, nil, false)
}

// Cancel asks for an intent's cancellation (before assignment).
func (c *Client) Cancel(ctx context.Context, id string) (wire.Intent, error) {
	var out wire.Intent
	return out, c.call(ctx, "DELETE", intentPath(id, ""), nil, &out, nil, false)
}

// Event is one Server-Sent Event of an intent.
type Event struct {
	ID   int64  // the sequence number: resume after it with Last-Event-ID
	Type string // the event name: "state", "progress", "revealed" …
	wire.IntentEvent
}

// ErrStop, returned by an Events callback, ends the stream without error.
var ErrStop = errors.New("stop the event stream")

// Events follows an intent's event stream from after the event id after (0
// for the start), calling fn for each event in order. When the stream
// breaks (the server restarts, the connection drops) it reconnects with
// Last-Event-ID, so that no event is lost or repeated. It returns when ctx
// ends, when fn returns an error (nil for ErrStop), when the server says
// that the intent is final and every event was delivered (nil), or on an
// error answer of the server (*Error: not the buyer's intent, say).
func (c *Client) Events(ctx context.Context, id string, after int64, fn func(Event) error) error {
	retry := 2 * time.Second
	for {
		err := c.events(ctx, id, &after, &retry, fn)
		var fe finalError
		switch {
		case errors.Is(err, ErrStop):
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.As(err, &fe):
			return fe.err
		case StatusOf(err) != 0 && StatusOf(err) < 500:
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(retry):
		}
	}
}

// finalError ends the stream instead of a reconnection: the callback's own
// error, or an event that is not the API's JSON.
type finalError struct{ err error }

func (e finalError) Error() string { return e.err.Error() }

// events reads one connection of the stream.
func (c *Client) events(ctx context.Context, id string, after *int64, retry *time.Duration, fn func(Event) error) error {
	header := map[string]string{"Accept": "text/event-stream"}
	if *after > 0 {
		header["Last-Event-ID"] = strconv.FormatInt(*after, 10)
	}
	res, err := c.do(ctx, request{method: "GET", path: intentPath(id, "/events"), header: header})
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusNoContent {
		return ErrStop // the intent is final and every event was delivered
	}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var ev Event
	var data strings.Builder
	for sc.Scan() {
		line := sc.Text()
		if line == "" { // dispatch
			if data.Len() > 0 {
				if err := json.Unmarshal([]byte(data.String()), &ev.IntentEvent); err != nil {
					return finalError{fmt.Errorf("event %d of intent %s is not an event's JSON: %w", ev.ID, id, err)}
				}
				if ev.ID == 0 {
					ev.ID = ev.Seq
				}
				if err := fn(ev); err != nil {
					if errors.Is(err, ErrStop) {
						return err
					}
					return finalError{err}
				}
				*after = ev.ID
			}
			ev, data = Event{}, strings.Builder{}
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue // a comment: heartbeat
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "id":
			ev.ID, _ = strconv.ParseInt(value, 10, 64)
		case "event":
			ev.Type = value
		case "data":
			if data.Len() > 0 {
				data.WriteByte('\n')
			}
			data.WriteString(value)
		case "retry":
			if ms, err := strconv.Atoi(value); err == nil && ms > 0 {
				*retry = time.Duration(ms) * time.Millisecond
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return errors.New("the event stream ended")
}

// Weights downloads an intent's released weights into path (atomically)
// and returns their hex sha256, checked against the X-AXL-Weights-SHA256
// header (the weightsHash of the on-chain Released event). A 409 *Error
// means "not released yet".
func (c *Client) Weights(ctx context.Context, id, path string) (string, error) {
	res, err := c.do(ctx, request{method: "GET", path: intentPath(id, "/weights")})
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	want := strings.ToLower(strings.TrimPrefix(res.Header.Get("X-AXL-Weights-SHA256"), "0x"))
	if len(want) != 64 {
		return "", fmt.Errorf("weights of %s: the answer has no X-AXL-Weights-SHA256 header", id)
	}
	if _, err := writeChecked(path, res.Body, want, "weights of "+id); err != nil {
		return "", err
	}
	return want, nil
}

// Dispute is one Verde dispute of an intent, as the server publishes it
// (wire.Dispute with the transcript and the ruling kept as raw JSON, for
// swarm/verde's types).
type Dispute struct {
	ID         int64           `json:"id"`
	Rank       uint32          `json:"rank"`
	Slots      []uint32        `json:"slots"`
	State      string          `json:"state"`
	Transcript json.RawMessage `json:"transcript"`
	Ruling     json.RawMessage `json:"ruling"`
	CreatedAt  string          `json:"created_at"`
	RuledAt    string          `json:"ruled_at"`
}

// Disputes lists an intent's disputes (a public call: anyone audits).
func (c *Client) Disputes(ctx context.Context, id string) ([]Dispute, error) {
	var out struct {
		Disputes []Dispute `json:"disputes"`
	}
	err := c.call(ctx, "GET", intentPath(id, "/disputes"), nil, &out, nil, true)
	return out.Disputes, err
}
