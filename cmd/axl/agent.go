package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	apiclient "github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/swarm/train"
)

// runAgent is the buyer's side: `axl agent buy` does the whole purchase;
// upload, watch, weights and disputes are its steps on their own.
func runAgent(ctx context.Context, env *environment, args []string) error {
	subs := map[string]func(context.Context, *environment, []string) error{
		"buy":      runAgentBuy,
		"upload":   runAgentUpload,
		"watch":    runAgentWatch,
		"weights":  runAgentWeights,
		"disputes": runAgentDisputes,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		fmt.Fprintln(env.stderr, "usage: axl agent buy|upload|watch|weights|disputes [flags]")
		fmt.Fprintln(env.stderr, "  buy       upload the model and dataset, quote, sign, fund, follow the run, download the verified weights")
		fmt.Fprintln(env.stderr, "  upload    upload a file as an artifact and print its id")
		fmt.Fprintln(env.stderr, "  watch     follow an intent's events until it is final")
		fmt.Fprintln(env.stderr, "  weights   download an intent's released weights, checked against the released hash")
		fmt.Fprintln(env.stderr, "  disputes  print an intent's dispute transcripts (public)")
		if len(args) == 0 {
			return usageError{"agent: no subcommand given"}
		}
		return usageError{fmt.Sprintf("agent: unknown subcommand %q", args[0])}
	}
	return subs[args[0]](ctx, env, args[1:])
}

// agentFlags are the flags every agent subcommand takes: where the API is,
// whose key signs and for which chain and contracts.
type agentFlags struct {
	api, keyFile, deployment string
}

func (f *agentFlags) register(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&f.api, "api", "http://127.0.0.1:8080", "base URL of the marketplace API")
	fs.StringVar(&f.keyFile, "key-file", "", "the buyer's key: a file from 'axl keys new', or one holding a hex private key")
	fs.StringVar(&f.deployment, "deployment", "", "the chain and contracts the buyer signs for: the deployment file of axl deploy, or a JSON file with chain_id and contracts {escrow, usdc, ai}, as devnet.json holds them (buy refuses to sign without it)")
}

func (f *agentFlags) client() (*apiclient.Client, error) {
	if f.keyFile == "" {
		return nil, usageError{"agent: --key-file is required"}
	}
	key, err := loadKey(f.keyFile)
	if err != nil {
		return nil, err
	}
	var opts []apiclient.Option
	if f.deployment != "" {
		d, err := loadDeployment(f.deployment)
		if err != nil {
			return nil, err
		}
		opts = append(opts, apiclient.WithDeployment(d))
	}
	return apiclient.New(strings.TrimRight(f.api, "/"), key, opts...), nil
}

// deploymentFile is the part of devnet.json (or of a deployment's file)
// that says what a buyer signs for.
type deploymentFile struct {
	ChainID   int64 `json:"chain_id"`
	Contracts struct {
		Escrow common.Address `json:"escrow"`
		USDC   common.Address `json:"usdc"`
		AI     common.Address `json:"ai"`
	} `json:"contracts"`
}

// loadDeployment reads the chain and contracts a buyer trusts from path.
func loadDeployment(path string) (apiclient.Deployment, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return apiclient.Deployment{}, err
	}
	var f deploymentFile
	if err := json.Unmarshal(b, &f); err != nil {
		return apiclient.Deployment{}, fmt.Errorf("deployment %s: %v", path, err)
	}
	if f.ChainID == 0 && f.Contracts.Escrow == (common.Address{}) {
		// Not devnet.json's shape: the deployment file of axl deploy.
		d, err := escrow.ReadDeployment(path)
		if err != nil {
			return apiclient.Deployment{}, err
		}
		if d.ChainID > math.MaxInt64 {
			return apiclient.Deployment{}, fmt.Errorf("deployment %s: chain id %d is out of range", path, d.ChainID)
		}
		return deploymentOf(int64(d.ChainID), d.Escrow, d.USDC.Address, d.AI.Address), nil
	}
	if f.ChainID <= 0 || f.Contracts.Escrow == (common.Address{}) {
		return apiclient.Deployment{}, fmt.Errorf("deployment %s: want a chain_id and contracts.escrow", path)
	}
	return deploymentOf(f.ChainID, f.Contracts.Escrow, f.Contracts.USDC, f.Contracts.AI), nil
}

