package api

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

func slotReportJSON(r market.SlotReport) wire.SlotReport {
	out := wire.SlotReport{Slot: r.Slot, Replica: r.Replica, Rank: r.Rank, State: string(r.State), Committed: r.Commitment != nil}
	if r.Worker != (market.Address{}) {
		out.Worker = common.Address(r.Worker).Hex()
	}
	if r.Commitment != nil {
		out.Commitment = r.Commitment.String()
	}
	if p := r.Progress; p != nil {
		out.Progress = &wire.Progress{Step: p.Step, Loss: p.Loss, ValidationLoss: p.ValidationLoss, TokensPerSecond: p.TokensPerSecond,
			At: p.At.UTC().Format(time.RFC3339Nano)}
	}
	if rv := r.Reveal; rv != nil {
		out.TraceRoot, out.Partial, out.Leaves = rv.TraceRoot.String(), rv.Partial, rv.Leaves
		if !rv.Partial {
			out.WeightsSHA256 = hex.EncodeToString(rv.Weights[:])
		}
	}
	return out
}

// withValidationLoss sets result's final validation loss (if result is
// set) from the slots' reports, by market.FinalValidationLoss.
func withValidationLoss(result *wire.IntentResult, reports []market.SlotReport, view market.ChainView, steps uint32) {
	if result == nil {
		return
	}
	if loss, ok := market.FinalValidationLoss(reports, view.Weights, steps); ok {
		result.ValidationLoss = &loss
	}
}

// jobRequest parses the job id of the path and decodes the JSON body into v.
func jobRequest(r *http.Request, v any) (market.Hash, error) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return id, err
	}
	return id, decodeJSON(r.Body, v)
}

// postProgress godoc
//
//	@Summary		Report a slot's progress
//	@Description	The signer's latest step, training loss, validation loss (of its weights on the job's held-out sequences, measured at every outer step and once more on the delivered weights after the run) and throughput; stored on its slot and appended to the intent's event log as a "progress" event {slot, replica, rank, step, loss, validation_loss, tokens_per_second}, so that the buyer sees it on the event stream. Only while the job is running (assigned, not final).
//	@Tags			jobs
//	@Accept			json
//	@Produce		json
//	@Param			id				path	string			true	"0x job id (the intent id)"
//	@Param			X-AXL-Address	header	string			true	"signer address"
//	@Param			X-AXL-Timestamp	header	string			true	"unix seconds"
//	@Param			request			body	wire.ProgressRequest	true	"the progress"
//	@Success		204
//	@Failure		400	{object}	wire.Problem	"step beyond the job's steps, a negative or non-finite loss, validation loss or throughput"
//	@Failure		401	{object}	wire.Problem
//	@Failure		404	{object}	wire.Problem	"no such job, or the signer has no staked slot in it"
//	@Failure		409	{object}	wire.Problem	"the job is not running"
//	@Failure		413	{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/progress [post]
func (s *Server) postProgress(w http.ResponseWriter, r *http.Request) error {
	var req wire.ProgressRequest
	id, err := jobRequest(r, &req)
	if err != nil {
		return err
	}
	err = s.runs.Progress(r.Context(), id, signer(r), market.Progress{Step: req.Step, Loss: req.Loss, ValidationLoss: req.ValidationLoss,
		TokensPerSecond: req.TokensPerSecond})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// postCommit godoc
//
//	@Summary		Commit to a slot's trace root
//	@Description	Stores the signer's commitment, once: the same commitment again is 200, another one 409, and one that another slot of the job committed 409 (a commitment names its worker: a copy cannot be opened by the copier). The commit phase opens at the assignment and lasts the job's work allowance (market.Rules.WorkAllowance), never shortened by another slot's commitment; a commitment after it is 409. Reveals are accepted once every slot has committed or the phase ended. Only while the job is running (assigned, not final).
//	@Tags			jobs
//	@Accept			json
//	@Produce		json
//	@Param			id				path		string			true	"0x job id (the intent id)"
//	@Param			X-AXL-Address	header		string			true	"signer address"
//	@Param			X-AXL-Timestamp	header		string			true	"unix seconds"
//	@Param			request			body		wire.CommitRequest	true	"the commitment"
//	@Success		200				{object}	wire.Commitments
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem	"no such job, or the signer has no staked slot in it"
//	@Failure		409				{object}	wire.Problem	"the job is not running, the slot committed another commitment, or another slot committed this one"
//	@Failure		413				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/commit [post]
func (s *Server) postCommit(w http.ResponseWriter, r *http.Request) error {
	var req wire.CommitRequest
	id, err := jobRequest(r, &req)
	if err != nil {
		return err
	}
	c, err := parseHashField(req.Commitment, "commitment")
	if err != nil {
		return err
	}
	n, slots, err := s.runs.Commit(r.Context(), id, signer(r), c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, wire.Commitments{Committed: n, Slots: slots})
	return nil
}

// parseHashField parses a 0x hash of a request member.
func parseHashField(s, what string) (market.Hash, error) {
	h, err := market.ParseHash(s)
	if err != nil {
		return h, market.Errorf(market.KindInvalid, "%s: %s", what, market.ErrorMessage(err))
	}
	return h, nil
}

// postReveal godoc
//
//	@Summary		Reveal a slot's trace root and weights
//	@Description	Opens the signer's commitment once the commit phase is over (409 before: "3 of 4 slots committed"). The trace root and salt must open it (400 otherwise), the weights must be a model artifact the signer uploaded (400 otherwise), and they must open the trace's last leaf by final_proof: the base model's architecture, in the canonical encoding, hashing to the final leaf, with the leaf count of the slot's place (400 otherwise, saying which). A partial reveal (partial: true) opens the trace of a run that broke, up to the failure: fewer leaves than the slot's place records, no weights, no final_proof (400 otherwise); the slot is excused, neither paid nor slashed. The same reveal again is 200, another one 409. Appends a "revealed" event {slot, replica, rank, trace_root, leaves, weights or partial} to the intent's log.
//	@Tags			jobs
//	@Accept			json
//	@Produce		json
//	@Param			id				path		string			true	"0x job id (the intent id)"
//	@Param			X-AXL-Address	header		string			true	"signer address"
//	@Param			X-AXL-Timestamp	header		string			true	"unix seconds"
//	@Param			request			body		wire.RevealRequest	true	"the opening"
//	@Success		200				{object}	wire.SlotReport
//	@Failure		400				{object}	wire.Problem	"malformed, the commitment does not open, or the weights are not the signer's model"
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem	"no such job, or the signer has no staked slot in it"
//	@Failure		409				{object}	wire.Problem	"not every slot committed, the job is not running, or another reveal was stored"
//	@Failure		413				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/reveal [post]
func (s *Server) postReveal(w http.ResponseWriter, r *http.Request) error {
	var req wire.RevealRequest
	id, err := jobRequest(r, &req)
	if err != nil {
		return err
	}
	rv := market.Reveal{Leaves: req.Leaves, Partial: req.Partial}
	if rv.TraceRoot, err = parseHashField(req.TraceRoot, "trace_root"); err != nil {
		return err
	}
	if rv.Salt, err = parseHashField(req.Salt, "salt"); err != nil {
		return err
	}
	if !req.Partial || req.Weights != "" {
		if rv.Weights, err = market.ParseArtifactID(req.Weights); err != nil {
			return market.Errorf(market.KindInvalid, "weights: %s", market.ErrorMessage(err))
		}
	}
	proof := make([]market.Hash, len(req.FinalProof))
	for i, h := range req.FinalProof {
		if proof[i], err = parseHashField(h, fmt.Sprintf("final_proof[%d]", i)); err != nil {
			return err
		}
	}
	got, err := s.runs.Reveal(r.Context(), id, signer(r), rv, proof)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, slotReportJSON(got))
	return nil
}

