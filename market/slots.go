package market

import (
	"context"
	"encoding/hex"
	"io"
	"math/big"
	"strings"
	"time"
)

// SlotStore is what the slot use cases read and write; market/postgres
// implements it (as part of Ledger).
type SlotStore interface {
	Job(ctx context.Context, id Hash) (Job, error)
	JobSlots(ctx context.Context, id Hash) ([]Slot, error)
	ClaimSlot(ctx context.Context, r ClaimRequest) (Claim, error)
	Claim(ctx context.Context, jobID Hash, claimID string) (Claim, Slot, error)
	IntentByID(ctx context.Context, id Hash) (Intent, error)
	Worker(ctx context.Context, a Address) (Worker, error)
	ChainEventsOf(ctx context.Context, intentID Hash) ([]ChainEvent, error)
}

// WorkerStore records worker registrations.
type WorkerStore interface {
	PutWorker(ctx context.Context, w Worker) (Worker, error)
	// Worker is a registered worker (KindNotFound for none).
	Worker(ctx context.Context, a Address) (Worker, error)
}

// Wallets is what the chain tells of a worker's tokens.
type Wallets interface {
	Addresses() ChainAddresses
	PermitNonce(ctx context.Context, token, owner Address) (*big.Int, error)
	TokenBalance(ctx context.Context, token, owner Address) (*big.Int, error)
}

// StakeDocument names one of the two documents a worker signs to stake a
// claimed slot.
type StakeDocument string

// The stake documents, named as the request members that carry their
// signatures.
const (
	// StakePermit is the token's EIP-2612 permit for the escrow to pull the stake.
	StakePermit StakeDocument = "permit_signature"
	// StakeBinding is the escrow's Stake struct, which binds the permit to
	// one slot of one intent.
	StakeBinding StakeDocument = "stake_signature"
)

// Signatures recovers who signed the documents the market asks its users
// to sign; the EIP-712 adapter implements it.
type Signatures interface {
	// StakeSigner returns the address whose signature sig is over doc of
	// claim c of job. A signature that recovers no address is a
	// KindBadSignature error.
	StakeSigner(job Job, c Claim, doc StakeDocument, sig []byte) (Address, error)
}

// StakeRelay sends a worker's signed stake to the escrow.
type StakeRelay interface {
	Stake(ctx context.Context, in Intent, c Claim, permitSig, stakeSig []byte) (Tx, error)
}

// Slots is the workers' side of a job's slots: registering, claiming a
// slot, staking it and reading the assignment.
type Slots struct {
	Store      SlotStore
	Workers    WorkerStore
	Wallets    Wallets
	Signatures Signatures
	// Relay relays stakes; nil refuses them as unavailable.
	Relay StakeRelay
	Clock Clock
	// Random draws claim ids.
	Random io.Reader
	// ClaimTTL is how long a claimed slot waits for its stake.
	ClaimTTL time.Duration
	// MaxPendingClaims bounds a worker's claims not yet staked (0: no bound).
	MaxPendingClaims int
	Rules            Rules
}

// Register records (or updates) w as a worker, after CheckRegistration.
func (s *Slots) Register(ctx context.Context, w Worker) (Worker, error) {
	if err := w.CheckRegistration(); err != nil {
		return Worker{}, err
	}
	w.UpdatedAt = s.Clock.Now().UTC()
	return s.Workers.PutWorker(ctx, w)
}

// MaxWorkerCapacity and MaxMultiaddrs bound a worker's registration.
const (
	MaxWorkerCapacity = 1024
	MaxMultiaddrs     = 16
	MaxWorkerThreads  = 4096
)

// CheckRegistration fails unless w can be registered: a base58 libp2p peer
// id, 1 to MaxMultiaddrs addresses of the form /ip4/…/tcp/…, a capacity
// of 1 to MaxWorkerCapacity slots, memory of 0 bytes or more and up to
// MaxWorkerThreads threads (0 for either: not said).
func (w Worker) CheckRegistration() error {
	if !validPeerID(w.PeerID) {
		return Errorf(KindInvalid, "peer_id must be a base58 libp2p peer id")
	}
	if len(w.Multiaddrs) == 0 || len(w.Multiaddrs) > MaxMultiaddrs {
		return Errorf(KindInvalid, "multiaddrs must list 1 to %d addresses", MaxMultiaddrs)
	}
	for _, m := range w.Multiaddrs {
		if !strings.HasPrefix(m, "/") || len(m) > 256 || strings.Contains(m, "//") {
			return Errorf(KindInvalid, "multiaddr %q is not of the form /ip4/…/tcp/…", m)
		}
	}
	if w.Capacity == 0 || w.Capacity > MaxWorkerCapacity {
		return Errorf(KindInvalid, "capacity must be between 1 and %d", MaxWorkerCapacity)
	}
	if w.Memory < 0 {
		return Errorf(KindInvalid, "memory must be 0 (not said) or a number of bytes")
	}
	if w.Threads > MaxWorkerThreads {
		return Errorf(KindInvalid, "threads must be between 0 (not said) and %d", MaxWorkerThreads)
	}
	return nil
}

