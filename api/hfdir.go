package api

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// modelDir is an intent's model directory (market.HFDirectory) and the
// size and sha256 of its tar.
type modelDir struct {
	files  []market.HFFile
	size   int64
	sha256 [32]byte
}

// tarDigests remembers the sha256 of the tars it computed, by their files:
// the header that announces it precedes the body, and computing it reads
// the weights once.
type tarDigests struct {
	mu sync.Mutex
	m  map[[32]byte][32]byte
}

// maxTarDigests bounds tarDigests; past it the memory starts afresh.
const maxTarDigests = 1024

func (t *tarDigests) get(key [32]byte) ([32]byte, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	d, ok := t.m[key]
	return d, ok
}

func (t *tarDigests) put(key, d [32]byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil || len(t.m) >= maxTarDigests {
		t.m = map[[32]byte][32]byte{}
	}
	t.m[key] = d
}

// modelDirectory is intent id's model directory, for its buyer only, once
// released (the rule of ReleasedWeights).
func (s *Server) modelDirectory(ctx context.Context, id market.Hash, buyer market.Address) (modelDir, error) {
	weights, err := s.runs.ReleasedWeights(ctx, id, buyer)
	if err != nil {
		return modelDir{}, err
	}
	if s.hf == nil {
		return modelDir{}, market.Errorf(market.KindUnavailable, "this server cannot describe models for Hugging Face")
	}
	in, err := s.ledger.IntentByID(ctx, id)
	if err != nil {
		return modelDir{}, err
	}
	wf, err := s.blobs.Open(weights)
	if err != nil {
		return modelDir{}, &market.Error{Kind: market.KindInternal, Message: "the released weights are missing from the artifact store", Err: err}
	}
	defer wf.Close()
	st, err := wf.Stat()
	if err != nil {
		return modelDir{}, err
	}
	var tok *market.Artifact
	var tokBytes []byte
	if in.Spec.Tokenizer != (market.ArtifactID{}) {
		tf, err := s.blobs.Open(in.Spec.Tokenizer)
		if err != nil {
			return modelDir{}, &market.Error{Kind: market.KindInternal, Message: "the job's tokenizer is missing from the artifact store", Err: err}
		}
		tokBytes, err = io.ReadAll(io.LimitReader(tf, market.MaxTokenizerSize+1))
		tf.Close()
		if err != nil {
			return modelDir{}, err
		}
		tok = &market.Artifact{ID: in.Spec.Tokenizer, Size: int64(len(tokBytes))}
	}
	cfg, err := s.hf.HFConfig(wf, st.Size(), tokBytes)
	if err != nil {
		return modelDir{}, &market.Error{Kind: market.KindInternal, Message: "the released weights do not load: " + err.Error(), Err: err}
	}
	files, err := market.HFDirectory(market.Artifact{ID: weights, Size: st.Size()}, cfg, tok)
	if err != nil {
		return modelDir{}, err
	}
	d := modelDir{files: files, size: tarSize(files)}
	key := sha256.New()
	for _, f := range files {
		key.Write([]byte(f.Name))
		key.Write(f.SHA256[:])
	}
	var k [32]byte
	copy(k[:], key.Sum(nil))
	if sum, ok := s.tars.get(k); ok {
		d.sha256 = sum
		return d, nil
	}
	h := sha256.New()
	if err := s.writeTar(ctx, h, files); err != nil {
		return modelDir{}, err
	}
	copy(d.sha256[:], h.Sum(nil))
	s.tars.put(k, d.sha256)
	return d, nil
}

// tarSize is the length of the tar writeTar writes: a 512-byte header per
// file, its bytes padded to 512, and two zero blocks.
func tarSize(files []market.HFFile) int64 {
	n := int64(1024)
	for _, f := range files {
		n += 512 + (f.Size+511)/512*512
	}
	return n
}

// writeTar writes files as a ustar archive that is a function of them
// alone (mode 0644, time zero, no owner), so that its sha256 is too.
func (s *Server) writeTar(ctx context.Context, w io.Writer, files []market.HFFile) error {
	tw := tar.NewWriter(w)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: f.Name, Mode: 0o644, Size: f.Size, ModTime: time.Unix(0, 0), Format: tar.FormatUSTAR}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		var src io.Reader = bytes.NewReader(f.Bytes)
		if f.Bytes == nil {
			b, err := s.blobs.Open(f.Artifact)
			if err != nil {
				return err
			}
			defer b.Close()
			src = b
		}
		if n, err := io.Copy(tw, src); err != nil {
			return err
		} else if n != f.Size {
			return market.Errorf(market.KindInternal, "%s holds %d bytes, not %d", f.Name, n, f.Size)
		}
	}
	return tw.Close()
}

func manifestJSON(d modelDir) wire.ModelManifest {
	m := wire.ModelManifest{Files: []wire.ModelFile{}, TarSize: d.size, TarSHA256: hex.EncodeToString(d.sha256[:])}
	for _, f := range d.files {
		m.Files = append(m.Files, wire.ModelFile{Name: f.Name, Size: f.Size, SHA256: hex.EncodeToString(f.SHA256[:])})
	}
	return m
}

// intentModelManifest godoc
//
//	@Summary		List the files of an intent's model directory (its buyer only)
//	@Description	The directory that GET /intents/{id}/weights?format=tar sends, which Hugging Face transformers opens unchanged (from_pretrained): model.safetensors (the released weights, whose sha256 is the weightsHash of the on-chain Released event), config.json (GPT-2: architectures GPT2LMHeadModel, model_type gpt2, bos_token_id and eos_token_id the tokenizer's <|endoftext|>, null for a byte-level job) and, when the job had a tokenizer, its tokenizer.json as uploaded and a tokenizer_config.json. Each file's size and sha256, and the tar's. Only after release (409 before).
//	@Tags			intents
//	@Produce		json
//	@Param			id				path		string	true	"0x intent id"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		200				{object}	wire.ModelManifest
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		403				{object}	wire.Problem	"the signer is not the buyer"
//	@Failure		404				{object}	wire.Problem
//	@Failure		409				{object}	wire.Problem	"not released yet"
//	@Security		AXLSignature
//	@Router			/intents/{id}/weights/manifest [get]
func (s *Server) intentModelManifest(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	d, err := s.modelDirectory(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, manifestJSON(d))
	return nil
}

// sendModelTar sends intent id's model directory as a tar.
func (s *Server) sendModelTar(w http.ResponseWriter, r *http.Request, id market.Hash) error {
	d, err := s.modelDirectory(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/x-tar")
	h.Set("Content-Length", strconv.FormatInt(d.size, 10))
	h.Set(wire.HeaderTarSHA256, hex.EncodeToString(d.sha256[:]))
	for _, f := range d.files {
		if f.Name == market.HFWeightsFile {
			h.Set(wire.HeaderWeightsSHA256, hex.EncodeToString(f.SHA256[:]))
		}
	}
	h.Set("ETag", `"sha256:`+hex.EncodeToString(d.sha256[:])+`"`)
	h.Set("Content-Disposition", "attachment; filename=model-"+id.String()+".tar")
	w.WriteHeader(http.StatusOK)
	// The status is sent: a failure now can only cut the body short, which
	// the client sees against Content-Length and the sha256.
	if err := s.writeTar(r.Context(), w, d.files); err != nil {
		s.log.Warn("model tar cut short", "intent", id, "err", err)
	}
	return nil
}