// deploymentOf is the client's view of a deployment: the tokens it has.
func deploymentOf(chainID int64, esc, usdc, ai common.Address) apiclient.Deployment {
	d := apiclient.Deployment{ChainID: chainID, Escrow: esc, Tokens: map[string]common.Address{}}
	for name, a := range map[string]common.Address{"USDC": usdc, "AI": ai} {
		if a != (common.Address{}) {
			d.Tokens[name] = a
		}
	}
	return d
}

// purchase is a buyer's order, as `axl agent buy` and the demo's buyer make it.
type purchase struct {
	Model, Dataset string // a file to upload, or an artifact id sha256:…
	Tokenizer      string // the same, or empty for bytes as tokens
	DatasetFormat  string // text or jsonl; empty: by the dataset's media type
	LoRA           wire.LoRASettings
	Token          string
	Steps          uint32
	Workers        uint32
	Replicas       uint32
	Hyper          wire.Hyperparameters
	Seed           string
	MaxPrice       string
	Deadline       time.Duration // from now
	Out            string        // where the verified weights go
	Dir            string        // if set, where the Hugging Face directory goes too
}

// receipt is what a purchase ends with.
type receipt struct {
	Intent   wire.IntentDetail
	Weights  string // the path of the verified weights; empty unless released
	SHA256   string // their hex sha256, equal to the released hash
	Dir      string // the Hugging Face directory, when asked for
	Release  string // the release transaction, from the escrow's Released event
	Disputes []apiclient.Dispute
}

// buyer runs purchases and reports their progress to a view.
type buyer struct {
	c    *apiclient.Client
	view *runView
	// created, if set, hears the id of the intent once it is created.
	created func(id string)
}

// artifact returns the id of ref: ref itself when it is an artifact id,
// else the id of the uploaded file ref.
func (b *buyer) artifact(ctx context.Context, ref, what string) (string, error) {
	if strings.HasPrefix(ref, "sha256:") {
		return ref, nil
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	media := "text/plain"
	switch {
	case strings.HasSuffix(ref, ".safetensors"):
		media = "application/octet-stream"
	case strings.HasSuffix(ref, ".jsonl"):
		media = "application/jsonl"
	case strings.HasSuffix(ref, ".json"):
		media = "application/json" // a tokenizer.json
	}
	a, err := b.c.UploadArtifact(ctx, media, data)
	if err != nil {
		return "", fmt.Errorf("upload %s %s: %w", what, ref, err)
	}
	b.view.note("uploaded %s %s (%d bytes) as %s", what, filepath.Base(ref), len(data), a.ID)
	return a.ID, nil
}

// buy makes the whole purchase: inputs, quote, signed intent, the run
// followed to its end, and the verified weights.
func (b *buyer) buy(ctx context.Context, p purchase) (receipt, error) {
	var rc receipt
	model, err := b.artifact(ctx, p.Model, "base model")
	if err != nil {
		return rc, err
	}
	data, err := b.artifact(ctx, p.Dataset, "dataset")
	if err != nil {
		return rc, err
	}
	var tok string
	if p.Tokenizer != "" {
		if tok, err = b.artifact(ctx, p.Tokenizer, "tokenizer"); err != nil {
			return rc, err
		}
	}
	hyper := p.Hyper
	req := wire.QuoteRequest{Token: p.Token, BaseModel: model, Dataset: data, Steps: p.Steps,
		Workers: p.Workers, Replicas: p.Replicas, Hyperparameters: &hyper, Seed: p.Seed, MaxPrice: p.MaxPrice,
		Deadline: time.Now().Add(p.Deadline).UTC().Format(time.RFC3339), Tokenizer: tok, DatasetFormat: p.DatasetFormat,
		LoRASettings: p.LoRA}
	q, err := b.c.Quote(ctx, req)
	if err != nil {
		return rc, fmt.Errorf("quote: %w", err)
	}
	b.view.note("quoted %s %s base units for %d slots (stake %s each), deadline %s", q.Price, q.Token, q.Slots, q.StakePerSlot, q.Deadline)
	in, err := b.c.CreateIntent(ctx, req, q, "")
	if err != nil {
		return rc, fmt.Errorf("create intent: %w", err)
	}
	b.view.note("intent %s signed and sent; the server relays its funding", in.ID)
	if b.created != nil {
		b.created(in.ID)
	}
	return b.follow(ctx, in.ID, p.Out, p.Dir)
}

// watch follows an intent's event stream until the intent is final and
// returns the state it ended in.
func (b *buyer) watch(ctx context.Context, id string) (string, error) {
	state := ""
	err := b.c.Events(ctx, id, 0, func(e apiclient.Event) error {
		b.view.event(e)
		if e.State != "" {
			state = e.State
		}
		switch state {
		case "released", "refunded", "cancelled", "failed":
			return apiclient.ErrStop
		}
		return nil
	})
	if err != nil {
		return state, fmt.Errorf("follow intent %s: %w", id, err)
	}
	return state, nil
}

// follow watches an intent until it is final, then reads how it ended
// and, when released, fetches the verified weights into out, and the
// Hugging Face directory into dir unless it is empty.
func (b *buyer) follow(ctx context.Context, id, out, dir string) (receipt, error) {
	var rc receipt
	state, err := b.watch(ctx, id)
	if err != nil {
		return rc, err
	}
	if rc.Intent, err = b.c.Intent(ctx, id); err != nil {
		return rc, err
	}
	if rc.Intent.Result != nil {
		rc.Release = rc.Intent.Result.ReleaseTx
	}
	if rc.Disputes, err = b.c.Disputes(ctx, id); err != nil {
		return rc, err
	}
	if state != "released" {
		return rc, fmt.Errorf("intent %s ended %s: no weights", id, state)
	}
	if rc.SHA256, err = b.c.Weights(ctx, id, out); err != nil {
		return rc, fmt.Errorf("weights: %w", err)
	}
	// Check the file on disk once more: what the buyer keeps is what was paid for.
	if got, err := fileSHA256(out); err != nil || hex.EncodeToString(got[:]) != rc.SHA256 {
		return rc, fmt.Errorf("weights file %s hashes to %x (%v), the release names %s", out, got, err, rc.SHA256)
	}
	rc.Weights = out
	if dir != "" {
		if err := modelDir(ctx, b.c, id, rc.SHA256, dir); err != nil {
			return rc, err
		}
		rc.Dir = dir
	}
	return rc, nil
}

// modelDir downloads intent id's Hugging Face directory into dir, every
// file checked against the manifest, and the weights against released,
// the hex sha256 of the chain's Released event.
func modelDir(ctx context.Context, c *apiclient.Client, id, released, dir string) error {
	m, err := c.ModelDir(ctx, id, dir)
	if err != nil {
		return fmt.Errorf("model directory: %w", err)
	}
	for _, f := range m.Files {
		if f.Name == "model.safetensors" && f.SHA256 != released {
			return fmt.Errorf("model directory: model.safetensors has sha256 %s, the release names %s", f.SHA256, released)
		}
	}
	return nil
}

// runView shows a run to a person: one bar per slot on a terminal, one
// line per event otherwise.
type runView struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	steps uint32
	slots map[uint32]slotLine
	drawn int // lines of bars on screen
}

