package api

import (
	"context"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// chainView folds an intent's applied chain events; it also returns the
// transaction of the latest result event (ResultSubmitted, or Resolved with
// a result).
func (s *Server) chainView(ctx context.Context, id market.Hash) (market.ChainView, market.Hash, error) {
	events, err := s.ledger.ChainEventsOf(ctx, id)
	if err != nil {
		return market.ChainView{}, market.Hash{}, err
	}
	view, err := market.ReadChain(events)
	if err != nil {
		return view, market.Hash{}, err
	}
	var resultTx market.Hash
	for _, e := range events {
		ev, err := e.Event()
		if err != nil {
			return view, market.Hash{}, err
		}
		switch ev.(type) {
		case market.ResultSubmitted:
			resultTx = e.TxHash
		case market.Resolved:
			if view.Weights != (market.Hash{}) {
				resultTx = e.TxHash
			}
		}
	}
	return view, resultTx, nil
}

// resultJSON is the escrow's result, nil before one is submitted.
func resultJSON(view market.ChainView, tx market.Hash) *wire.IntentResult {
	if !view.Submitted && !view.Resolved || view.Weights == (market.Hash{}) {
		return nil
	}
	out := &wire.IntentResult{WeightsSHA256: hex.EncodeToString(view.Weights[:]), TraceRoot: view.TraceRoot.String(), Tx: tx.String(),
		PaidSlots: append([]uint32{}, view.Paid...), SlashedSlots: append([]uint32{}, view.Slashed...)}
	if view.Released {
		out.ReleaseTx = view.ReleaseTx.String()
	}
	return out
}

// intentWeights godoc
//
//	@Summary		Download an intent's verified weights (its buyer only), as a file or as a Hugging Face directory
//	@Description	The safetensors file the on-chain Released event paid for, once that event is applied (409 before). Its sha256 is in the X-AXL-Weights-SHA256 header and equals the weightsHash of the Released event: check it against the chain. With format=tar, the model directory that Hugging Face transformers opens unchanged (model.safetensors, config.json, and the job's tokenizer.json with a tokenizer_config.json when it had one), as one ustar archive whose sha256 is in X-AXL-Tar-SHA256; GET /intents/{id}/weights/manifest lists each file's sha256.
//	@Tags			intents
//	@Produce		octet-stream,application/x-tar
//	@Param			id				path		string	true	"0x intent id"
//	@Param			format			query		string	false	"safetensors (the default): the weights file; tar: the Hugging Face directory"	Enums(safetensors, tar)
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		200				{file}		binary
//	@Header			200				{string}	X-AXL-Weights-SHA256	"hex sha256 of the body, the weightsHash of the Released event"
//	@Header			200				{string}	ETag					"the weights' artifact id, sha256:<hex> (with format=tar, the tar's sha256)"
//	@Header			200				{string}	X-AXL-Tar-SHA256		"with format=tar: hex sha256 of the body"
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		403				{object}	wire.Problem	"the signer is not the buyer"
//	@Failure		404				{object}	wire.Problem
//	@Failure		409				{object}	wire.Problem	"not released yet"
//	@Security		AXLSignature
//	@Router			/intents/{id}/weights [get]
func (s *Server) intentWeights(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	switch f := r.URL.Query().Get("format"); f {
	case "", "safetensors":
	case "tar":
		return s.sendModelTar(w, r, id)
	default:
		return market.Errorf(market.KindInvalid, "format %q is not known: safetensors (the weights file) or tar (the Hugging Face directory)", f)
	}
	weights, err := s.runs.ReleasedWeights(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	// The file is a worker's upload: read it from the blob store, the checks done.
	f, err := s.blobs.Open(weights)
	if err != nil {
		return &market.Error{Kind: market.KindInternal, Message: "the released weights are missing from the artifact store", Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	h.Set(wire.HeaderWeightsSHA256, hex.EncodeToString(weights[:]))
	h.Set("ETag", `"`+weights.String()+`"`)
	h.Set("Content-Disposition", "attachment; filename=weights-"+id.String()+".safetensors")
	w.WriteHeader(http.StatusOK)
	io.Copy(w, f)
	return nil
}

// intentDisputes godoc
//
//	@Summary		List an intent's disputes (public: anyone may audit)
//	@Description	Every dispute of the intent's job with the referee's transcript (the rounds: hashes, proofs, the recomputed operator and its result) and its ruling, as the verification game wrote them.
//	@Tags			intents
//	@Produce		json
//	@Param			id	path		string	true	"0x intent id"
//	@Success		200	{object}	wire.DisputeList
//	@Failure		400	{object}	wire.Problem
//	@Failure		404	{object}	wire.Problem
//	@Router			/intents/{id}/disputes [get]
func (s *Server) intentDisputes(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	ctx := r.Context()
	if _, err := s.ledger.IntentByID(ctx, id); err != nil {
		return err
	}
	list, err := s.verification.Disputes(ctx, id)
	if err != nil {
		return err
	}
	out := wire.DisputeList{Disputes: []wire.Dispute{}}
	for _, d := range list {
		dj := wire.Dispute{ID: d.ID, Rank: d.Rank, Slots: d.Slots, State: string(d.State), Transcript: d.Transcript,
			CreatedAt: d.CreatedAt.UTC().Format(time.RFC3339Nano)}
		if d.Ruling != nil {
			dj.Ruling = d.Ruling
		}
		if !d.RuledAt.IsZero() {
			dj.RuledAt = d.RuledAt.UTC().Format(time.RFC3339Nano)
		}
		out.Disputes = append(out.Disputes, dj)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
