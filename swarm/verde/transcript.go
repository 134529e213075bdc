package verde

import (
	"encoding/json"
	"fmt"
	"slices"
)

// The record of a game: its parties, exchanges, checks and verdicts, which
// anyone can re-check (Transcript.Verify).

// Slot is a worker's place in a job: its replica and its rank in it.
type Slot struct {
	Replica int `json:"replica"`
	Rank    int `json:"rank"`
}

// String names the slot in verdicts and logs: "replica 1 rank 0".
func (s Slot) String() string { return fmt.Sprintf("replica %d rank %d", s.Replica, s.Rank) }

// Reveal is what a slot revealed: its trace root and its number of leaves.
type Reveal struct {
	Root   Hash `json:"root"`
	Leaves int  `json:"leaves"`
}

// Verdict is one slot found guilty, and why.
type Verdict struct {
	Slot
	Reason string `json:"reason"`
}

// Ruling is the outcome of a game: the guilty slots. The slots of the
// dispute not listed are cleared.
type Ruling struct {
	Guilty []Verdict `json:"guilty"`
}

// Convicted reports whether s is among the guilty.
func (r *Ruling) Convicted(s Slot) bool {
	return slices.ContainsFunc(r.Guilty, func(v Verdict) bool { return v.Slot == s })
}

// Exchange is one question to one slot and what came of it: the answer
// itself if small, else its size and sha256.
type Exchange struct {
	Slot         Slot            `json:"slot"`
	Kind         string          `json:"kind"`
	Args         json.RawMessage `json:"args"`
	Answer       json.RawMessage `json:"answer,omitempty"`
	AnswerSHA256 *Hash           `json:"answer_sha256,omitempty"`
	Bytes        int             `json:"bytes"`
	Error        string          `json:"error,omitempty"`
}

// maxKept is the largest answer a transcript keeps whole.
const maxKept = 64 << 10

// Check is one comparison the referee made: a hash it derived (Want)
// against one a party stands by (Got).
type Check struct {
	Slot *Slot  `json:"slot,omitempty"`
	What string `json:"what"`
	Want Hash   `json:"want"`
	Got  Hash   `json:"got"`
	OK   bool   `json:"ok"`
}

// DisputedLeaf is the earliest trace leaf on which the two slots differ.
type DisputedLeaf struct {
	Index int    `json:"index"`
	Step  int    `json:"step"`
	Kind  string `json:"kind"`
	Peer  int    `json:"peer"`
	A     Hash   `json:"a"`
	B     Hash   `json:"b"`
}

// Transcript is the record of a game, for anyone to re-check the ruling:
// the two roots, the bisection over the traces, the disputed leaf, the
// bisection over the step's operators and the recomputed operator if it
// came to that, every comparison made and every question asked, and the
// dispute of a gossip sender it had to settle first. Rounds counts the
// questions, Bytes their answers, FLOPs the referee's recomputation
// (sender's dispute included).
type Transcript struct {
	Job       string        `json:"job"`
	Rank      int           `json:"rank"`
	Slots     [2]Slot       `json:"slots"`
	Roots     [2]Hash       `json:"roots"`
	Leaves    [2]int        `json:"leaves"`
	Trace     *Outcome      `json:"trace,omitempty"`
	Leaf      *DisputedLeaf `json:"leaf,omitempty"`
	OpRoots   *[2]Hash      `json:"op_roots,omitempty"`
	OpCount   int           `json:"op_count,omitempty"`
	Ops       *Outcome      `json:"ops,omitempty"`
	Op        *OpRuling     `json:"op,omitempty"`
	Checks    []Check       `json:"checks,omitempty"`
	Exchanges []Exchange    `json:"exchanges"`
	Sender    *Transcript   `json:"sender,omitempty"`
	Rounds    int           `json:"rounds"`
	Bytes     int64         `json:"bytes"`
	FLOPs     float64       `json:"flops"`
}

// Verify re-checks the bisections of a transcript against the roots it
// starts from: every pair of children hashes to the node its party stood
// by, the descent follows the first difference, and the leaves reached hash
// to the nodes they end on. The sender's dispute, if any, is checked too.
func (t *Transcript) Verify() error {
	if t.Trace != nil {
		if err := VerifyBisection(t.Leaves[0], t.Roots[0], t.Roots[1], *t.Trace); err != nil {
			return fmt.Errorf("trace: %w", err)
		}
	}
	if t.Ops != nil && t.OpRoots != nil {
		if err := VerifyBisection(t.OpCount, t.OpRoots[0], t.OpRoots[1], *t.Ops); err != nil {
			return fmt.Errorf("operators: %w", err)
		}
	}
	if t.Sender != nil {
		return t.Sender.Verify()
	}
	return nil
}

// fault is a rule a slot broke: no valid answer, or an answer against its
// own commitment or the job's computation. The slot is guilty.
type fault struct {
	slot   Slot
	reason string
}

func (f *fault) Error() string { return fmt.Sprintf("%v: %s", f.slot, f.reason) }

func faultf(s Slot, format string, args ...any) error {
	return &fault{slot: s, reason: fmt.Sprintf(format, args...)}
}