type slotLine struct {
	replica, rank, step uint32
	loss, validation    float64
	tps                 float64
}

func newRunView(w io.Writer) *runView {
	return &runView{w: w, tty: isTerminal(w), slots: map[uint32]slotLine{}}
}

// note prints a line above the bars.
func (v *runView) note(format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.clear()
	fmt.Fprintf(v.w, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	v.draw()
}

func (v *runView) clear() {
	if v.tty && v.drawn > 0 {
		fmt.Fprintf(v.w, "\x1b[%dA\x1b[J", v.drawn)
		v.drawn = 0
	}
}

func (v *runView) draw() {
	if !v.tty || len(v.slots) == 0 || v.steps == 0 {
		return
	}
	keys := make([]uint32, 0, len(v.slots))
	for k := range v.slots {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	const width = 30
	for _, k := range keys {
		s := v.slots[k]
		filled := int(width * min(s.step, v.steps) / v.steps)
		fmt.Fprintf(v.w, "  slot %d (replica %d, rank %d) [%s%s] %d/%d loss %.4f validation %.4f %.0f tok/s\n", k, s.replica, s.rank,
			strings.Repeat("#", filled), strings.Repeat(".", width-filled), s.step, v.steps, s.loss, s.validation, s.tps)
	}
	v.drawn = len(keys)
}

// event shows one event of the intent's stream.
func (v *runView) event(e apiclient.Event) {
	switch e.Type {
	case "progress":
		var p struct {
			Slot, Replica, Rank, Step uint32
			Loss                      float64
			ValidationLoss            float64 `json:"validation_loss"`
			TokensPerSecond           float64 `json:"tokens_per_second"`
		}
		if json.Unmarshal(e.Data, &p) != nil {
			return
		}
		v.mu.Lock()
		v.slots[p.Slot] = slotLine{replica: p.Replica, rank: p.Rank, step: p.Step, loss: p.Loss, validation: p.ValidationLoss, tps: p.TokensPerSecond}
		if v.tty {
			v.clear()
			v.draw()
		} else if v.steps == 0 || p.Step == v.steps || p.Step%max(v.steps/4, 1) == 0 {
			fmt.Fprintf(v.w, "%s  slot %d (replica %d, rank %d): step %d/%d, loss %.4f, validation loss %.4f\n", time.Now().Format("15:04:05"),
				p.Slot, p.Replica, p.Rank, p.Step, v.steps, p.Loss, p.ValidationLoss)
		}
		v.mu.Unlock()
	case "state":
		why := map[string]string{
			"funding":   "the server relays the signed funding",
			"open":      "funded on chain; workers claim and stake its slots",
			"matched":   "slots are being staked",
			"running":   "every slot staked and assigned: the replicas train",
			"verifying": "the replicas agree: the result is on chain, released when the challenge window closes",
			"disputed":  "the replicas disagree: the referee plays the Verde game",
		}[e.State]
		if why != "" {
			v.note("intent is %s: %s", e.State, why)
		} else {
			v.note("intent is %s", e.State)
		}
	default:
		v.note("%s", describeEvent(e.Type, e.Data))
	}
}

// describeEvent renders an event of the intent's log as a sentence.
func describeEvent(typ string, data json.RawMessage) string {
	var d struct {
		Hash, Kind, Status, Error string
		Slot, Replica, Rank       uint32
		Slots                     json.RawMessage // a count for "job", a list for "dispute"
		State, Worker, Weights    string
		TraceRoot                 string `json:"trace_root"`
	}
	if json.Unmarshal(data, &d) == nil {
		short := func(h string) string {
			if len(h) > 14 {
				return h[:14] + "…"
			}
			return h
		}
		switch typ {
		case "transaction":
			switch d.Status {
			case "mined":
				return fmt.Sprintf("%s transaction mined: %s", d.Kind, d.Hash)
			case "failed":
				return fmt.Sprintf("%s transaction failed: %s", d.Kind, d.Error)
			}
			return fmt.Sprintf("%s transaction %s", d.Kind, d.Status)
		case "slot":
			return fmt.Sprintf("slot %d %s by %s", d.Slot, d.State, d.Worker)
		case "job":
			return fmt.Sprintf("job listed: %s slots for workers to claim", d.Slots)
		case "dispute":
			var x struct {
				ID     int64    `json:"id"`
				Slots  []uint32 `json:"slots"`
				Ruling struct {
					Guilty  []uint32 `json:"guilty_slots"`
					Reasons []string `json:"reasons"`
				} `json:"ruling"`
			}
			if json.Unmarshal(data, &x) == nil {
				what := "dispute"
				if len(x.Slots) == 1 {
					what = "spot check"
				}
				switch {
				case d.State == "open" && len(x.Slots) == 2:
					return fmt.Sprintf("dispute %d opened: slots %d and %d of rank %d disagree; the referee questions them", x.ID, x.Slots[0], x.Slots[1], d.Rank)
				case d.State == "open":
					return fmt.Sprintf("%s %d of slot %v: the referee recomputes random steps", what, x.ID, x.Slots)
				case len(x.Ruling.Guilty) == 0:
					return fmt.Sprintf("%s %d ruled: nobody guilty", what, x.ID)
				}
				return fmt.Sprintf("%s %d ruled: slots %v guilty: %s", what, x.ID, x.Ruling.Guilty, strings.Join(x.Ruling.Reasons, "; "))
			}
		case "revealed":
			return fmt.Sprintf("slot %d (replica %d, rank %d) revealed trace root %s and weights %s", d.Slot, d.Replica, d.Rank,
				short(d.TraceRoot), short(d.Weights))
		}
	}
	raw := strings.TrimSpace(string(data))
	if raw == "" || raw == "null" || raw == "{}" {
		return typ
	}
	return typ + " " + raw
}

// setSteps tells the view how many steps a slot runs.
func (v *runView) setSteps(n uint32) {
	v.mu.Lock()
	v.steps = n
	v.mu.Unlock()
}

func runAgentBuy(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "agent buy")
	var af agentFlags
	af.register(fs)
	var p purchase
	fs.StringVar(&p.Model, "model", "", "base model: a .safetensors file (see 'axl model init') or an artifact id sha256:…")
	fs.StringVar(&p.Dataset, "dataset", "", "dataset: a UTF-8 text or JSONL file, or an artifact id sha256:…")
	fs.StringVar(&p.Tokenizer, "tokenizer", "", "byte-level BPE: a tokenizer.json, or an artifact id sha256:… (default: bytes are tokens)")
	fs.StringVar(&p.DatasetFormat, "dataset-format", "", "text or jsonl (default: jsonl for a .jsonl dataset, text otherwise)")
	fs.StringVar(&p.Token, "token", "USDC", "payment token: USDC or AI")
	method := fs.String("method", train.MethodFull, "what is trained: full (every weight) or lora (a low-rank adapter on the frozen model)")
	loraR := fs.Int("lora-r", 8, "LoRA rank (with --method lora)")
	loraAlpha := fs.Float64("lora-alpha", 16, "LoRA alpha: the update is scaled by alpha/r (with --method lora)")
	loraTargets := fs.String("lora-targets", "c_attn,c_proj", "LoRA target modules, comma-separated: c_attn, c_proj, c_fc (with --method lora)")
	steps := fs.Uint("steps", 100, "inner steps of every worker")
	workers := fs.Uint("workers", 2, "workers per replica")
	replicas := fs.Uint("replicas", 2, "replica swarms (2 or more for refereed verification; 1 is spot-checked)")
	batch := fs.Uint("batch-size", 4, "sequences per step")
	seq := fs.Uint("seq-len", 32, "tokens per sequence (at most the model's context)")
	inner := fs.Uint("inner-steps", 10, "NoLoCo's H: inner steps between outer steps")
	lr := fs.Float64("learning-rate", 3e-3, "peak learning rate")
	fs.StringVar(&p.Seed, "seed", "", "seed of the run (random when empty)")
	fs.StringVar(&p.MaxPrice, "max-price", "100000000", "most the buyer pays, in base units of the token")
	fs.DurationVar(&p.Deadline, "deadline", 2*time.Hour, "time from now by which the job must be released")
	fs.StringVar(&p.Out, "out", "weights.safetensors", "where to write the verified weights")
	fs.StringVar(&p.Dir, "dir", "", "also write the verified model as a Hugging Face directory (model.safetensors, config.json, the tokenizer files) into `DIR`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if p.Model == "" || p.Dataset == "" {
		return usageError{"agent buy: --model and --dataset are required"}
	}
	if af.deployment == "" {
		return usageError{"agent buy: --deployment is required: the chain and contracts whose documents the buyer signs (devnet.json for the dev chain)"}
	}
	meth, err := trainMethod(fs, "agent buy", *method, *loraR, *loraAlpha, *loraTargets)
	if err != nil {
		return err
	}
	if meth.Name == train.MethodLoRA {
		if meth.LoRA.R < 1 || meth.LoRA.R > math.MaxUint32 {
			return usageError{fmt.Sprintf("agent buy: --lora-r %d: want a rank of at least 1 (the server takes up to 4096)", meth.LoRA.R)}
		}
		p.LoRA = wire.LoRASettings{Method: train.MethodLoRA, LoRAR: uint32(meth.LoRA.R), LoRAAlpha: meth.LoRA.Alpha, LoRATargets: meth.LoRA.Targets}
	}
	c, err := af.client()
	if err != nil {
		return err
	}
	p.Steps, p.Workers, p.Replicas = uint32(*steps), uint32(*workers), uint32(*replicas)
	p.Hyper = wire.Hyperparameters{LearningRate: *lr, BatchSize: uint32(*batch), SeqLen: uint32(*seq), InnerSteps: uint32(*inner)}
	view := newRunView(env.stdout)
	view.setSteps(p.Steps)
	rc, err := (&buyer{c: c, view: view}).buy(ctx, p)
	if err != nil {
		return err
	}
	printReceipt(env.stdout, rc)
	return nil
}

// printReceipt says how a purchase ended: the weights, their hash, the
// release transaction, who was paid and who was slashed.
func printReceipt(w io.Writer, rc receipt) {
	fmt.Fprintf(w, "\nverified weights: %s\nsha256:           %s\n", rc.Weights, rc.SHA256)
	if rc.Dir != "" {
		fmt.Fprintf(w, "Hugging Face dir: %s (every file checked)\n", rc.Dir)
	}
	if rc.Release != "" {
		fmt.Fprintf(w, "released by tx:   %s\n", rc.Release)
	}
	paid, slashed := map[uint32]bool{}, map[uint32]bool{}
	if r := rc.Intent.Result; r != nil {
		for _, s := range r.PaidSlots {
			paid[s] = true
		}
		for _, s := range r.SlashedSlots {
			slashed[s] = true
		}
	}
	for _, s := range rc.Intent.Slots {
		what := "neither paid nor slashed:"
		switch {
		case slashed[s.Slot]:
			what = "slashed:"
		case paid[s.Slot]:
			what = "paid:"
		}
		fmt.Fprintf(w, "%-17s slot %d %s (replica %d, rank %d)\n", what, s.Slot, s.Worker, s.Replica, s.Rank)
	}
	for _, d := range rc.Disputes {
		var r struct {
			Guilty  []uint32 `json:"guilty_slots"`
			Reasons []string `json:"reasons"`
		}
		what := "dispute"
		if len(d.Slots) == 1 {
			what = "spot check"
		}
		if err := json.Unmarshal(d.Ruling, &r); err != nil || len(r.Guilty) == 0 {
			fmt.Fprintf(w, "%s %d of rank %d (slots %v): %s, nobody guilty\n", what, d.ID, d.Rank, d.Slots, d.State)
			continue
		}
		fmt.Fprintf(w, "%s %d of rank %d (slots %v): guilty slots %v: %s\n", what, d.ID, d.Rank, d.Slots, r.Guilty, strings.Join(r.Reasons, "; "))
	}
	if len(rc.Disputes) > 0 {
		fmt.Fprintf(w, "transcripts: GET /intents/%s/disputes (axl agent disputes %s)\n", rc.Intent.ID, rc.Intent.ID)
	}
}

func runAgentUpload(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "agent upload")
	var af agentFlags
	af.register(fs)
	file := fs.String("file", "", "the file to upload")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *file == "" {
		return usageError{"agent upload: --file is required"}
	}
	c, err := af.client()
	if err != nil {
		return err
	}
	id, err := (&buyer{c: c, view: newRunView(io.Discard)}).artifact(ctx, *file, "file")
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, id)
	return nil
}

