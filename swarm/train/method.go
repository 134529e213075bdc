package train

import (
	"fmt"
	"slices"

	"github.com/axl-market/axl/swarm/model"
)

// The fine-tuning methods.
const (
	MethodFull = "full" // every weight trained
	MethodLoRA = "lora" // low-rank adapters trained on a frozen model
)

// Method says which weights a run trains. The zero Method is a full
// fine-tune.
type Method struct {
	Name string // MethodFull (or empty) or MethodLoRA
	// LoRA configures the adapters of MethodLoRA; it must be zero otherwise.
	LoRA model.LoRA
}

// Validate reports whether meth can train a model of configuration c.
func (meth Method) Validate(c model.Config) error {
	switch meth.Name {
	case "", MethodFull:
		if meth.LoRA.R != 0 || meth.LoRA.Alpha != 0 || len(meth.LoRA.Targets) != 0 {
			return fmt.Errorf("method %s takes no LoRA settings", MethodFull)
		}
		return nil
	case MethodLoRA:
		return meth.LoRA.Validate(c)
	}
	return fmt.Errorf("unknown fine-tuning method %q (known: %s, %s)", meth.Name, MethodFull, MethodLoRA)
}

// sameLoRA reports whether two checkpoints' LoRA settings (nil for a full
// fine-tune) are the same.
func sameLoRA(a, b *model.LoRA) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.R == b.R && a.Alpha == b.Alpha && slices.Equal(a.Canonical().Targets, b.Canonical().Targets)
}

// methodOf describes a checkpoint's method for an error message.
func methodOf(l *model.LoRA) string {
	if l == nil {
		return MethodFull
	}
	return fmt.Sprintf("%s (r %d, alpha %g, targets %v)", MethodLoRA, l.R, l.Alpha, l.Targets)
}
