package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/google/renameio/v2"

	"github.com/axl-market/axl/api/wire"
)

// RegisterWorker registers (or updates) the client's key as a worker.
func (c *Client) RegisterWorker(ctx context.Context, req wire.WorkerRequest) (wire.Worker, error) {
	var out wire.Worker
	return out, c.call(ctx, "POST", "/workers", req, &out, nil, false)
}

// JobFilter narrows GET /jobs; zero fields do not filter.
type JobFilter struct {
	Token         string // USDC or AI
	MinPay        string // least pay per slot, base units
	MaxModelSize  int64  // bytes
	MaxMemory     int64  // bytes: the largest slot_memory
	Limit         int    // 1 to 100 (the server's default 20)
	StartingAfter string // the last job id of the previous page
}

func (f JobFilter) query() string {
	q := url.Values{}
	if f.Token != "" {
		q.Set("token", f.Token)
	}
	if f.MinPay != "" {
		q.Set("min_pay", f.MinPay)
	}
	if f.MaxModelSize > 0 {
		q.Set("max_model_size", strconv.FormatInt(f.MaxModelSize, 10))
	}
	if f.MaxMemory > 0 {
		q.Set("max_memory", strconv.FormatInt(f.MaxMemory, 10))
	}
	if f.Limit > 0 {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	if f.StartingAfter != "" {
		q.Set("starting_after", f.StartingAfter)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// Jobs lists open jobs with free slots, oldest first (a public call).
func (c *Client) Jobs(ctx context.Context, f JobFilter) (wire.JobList, error) {
	var out wire.JobList
	return out, c.call(ctx, "GET", "/jobs"+f.query(), nil, &out, nil, true)
}

func jobPath(jobID, rest string) string { return "/jobs/" + url.PathEscape(jobID) + rest }

// Claim reserves the lowest free slot of a job for the client's key.
func (c *Client) Claim(ctx context.Context, jobID string) (wire.Claim, error) {
	var out wire.Claim
	return out, c.call(ctx, "POST", jobPath(jobID, "/claims"), nil, &out, nil, false)
}

// Stake signs the claim's two typed-data documents (the EIP-2612 permit and
// the escrow's Stake binding) and posts them; the server relays the stake.
func (c *Client) Stake(ctx context.Context, jobID string, cl wire.Claim) (wire.Stake, error) {
	var out wire.Stake
	psig, err := SignTypedData(c.key, cl.StakeTypedData.Permit)
	if err != nil {
		return out, fmt.Errorf("permit: %w", err)
	}
	ssig, err := SignTypedData(c.key, cl.StakeTypedData.Stake)
	if err != nil {
		return out, fmt.Errorf("stake: %w", err)
	}
	req := wire.StakeRequest{ClaimID: cl.ClaimID, PermitSignature: hexSig(psig), StakeSignature: hexSig(ssig)}
	return out, c.call(ctx, "POST", jobPath(jobID, "/stake"), req, &out, nil, false)
}

// Assignment returns the client's place in a running job; a 409 *Error
// means "not assigned yet", a 404 "no staked slot of the signer (yet)".
func (c *Client) Assignment(ctx context.Context, jobID string) (wire.Assignment, error) {
	var out wire.Assignment
	return out, c.call(ctx, "GET", jobPath(jobID, "/assignment"), nil, &out, nil, false)
}

// ParseArtifactHash returns the hex sha256 of an artifact id "sha256:<hex>".
func ParseArtifactHash(id string) (string, error) {
	h, ok := strings.CutPrefix(id, "sha256:")
	if b, err := hex.DecodeString(h); !ok || err != nil || len(b) != sha256.Size {
		return "", fmt.Errorf("artifact id %q is not sha256:<64 hex>", id)
	}
	return strings.ToLower(h), nil
}

// DownloadArtifact streams artifact id into the file path: through a
// temporary file beside it, renamed once its sha256 matches the id, so that
// path never holds a partial or wrong file. It returns the size.
func (c *Client) DownloadArtifact(ctx context.Context, id, path string) (int64, error) {
	want, err := ParseArtifactHash(id)
	if err != nil {
		return 0, err
	}
	res, err := c.do(ctx, request{method: "GET", path: "/artifacts/" + url.PathEscape(id)})
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	return writeChecked(path, res.Body, want, "artifact "+id)
}

// writeChecked copies r into path atomically, failing (and leaving path
// untouched) unless the bytes have the sha256 wantHex.
func writeChecked(path string, r io.Reader, wantHex, what string) (int64, error) {
	f, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)))
	if err != nil {
		return 0, err
	}
	defer f.Cleanup()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err != nil {
		return n, fmt.Errorf("%s: %w", what, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != wantHex {
		return n, fmt.Errorf("%s: the %d bytes received have sha256 %s, want %s", what, n, got, wantHex)
	}
	return n, f.CloseAtomicallyReplace()
}

// UploadArtifact uploads data with its media type (text/plain or
// application/jsonl for datasets, application/vnd.safetensors for models).
func (c *Client) UploadArtifact(ctx context.Context, mediaType string, data []byte) (wire.Artifact, error) {
	var out wire.Artifact
	res, err := c.do(ctx, request{method: "POST", path: "/artifacts", raw: data, contentType: mediaType})
	if err != nil {
		return out, err
	}
	defer res.Body.Close()
	return out, json.NewDecoder(res.Body).Decode(&out)
}

// UploadArtifactFile uploads the file at path, streamed (it is read twice:
// once for the sha256 the signature covers, once to send it).
func (c *Client) UploadArtifactFile(ctx context.Context, mediaType, path string) (wire.Artifact, error) {
	var out wire.Artifact
	f, err := os.Open(path)
	if err != nil {
		return out, err
	}
	defer f.Close()
	h := sha256.New()
	size, err := io.Copy(h, f)
	if err != nil {
		return out, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return out, err
	}
	res, err := c.do(ctx, request{method: "POST", path: "/artifacts", body: io.NopCloser(io.LimitReader(f, size)),
		size: size, bodySHA256: h.Sum(nil), contentType: mediaType})
	if err != nil {
		return out, err
	}
	defer res.Body.Close()
	return out, json.NewDecoder(res.Body).Decode(&out)
}

// Progress reports the client's progress in a running job.
func (c *Client) Progress(ctx context.Context, jobID string, p wire.ProgressRequest) error {
	return c.call(ctx, "POST", jobPath(jobID, "/progress"), p, nil, nil, false)
}

// Commit posts the commitment to the client's trace root ("0x" + 64 hex)
// and returns how many of the job's slots have committed.
func (c *Client) Commit(ctx context.Context, jobID, commitment string) (wire.Commitments, error) {
	var out wire.Commitments
	return out, c.call(ctx, "POST", jobPath(jobID, "/commit"), wire.CommitRequest{Commitment: commitment}, &out, nil, false)
}

// Reveal opens the client's commitment and returns its slot's report; a
// 409 *Error means "not every slot has committed yet".
func (c *Client) Reveal(ctx context.Context, jobID string, r wire.RevealRequest) (wire.SlotReport, error) {
	var out wire.SlotReport
	return out, c.call(ctx, "POST", jobPath(jobID, "/reveal"), r, &out, nil, false)
}

// Challenge is an open question of the referee to the client's slot
// (wire.Challenge with its arguments kept as raw JSON, for verde.Question).
type Challenge struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Args     json.RawMessage `json:"args"`
	Deadline string          `json:"deadline"`
}

// ErrJobFinal is returned by Challenges once the job's intent is final: no
// question will come any more.
var ErrJobFinal = errors.New("the job is final: the referee asks nothing more")

// Challenges lists the open questions to the client's slot in a job; once
// the job is final it returns them with ErrJobFinal.
func (c *Client) Challenges(ctx context.Context, jobID string) ([]Challenge, error) {
	var out struct {
		Challenges []Challenge `json:"challenges"`
		Final      bool        `json:"final"`
	}
	if err := c.call(ctx, "GET", jobPath(jobID, "/challenges"), nil, &out, nil, false); err != nil {
		return nil, err
	}
	if out.Final {
		return out.Challenges, ErrJobFinal
	}
	return out.Challenges, nil
}

// Answer answers a challenge with raw JSON.
func (c *Client) Answer(ctx context.Context, jobID, challengeID string, answer json.RawMessage) error {
	return c.call(ctx, "POST", jobPath(jobID, "/challenges/"+url.PathEscape(challengeID)),
		map[string]json.RawMessage{"answer": answer}, nil, nil, false)
}
