package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
)

func artifactJSON(a market.Artifact) wire.Artifact {
	return wire.Artifact{ID: a.ID.String(), Size: a.Size, MediaType: a.MediaType, Kind: string(a.Kind)}
}

// postArtifact godoc
//
//	@Summary		Upload an artifact
//	@Description	Streams the raw body to the content-addressed store. Datasets are text/plain (UTF-8) or application/jsonl; models are application/vnd.safetensors: a GPT-2 model with its config.json in the metadata (key axl.config) that the workers load, checked by their own parser and loader; tokenizers are application/json: a Hugging Face tokenizer.json of a byte-level BPE with <|endoftext|>, at most 32 MiB. The same bytes give the same id.
//	@Tags			artifacts
//	@Accept			plain,application/jsonl,application/vnd.safetensors,octet-stream,json
//	@Produce		json
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Param			body			body		string	true	"the file"
//	@Failure		408				{object}	wire.Problem	"the body arrived slower than the minimum rate"
//	@Success		201				{object}	wire.Artifact
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		413				{object}	wire.Problem
//	@Failure		415				{object}	wire.Problem
//	@Failure		429				{object}	wire.Problem	"over the signer's upload bytes or stored bytes quota, or a rate limit: retry after Retry-After (RateLimit and RateLimit-Policy say which)"
//	@Failure		503				{object}	wire.Problem	"too many large bodies at once: retry after Retry-After"
//	@Failure		507				{object}	wire.Problem	"the server's disk is nearly full: no upload is taken"
//	@Security		AXLSignature
//	@Router			/artifacts [post]
func (s *Server) postArtifact(w http.ResponseWriter, r *http.Request) error {
	// The signature over the declared sha256 was checked before any byte
	// of the body was read (authenticateBody).
	body := streamOf(r)
	owner := signer(r)
	kind, mediaType, err := market.ArtifactKindOf(r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	p, err := s.blobs.Write(r.Body, s.cfg.MaxArtifactSize)
	body.done()
	if errors.Is(err, blobstore.ErrTooLarge) {
		return market.Errorf(market.KindTooLarge, "the artifact exceeds the limit of %d bytes", s.cfg.MaxArtifactSize)
	}
	if err != nil {
		return bodyError(err)
	}
	// The id is the sha256 of the body, which must be the signed one.
	if !bytes.Equal(p.ID[:], body.sha256) {
		p.Discard()
		return bodyMismatch(p.ID[:], body.sha256)
	}
	if _, _, err := market.ClassifyArtifact(mediaType, p.File, p.Size, s.runtime); err != nil {
		p.Discard()
		return err
	}
	// Recorded before its bytes are committed: the janitor removes the
	// bytes of an artifact nobody records (blobstore.Store.Remove).
	a, err := s.store.PutArtifact(r.Context(), market.Artifact{ID: p.ID, Owner: owner, Size: p.Size,
		MediaType: mediaType, Kind: kind, CreatedAt: s.clock.Now().UTC()})
	if err != nil {
		p.Discard()
		return err
	}
	if err := p.Commit(); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, artifactJSON(a))
	return nil
}

// getArtifact godoc
//
//	@Summary	Download an artifact (its owner, or a staked worker of a job that uses it)
//	@Tags		artifacts
//	@Produce	plain,application/jsonl,application/vnd.safetensors,octet-stream
//	@Param		id				path		string	true	"sha256:<hex>"
//	@Param		X-AXL-Address	header		string	true	"signer address"
//	@Param		X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success	200				{file}		binary
//	@Failure	400				{object}	wire.Problem
//	@Failure	401				{object}	wire.Problem
//	@Failure	404				{object}	wire.Problem
//	@Security	AXLSignature
//	@Router		/artifacts/{id} [get]
func (s *Server) getArtifact(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseArtifactID(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	a, err := s.store.Artifact(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	f, err := s.blobs.Open(id)
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", a.MediaType)
	w.Header().Set("Content-Length", strconv.FormatInt(a.Size, 10))
	w.Header().Set("ETag", `"`+id.String()+`"`)
	w.WriteHeader(http.StatusOK)
	io.Copy(w, f)
	return nil
}
