package market

import (
	"errors"
	"strings"
	"testing"
)

func TestWithDefaults(t *testing.T) {
	d := DefaultHyperparameters
	tests := []struct {
		name      string
		in        Hyperparameters
		positions int
		want      Hyperparameters
	}{
		{"all defaults, a long context", Hyperparameters{}, 1024, d},
		{"all defaults, tiny's context of 64", Hyperparameters{}, 64,
			Hyperparameters{LearningRate: 3e-4, WeightDecay: 0.1, BatchSize: 8, SeqLen: 64, WarmupSteps: 0, InnerSteps: 50}},
		{"a context of exactly the default", Hyperparameters{}, 128, d},
		{"an unknown context leaves the default", Hyperparameters{}, 0, d},
		{"what is set stays, beyond the context too: the check refuses it, not the defaults",
			Hyperparameters{LearningRate: 1e-3, BatchSize: 2, SeqLen: 100, WarmupSteps: 5, InnerSteps: 4}, 64,
			Hyperparameters{LearningRate: 1e-3, WeightDecay: 0.1, BatchSize: 2, SeqLen: 100, WarmupSteps: 5, InnerSteps: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.WithDefaults(tt.positions); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestJobLimitsCheck(t *testing.T) {
	l := JobLimits{MaxMemory: 3 << 30, MaxAnswer: 64 << 20}
	fits := JobNeeds{StepMemory: 1 << 20, SlotMemory: 3 << 30, RefereeMemory: 3 << 30, LargestAnswer: 64 << 20}
	tests := []struct {
		name   string
		edit   func(*JobNeeds)
		bound  string
		value  int64
		detail string
	}{
		{"at every limit", func(*JobNeeds) {}, "", 0, ""},
		{"a slot beyond", func(n *JobNeeds) { n.SlotMemory = 5 << 30 }, BoundSlotMemory, 5 << 30,
			"a slot needs 5.0 GiB of memory (5368709120 bytes), 2.0 GiB more than the 3.0 GiB a job may take (--max-job-memory)"},
		{"the referee beyond", func(n *JobNeeds) { n.RefereeMemory = 3<<30 + 1 }, BoundRefereeMemory, 3<<30 + 1,
			"the referee's recomputation of one step needs 3.0 GiB of memory (3221225473 bytes), 1 B more than the 3.0 GiB"},
		{"an answer beyond", func(n *JobNeeds) { n.LargestAnswer = 80 << 20 }, BoundRefereeAnswer, 80 << 20,
			"80.0 MiB (83886080 bytes) in one answer, 16.0 MiB more than the 64.0 MiB an answer may hold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := fits
			tt.edit(&n)
			err := l.Check(n)
			if tt.bound == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindInfeasible || !strings.Contains(e.Message, tt.detail) {
				t.Fatalf("error %v, want an infeasible one saying %q", err, tt.detail)
			}
			if e.Extra["bound"] != tt.bound || e.Extra["value"] != tt.value || e.Extra["limit"] == nil {
				t.Fatalf("extra %v, want bound %s and value %d", e.Extra, tt.bound, tt.value)
			}
		})
	}
}

func TestInfeasibleWithoutNumbers(t *testing.T) {
	e := Infeasible(BoundModel, 0, 0, "no GPT-2 in %s", "w")
	if e.Kind != KindInfeasible || e.Message != "no GPT-2 in w" || e.Extra["bound"] != BoundModel || len(e.Extra) != 1 {
		t.Fatalf("%+v", e)
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 3 << 30: "3.0 GiB",
		17_600_000: "16.8 MiB", 1 << 62: "4.0 EiB", -2048: "-2.0 KiB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