// validPeerID accepts the base58btc text form of a libp2p peer id (Qm… or
// 12D3Koo…/16Uiu2…), without decoding the multihash.
func validPeerID(s string) bool {
	if len(s) < 46 || len(s) > 128 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", c) {
			return false
		}
	}
	return true
}

func (s *Slots) token(t Token) Address {
	if t == TokenAI {
		return s.Wallets.Addresses().AI
	}
	return s.Wallets.Addresses().USDC
}

// CheckClaimant fails unless a worker holding balance of the job's token
// may claim one of its slots: a claim holds a slot from others, so only a
// worker that can stake it may (free keys with no tokens cannot squat a
// job's slots).
func (j Job) CheckClaimant(balance *big.Int) error {
	if balance.Cmp(j.StakePerSlot) < 0 {
		return Errorf(KindConflict, "the signer holds %s base units of %s, less than the stake of %s: a claim needs the stake at hand",
			balance, j.Token, j.StakePerSlot)
	}
	return nil
}

// CheckFits fails unless a slot of the job fits in the memory the worker
// advertised for one (w.Memory; a worker that said none is not checked): a
// worker that claims what it cannot train would hold the slot, then be
// slashed.
func (j Job) CheckFits(w Worker) error {
	if w.Memory > 0 && j.SlotMemory > w.Memory {
		return Infeasible(BoundSlotMemory, w.Memory, j.SlotMemory,
			"a slot of job %s needs %s (%d bytes), more than the %s (%d bytes) the worker registered with: leave it to others, or register with more memory",
			j.ID, Bytes(j.SlotMemory), j.SlotMemory, Bytes(w.Memory), w.Memory)
	}
	return nil
}

// Claim reserves the lowest free slot of job id for worker until ClaimTTL
// from now, with the worker's permit nonce read from the chain; it returns
// the job with the claim, which the documents to sign are made of.
func (s *Slots) Claim(ctx context.Context, id Hash, worker Address) (Job, Claim, error) {
	job, err := s.Store.Job(ctx, id)
	if err != nil {
		return Job{}, Claim{}, err
	}
	// An unregistered worker is refused by the claim itself.
	if w, err := s.Workers.Worker(ctx, worker); err == nil {
		if err := job.CheckFits(w); err != nil {
			return Job{}, Claim{}, err
		}
	} else if ErrorKind(err) != KindNotFound {
		return Job{}, Claim{}, err
	}
	nonce, err := s.Wallets.PermitNonce(ctx, s.token(job.Token), worker)
	if err != nil {
		return Job{}, Claim{}, &Error{Kind: KindUnavailable, Message: "the chain did not answer", Err: err}
	}
	balance, err := s.Wallets.TokenBalance(ctx, s.token(job.Token), worker)
	if err != nil {
		return Job{}, Claim{}, &Error{Kind: KindUnavailable, Message: "the chain did not answer", Err: err}
	}
	if err := job.CheckClaimant(balance); err != nil {
		return Job{}, Claim{}, err
	}
	raw := make([]byte, 16)
	if _, err := io.ReadFull(s.Random, raw); err != nil {
		return Job{}, Claim{}, err
	}
	now := s.Clock.Now().UTC()
	c, err := s.Store.ClaimSlot(ctx, ClaimRequest{JobID: id, Worker: worker, ClaimID: "c_" + hex.EncodeToString(raw),
		Now: now, ExpiresAt: now.Add(s.ClaimTTL).Truncate(time.Second), PermitNonce: nonce, MaxPending: s.MaxPendingClaims})
	return job, c, err
}

