package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/axl-market/axl/swarm/model"
)

// runModel is `axl model`: create a model, or describe one.
func runModel(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 {
		return usageError{"model: want a subcommand: init or info"}
	}
	switch args[0] {
	case "init":
		return runModelInit(env, args[1:])
	case "info":
		return runModelInfo(env, args[1:])
	}
	return usageError{fmt.Sprintf("model: unknown subcommand %q (want init or info)", args[0])}
}

// runModelInit is `axl model init`: a fresh model drawn from a seed.
func runModelInit(env *environment, args []string) error {
	fs := newFlagSet(env, "model init")
	cfgName := fs.String("config", "tiny", "model size: "+strings.Join(model.ConfigNames(), "|"))
	seed := fs.Uint64("seed", 0, "seed of the initial weights")
	out := fs.String("out", "", "write the model to `FILE.safetensors` (config.json beside it)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"model init: --out is required"}
	}
	cfg, err := model.ConfigByName(*cfgName)
	if err != nil {
		return usageError{"model init: " + err.Error()}
	}
	m, err := model.Init(cfg, *seed)
	if err != nil {
		return err
	}
	if err := model.Save(*out, m); err != nil {
		return err
	}
	sum, err := fileSHA256(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: %d parameters\nsha256 %x  %s\n", *cfgName, cfg.NumParams(), sum, *out)
	return nil
}

// runModelInfo is `axl model info FILE`: the configuration, size and hash.
func runModelInfo(env *environment, args []string) error {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		return usageError{"model info: want one FILE.safetensors"}
	}
	m, err := model.Load(args[0])
	if err != nil {
		return err
	}
	sum, err := fileSHA256(args[0])
	if err != nil {
		return err
	}
	c := m.Config
	fmt.Fprintf(env.stdout, "vocab %d, context %d, %d channels, %d layers, %d heads: %d parameters\nsha256 %x  %s\n",
		c.VocabSize, c.MaxSeq, c.Dim, c.Layers, c.Heads, c.NumParams(), sum, args[0])
	return nil
}