// listChallenges godoc
//
//	@Summary		List the referee's open questions to the signer's slot
//	@Description	The questions not answered yet whose deadline has not passed, oldest first. A question left unanswered by its deadline loses the dispute.
//	@Tags			jobs
//	@Produce		json
//	@Param			id				path		string	true	"0x job id (the intent id)"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		200				{object}	wire.ChallengeList
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem	"no such job, or the signer has no staked slot in it"
//	@Security		AXLSignature
//	@Router			/jobs/{id}/challenges [get]
func (s *Server) listChallenges(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	open, final, err := s.runs.Challenges(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	out := wire.ChallengeList{Challenges: []wire.Challenge{}, Final: final}
	for _, c := range open {
		out.Challenges = append(out.Challenges, wire.Challenge{ID: strconv.FormatInt(c.ID, 10), Kind: c.Kind, Args: c.Args,
			Deadline: c.Deadline.UTC().Format(time.RFC3339Nano)})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// answerChallenge godoc
//
//	@Summary		Answer a question of the referee
//	@Description	Stores the answer of the signer's slot before the deadline (409 after it, or when answered already). Answers may carry tensors: the body limit is 64 MiB (Config.MaxAnswerSize), not the 64 KiB of other requests, and such bodies are received a few at a time (503 with Retry-After past a short wait).
//	@Tags			jobs
//	@Accept			json
//	@Produce		json
//	@Param			id				path	string			true	"0x job id (the intent id)"
//	@Param			cid				path	string			true	"challenge id"
//	@Param			X-AXL-Address	header	string			true	"signer address"
//	@Param			X-AXL-Timestamp	header	string			true	"unix seconds"
//	@Param			request			body	wire.AnswerRequest	true	"the answer"
//	@Success		204
//	@Failure		400	{object}	wire.Problem
//	@Failure		401	{object}	wire.Problem
//	@Failure		404	{object}	wire.Problem	"no such question to the signer's slot"
//	@Failure		409	{object}	wire.Problem	"answered already, or the deadline passed"
//	@Failure		408	{object}	wire.Problem	"the body arrived slower than the minimum rate"
//	@Failure		413	{object}	wire.Problem
//	@Failure		503	{object}	wire.Problem	"too many large bodies at once: retry after Retry-After"
//	@Security		AXLSignature
//	@Router			/jobs/{id}/challenges/{cid} [post]
func (s *Server) answerChallenge(w http.ResponseWriter, r *http.Request) error {
	var req struct { // AnswerRequest, the answer kept as it came
		Answer json.RawMessage `json:"answer"`
	}
	id, err := jobRequest(r, &req)
	if err != nil {
		return err
	}
	cid, err := strconv.ParseInt(chi.URLParam(r, "cid"), 10, 64)
	if err != nil || cid <= 0 {
		return market.Errorf(market.KindInvalid, "the challenge id must be a positive integer")
	}
	if err := s.runs.Answer(r.Context(), id, cid, signer(r), req.Answer); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