// CheckStake fails unless worker may stake claim c of slot now: the claim
// is the worker's, its slot is not staked already, and it has not expired.
func (c Claim) CheckStake(worker Address, slot Slot, now time.Time) error {
	switch {
	case c.Worker != worker:
		return Errorf(KindForbidden, "claim %s is not the signer's", c.ID)
	case slot.State == SlotConfirmed:
		return Errorf(KindConflict, "slot %d is staked already", c.Slot)
	case !now.Before(c.ExpiresAt):
		return Errorf(KindExpired, "claim %s expired at %s", c.ID, c.ExpiresAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// signedBy fails unless the signature over doc recovered want (got, or
// the recovery's failure err).
func signedBy(doc StakeDocument, got Address, err error, want Address) error {
	if err != nil {
		if ErrorKind(err) != KindBadSignature {
			return err
		}
		return &Error{Kind: KindBadSignature, Message: string(doc) + ": " + ErrorMessage(err), Err: err}
	}
	if got != want {
		return Errorf(KindBadSignature, "%s was signed by %s, not by the worker %s", doc, got, want)
	}
	return nil
}

// Stake relays worker's stake of its claim claimID of job id, signed by
// the worker over the claim's permit and Stake binding. The slot is
// confirmed once the chain's Staked event is applied.
func (s *Slots) Stake(ctx context.Context, id Hash, worker Address, claimID string, permitSig, stakeSig []byte) (Claim, Tx, error) {
	c, slot, err := s.Store.Claim(ctx, id, claimID)
	if err != nil {
		return Claim{}, Tx{}, err
	}
	if err := c.CheckStake(worker, slot, s.Clock.Now()); err != nil {
		return Claim{}, Tx{}, err
	}
	job, err := s.Store.Job(ctx, id)
	if err != nil {
		return Claim{}, Tx{}, err
	}
	for _, d := range []struct {
		doc StakeDocument
		sig []byte
	}{{StakePermit, permitSig}, {StakeBinding, stakeSig}} {
		got, err := s.Signatures.StakeSigner(job, c, d.doc, d.sig)
		if err := signedBy(d.doc, got, err, worker); err != nil {
			return Claim{}, Tx{}, err
		}
	}
	in, err := s.Store.IntentByID(ctx, id)
	if err != nil {
		return Claim{}, Tx{}, err
	}
	if s.Relay == nil {
		return Claim{}, Tx{}, Errorf(KindUnavailable, "this server relays no stakes")
	}
	tx, err := s.Relay.Stake(ctx, in, c, permitSig, stakeSig)
	return c, tx, err
}

// Assignment is what a staked worker trains: its slot's place in the run
// and the other workers of its replica.
type Assignment struct {
	Intent Intent
	Slot   uint32
	Place  Placement
	// Seed is the on-chain assignment's seed, which drew the places.
	Seed Hash
	// CommitBy ends the commit phase; zero until the assignment is applied.
	CommitBy time.Time
	// Peers are the other workers of the replica, by rank.
	Peers []Peer
}

// Peer is another worker of a replica. A worker that registered only
// after the assignment (or never) is not Registered: its replica cannot
// run, and the rulebook excuses its other slots.
type Peer struct {
	Rank       uint32
	Worker     Address
	Registered bool
	PeerID     string
	Multiaddrs []string
}

// staked returns the index of worker's confirmed slot among slots, or -1.
func staked(slots []Slot, worker Address) int {
	mine := -1
	for i, sl := range slots {
		if sl.Worker == worker && sl.State == SlotConfirmed {
			mine = i
		}
	}
	return mine
}

// Assignment returns worker's assignment in job id: only for a worker
// with a staked slot (KindNotFound otherwise), once the chain assigned the
// job (KindConflict before).
func (s *Slots) Assignment(ctx context.Context, id Hash, worker Address) (Assignment, error) {
	slots, err := s.Store.JobSlots(ctx, id)
	if err != nil {
		return Assignment{}, err
	}
	mine := staked(slots, worker)
	if mine < 0 {
		return Assignment{}, Errorf(KindNotFound, "the signer has no staked slot in job %s", id)
	}
	in, err := s.Store.IntentByID(ctx, id)
	if err != nil {
		return Assignment{}, err
	}
	view, err := viewOf(ctx, s.Store, id)
	if err != nil {
		return Assignment{}, err
	}
	if !view.Assigned {
		return Assignment{}, Errorf(KindConflict, "job %s is not assigned yet (%d of %d slots staked)", id, len(view.Stakers), len(slots))
	}
	place := Place(view.Seed, in.Spec.Workers, in.Spec.Replicas)
	a := Assignment{Intent: in, Slot: uint32(mine), Place: place[mine], Seed: view.Seed, Peers: []Peer{}}
	if !in.AssignedAt.IsZero() {
		a.CommitBy = s.Rules.Phases(in).CommitBy
	}
	for i, sl := range slots {
		if i == mine || place[i].Replica != place[mine].Replica {
			continue
		}
		p := Peer{Rank: place[i].Rank, Worker: sl.Worker}
		wk, err := s.Store.Worker(ctx, sl.Worker)
		switch {
		case err == nil && (in.AssignedAt.IsZero() || !wk.CreatedAt.After(in.AssignedAt)):
			p.Registered, p.PeerID, p.Multiaddrs = true, wk.PeerID, wk.Multiaddrs
		case err != nil && ErrorKind(err) != KindNotFound:
			return Assignment{}, err
		}
		a.Peers = append(a.Peers, p)
	}
	return a, nil
}
