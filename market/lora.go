package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// LoRA is the low-rank adapter of a MethodLoRA spec (PEFT's r, lora_alpha
// and target_modules).
type LoRA struct {
	R       uint32
	Alpha   float64
	Targets LoRATargets
}

// LoRATargets is a set of the linear modules a LoRA adapts, by PEFT's
// module names; a set (not a list) so that a spec stays comparable and
// two orders of the same names are one spec.
type LoRATargets uint8

// The modules a LoRA may target, in the sorted order of their names.
const (
	TargetCAttn LoRATargets = 1 << iota // attention's input projection
	TargetCFC                           // the MLP's input projection
	TargetCProj                         // attention's and the MLP's output projections
)

// loraTargetNames are the names of the targets' bits, in bit order (sorted).
var loraTargetNames = [...]string{"c_attn", "c_fc", "c_proj"}

// MaxLoRARank bounds a spec's rank; a model's own width bounds it further
// (the swarm's check at quote time).
const MaxLoRARank = 4096

// ParseLoRATargets is the set of the named modules; it refuses an empty
// list, an unknown name and a name given twice.
func ParseLoRATargets(names []string) (LoRATargets, error) {
	if len(names) == 0 {
		return 0, Errorf(KindInvalid, "lora_targets: none given (known: %s)", strings.Join(loraTargetNames[:], ", "))
	}
	var t LoRATargets
	for _, n := range names {
		j := slices.Index(loraTargetNames[:], n)
		if j < 0 {
			return 0, Errorf(KindInvalid, "lora_targets: unknown module %q (known: %s)", n, strings.Join(loraTargetNames[:], ", "))
		}
		bit := LoRATargets(1) << j
		if t&bit != 0 {
			return 0, Errorf(KindInvalid, "lora_targets: module %q named twice", n)
		}
		t |= bit
	}
	return t, nil
}

// Names lists the targeted modules' names, sorted.
func (t LoRATargets) Names() []string {
	var ns []string
	for j, n := range loraTargetNames {
		if t&(1<<j) != 0 {
			ns = append(ns, n)
		}
	}
	return ns
}

// Validate reports whether l is in bounds: r in [1, MaxLoRARank], alpha
// positive and finite, targets a non-empty set of known modules.
func (l LoRA) Validate() error {
	switch {
	case l.R < 1 || l.R > MaxLoRARank:
		return Errorf(KindInvalid, "lora_r %d: must be in [1, %d]", l.R, MaxLoRARank)
	case !(l.Alpha > 0) || math.IsInf(l.Alpha, 0):
		return Errorf(KindInvalid, "lora_alpha %g: must be positive and finite", l.Alpha)
	case l.Targets == 0 || l.Targets>>len(loraTargetNames) != 0:
		return Errorf(KindInvalid, "lora_targets: want a non-empty set of %s", strings.Join(loraTargetNames[:], ", "))
	}
	return nil
}

// Params is the number of adapter weights l adds to a model of shape m:
// r × (in + out) per adapted module, per layer c_attn C→3C, c_fc C→4C and
// the two c_proj C→C and 4C→C (swarm/model's LoRA.NumParams, which a test
// of swarm/jobplan holds it to).
func (l LoRA) Params(m ModelShape) int64 {
	c, per := int64(m.Width), int64(0)
	if l.Targets&TargetCAttn != 0 {
		per += 4 * c
	}
	if l.Targets&TargetCFC != 0 {
		per += 5 * c
	}
	if l.Targets&TargetCProj != 0 {
		per += 2*c + 5*c
	}
	return int64(l.R) * per * int64(m.Layers)
}

// String is l as PEFT's settings, for messages.
func (l LoRA) String() string {
	return fmt.Sprintf("r %d, alpha %g, targets %s", l.R, l.Alpha, strings.Join(l.Targets.Names(), ","))
}