// intentArg parses an agent subcommand that takes flags and one intent id.
func intentArg(fs interface{ Args() []string }, name string) (string, error) {
	args := fs.Args()
	if len(args) != 1 {
		return "", usageError{fmt.Sprintf("agent %s: give one intent id", name)}
	}
	return args[0], nil
}

func runAgentWatch(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "agent watch")
	var af agentFlags
	af.register(fs)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	id, err := intentArg(fs, "watch")
	if err != nil {
		return err
	}
	c, err := af.client()
	if err != nil {
		return err
	}
	in, err := c.Intent(ctx, id)
	if err != nil {
		return err
	}
	view := newRunView(env.stdout)
	view.setSteps(in.Spec.Steps)
	state, err := (&buyer{c: c, view: view}).watch(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "intent %s is %s\n", id, state)
	return nil
}

func runAgentWeights(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "agent weights")
	var af agentFlags
	af.register(fs)
	out := fs.String("out", "weights.safetensors", "where to write the weights")
	dir := fs.String("dir", "", "write the Hugging Face directory (model.safetensors, config.json, the tokenizer files) into `DIR` instead of the one file, every file checked against its sha256 and the weights against the intent's released hash")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	id, err := intentArg(fs, "weights")
	if err != nil {
		return err
	}
	c, err := af.client()
	if err != nil {
		return err
	}
	if *dir != "" {
		in, err := c.Intent(ctx, id)
		if err != nil {
			return err
		}
		if in.Result == nil || in.Result.ReleaseTx == "" {
			return fmt.Errorf("intent %s is %s: its model is delivered once released", id, in.State)
		}
		if err := modelDir(ctx, c, id, in.Result.WeightsSHA256, *dir); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "%s: model.safetensors sha256 %s, with its config.json and tokenizer files\n", *dir, in.Result.WeightsSHA256)
		return nil
	}
	sum, err := c.Weights(ctx, id, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s sha256 %s\n", *out, sum)
	return nil
}

func runAgentDisputes(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "agent disputes")
	api := fs.String("api", "http://127.0.0.1:8080", "base URL of the marketplace API")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	id, err := intentArg(fs, "disputes")
	if err != nil {
		return err
	}
	ds, err := apiclient.New(strings.TrimRight(*api, "/"), nil).Disputes(ctx, id)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(ds)
}
