package market

import (
	"fmt"
	"io"
)

// A job is feasible when every worker that stakes on it can run it to the
// end, and the referee can recompute any of its steps: the quote checks it
// before money moves (DESIGN §9), with the workers' own code through the
// Runtime port, so that no worker has to refuse a job after staking.

// ModelShape is the shape of a GPT-2 base model, as the workers' loader
// reads it from the model's file.
type ModelShape struct {
	VocabSize int `json:"vocab_size"`  // tokens
	Positions int `json:"n_positions"` // the longest sequence
	Width     int `json:"n_embd"`      // channels
	Layers    int `json:"n_layer"`     // transformer blocks
	Heads     int `json:"n_head"`      // attention heads
}

// JobNeeds is what a job asks of each worker and of the referee, in bytes
// (the formula is the Runtime's).
type JobNeeds struct {
	// StepMemory is one training step: the weights, their gradients,
	// AdamW's two moments and the activations of the batch.
	StepMemory int64
	// SlotMemory is a worker's slot through its whole run: the step, the
	// files, and NoLoCo's state, messages and final average.
	SlotMemory int64
	// RefereeMemory is the referee's recomputation of one step (a spot
	// check, or the step of a dispute) with the states and answers it holds
	// meanwhile.
	RefereeMemory int64
	// LargestAnswer is the largest answer a worker may have to send the
	// referee: a whole state (weights and moments), or an operator's inputs.
	LargestAnswer int64
}

// JobLimits bound what a job may ask.
type JobLimits struct {
	// MaxMemory bounds a slot's memory and the referee's (--max-job-memory).
	MaxMemory int64
	// MaxAnswer is the largest answer to the referee the API accepts.
	MaxAnswer int64
}

// DefaultJobLimits fit a worker of 2 cores and 4 GiB (3 GiB for the job,
// the rest for the system), and the API's default body limit for answers.
var DefaultJobLimits = JobLimits{MaxMemory: 3 << 30, MaxAnswer: 64 << 20}

// Runtime is the port to the workers' training runtime (swarm/jobplan
// implements it): what the market asks of the very code workers run, to
// refuse before money moves a job they would refuse after staking.
type Runtime interface {
	// InspectModel reads the model file r of size bytes as every worker
	// loads it (the project's one safetensors parser, then the GPT-2
	// loader), without its weights, and returns its shape; the error says
	// why no worker would load it.
	InspectModel(r io.ReaderAt, size int64) (ModelShape, error)
	// CheckJob checks a spec, its hyper-parameters resolved, on a model of
	// that shape (its file of modelSize bytes) and a dataset of datasetSize
	// bytes (s.Tokens.Count tokens when tokenized), as a worker's run checks
	// it, and returns what the job needs. A refusal is an *Error of
	// KindInfeasible (see Infeasible).
	CheckJob(s Spec, m ModelShape, modelSize, datasetSize int64) (JobNeeds, error)
	// InspectTokenizer reads a tokenizer artifact as every worker loads it
	// and returns its vocabulary's size; the error says why no worker would.
	InspectTokenizer(b []byte) (vocab int, err error)
	// Tokenize builds the token stream of s (Tokenized) from the dataset's
	// and the tokenizer's bytes (nil for none), as every worker builds it.
	Tokenize(s Spec, data, tokenizer []byte) (TokenStream, error)
}

// Blob is the bytes of a stored artifact, read at any offset.
type Blob interface {
	io.ReaderAt
	io.Closer
}

// Blobs is the port to the artifacts' bytes (market/blobstore implements it).
type Blobs interface {
	// OpenBlob opens the bytes of a stored artifact; the caller closes them.
	OpenBlob(id ArtifactID) (Blob, error)
}

// The bounds an infeasible job breaks, as problem documents name them.
const (
	BoundModel         = "base_model"     // no worker would load the model
	BoundSeqLen        = "seq_len"        // longer than the model's context (n_positions)
	BoundVocabulary    = "vocab_size"     // fewer tokens than the dataset's bytes take
	BoundDataset       = "dataset"        // a worker's shard holds less than one sequence
	BoundSlotMemory    = "slot_memory"    // a slot needs more than --max-job-memory
	BoundRefereeMemory = "referee_memory" // the referee would need more than --max-job-memory
	BoundRefereeAnswer = "referee_answer" // an answer to the referee would exceed the API's limit
	BoundSpec          = "spec"           // another rule of the run (warm-up, NoLoCo's constants)
	BoundDeadline      = "deadline"       // the deadline leaves less than the job's minimum run (Rules.MinRun), in seconds
)

// Infeasible returns the KindInfeasible error of a spec that breaks bound:
// the limit and the value the spec asks for (both 0 where there is no
// number) go in the problem document beside the message.
func Infeasible(bound string, limit, value int64, format string, args ...any) *Error {
	e := &Error{Kind: KindInfeasible, Message: fmt.Sprintf(format, args...), Extra: map[string]any{"bound": bound}}
	if limit != 0 || value != 0 {
		e.Extra["limit"], e.Extra["value"] = limit, value
	}
	return e
}

// Check refuses a job that needs more than l allows, saying which bound it
// breaks and by how much.
func (l JobLimits) Check(n JobNeeds) error {
	const advice = "use a smaller batch_size or seq_len, or a smaller model"
	if n.SlotMemory > l.MaxMemory {
		return Infeasible(BoundSlotMemory, l.MaxMemory, n.SlotMemory,
			"a slot needs %s of memory (%d bytes), %s more than the %s a job may take (--max-job-memory): %s",
			Bytes(n.SlotMemory), n.SlotMemory, Bytes(n.SlotMemory-l.MaxMemory), Bytes(l.MaxMemory), advice)
	}
	if n.RefereeMemory > l.MaxMemory {
		return Infeasible(BoundRefereeMemory, l.MaxMemory, n.RefereeMemory,
			"the referee's recomputation of one step needs %s of memory (%d bytes), %s more than the %s a job may take (--max-job-memory): %s",
			Bytes(n.RefereeMemory), n.RefereeMemory, Bytes(n.RefereeMemory-l.MaxMemory), Bytes(l.MaxMemory), advice)
	}
	if n.LargestAnswer > l.MaxAnswer {
		return Infeasible(BoundRefereeAnswer, l.MaxAnswer, n.LargestAnswer,
			"a worker may have to send the referee %s (%d bytes) in one answer, %s more than the %s an answer may hold: %s",
			Bytes(n.LargestAnswer), n.LargestAnswer, Bytes(n.LargestAnswer-l.MaxAnswer), Bytes(l.MaxAnswer), advice)
	}
	return nil
}

// Bytes renders a number of bytes for people: "3.0 GiB", "17.2 MiB", "512 B".
func Bytes(n int64) string {
	const unit = 1024
	if n < unit && n > -unit {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n), 0
	for ; (f >= unit*unit || f <= -unit*unit) && i < 5; i++ {
		f /= unit
	}
	return fmt.Sprintf("%.1f %ciB", f/unit, "KMGTPE"[i])
}
