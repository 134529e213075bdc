package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market/alloctest"
	swmodel "github.com/axl-market/axl/swarm/model"
)

// sparseModel writes a model of configuration name as safetensors whose
// weights are all zero, as a sparse file: the header of every tensor the
// loader expects (F32, Hugging Face names, the config in the metadata),
// then a hole of the data's length. It returns the path and the size.
func sparseModel(t testing.TB, name string) (string, int64) {
	t.Helper()
	cfg, err := swmodel.ConfigByName(name)
	if err != nil {
		t.Fatal(err)
	}
	hf, err := swmodel.HFConfigJSON(cfg)
	if err != nil {
		t.Fatal(err)
	}
	meta, err := json.Marshal(map[string]string{"format": "pt", "axl.config": string(hf)})
	if err != nil {
		t.Fatal(err)
	}
	var hdr bytes.Buffer
	hdr.WriteString(`{"__metadata__":`)
	hdr.Write(meta)
	off := int64(0)
	for _, p := range cfg.Params() {
		n := int64(4)
		for _, d := range p.Shape {
			n *= int64(d)
		}
		e, err := json.Marshal(map[string]any{"dtype": "F32", "shape": p.Shape, "data_offsets": []int64{off, off + n}})
		if err != nil {
			t.Fatal(err)
		}
		name, _ := json.Marshal(p.Name)
		hdr.WriteByte(',')
		hdr.Write(name)
		hdr.WriteByte(':')
		hdr.Write(e)
		off += n
	}
	hdr.WriteByte('}')
	for hdr.Len()%8 != 0 {
		hdr.WriteByte(' ')
	}
	path := filepath.Join(t.TempDir(), "model.safetensors")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size := 8 + int64(hdr.Len()) + off
	if err := binary.Write(f, binary.LittleEndian, uint64(hdr.Len())); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(hdr.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	return path, size
}

// TestLargeModelUploadStreams uploads a gpt2-shaped model (124 M
// parameters, 498 MB: above the former 256 MiB limit) with a streamed,
// signed body: it is taken (201, a model the loader reads) and the heap
// the whole exchange took, client and server, is a small fraction of the
// body, so memory does not grow with the upload.
func TestLargeModelUploadStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads 498 MB")
	}
	t.Parallel()
	e := newEnv(t, api.Config{})
	if api.DefaultConfig.MaxArtifactSize < 2<<30 {
		t.Fatalf("the default upload limit is %d bytes, want 2 GiB", api.DefaultConfig.MaxArtifactSize)
	}
	path, size := sparseModel(t, "gpt2")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	sum := h.Sum(nil)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	a := newAccount(t)
	hr, err := http.NewRequest("POST", e.srv.URL+"/artifacts", f)
	if err != nil {
		t.Fatal(err)
	}
	hr.ContentLength = size
	hr.Header.Set("Content-Type", "application/vnd.safetensors")
	ts, nonce := e.clock.Add(time.Second).Unix(), newNonce()
	hr.Header.Set(wire.HeaderAddress, a.addr.String())
	hr.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(ts, 10))
	hr.Header.Set(wire.HeaderNonce, nonce)
	hr.Header.Set(wire.HeaderContentSHA256, hex.EncodeToString(sum))
	hr.Header.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(personalSign(t, a.key, []byte(wire.RequestMessage("POST", "/artifacts", ts, nonce, sum)))))
	var res *http.Response
	heap := alloctest.Bytes(func() { res, err = http.DefaultClient.Do(hr) })
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("upload of %d bytes: %d %s", size, res.StatusCode, body)
	}
	var art wire.Artifact
	if err := json.Unmarshal(body, &art); err != nil {
		t.Fatal(err)
	}
	if art.ID != "sha256:"+hex.EncodeToString(sum) || art.Size != size || art.Kind != "model" {
		t.Fatalf("artifact %+v, want sha256:%x of %d bytes, a model", art, sum, size)
	}
	if heap > 64<<20 {
		t.Errorf("the upload of %d bytes took %d bytes of heap, want at most 64 MiB", size, heap)
	}
	t.Logf("%d bytes uploaded with %d bytes of heap", size, heap)
	e.noTmpFiles()
}

// TestLongUploadGetsItsAnswer: an upload that keeps the minimum rate but
// lasts longer than WriteTimeout still gets its 201. The write deadline
// starts when the body has been read: a 2 GiB upload takes minutes on an
// ordinary link, and its answer is small.
func TestLongUploadGetsItsAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{WriteTimeout: 300 * time.Millisecond, MinBodyRate: api.Rate{Bytes: 1 << 10, Window: 300 * time.Millisecond}})
	alice := newAccount(t)
	body := []byte(strings.Repeat("a line that arrives slowly\n", 400))
	hr := e.newRequest(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice})
	c := e.dialRaw(hr, int64(len(body)))
	start := time.Now()
	for i := 0; i < len(body); i += 2 << 10 {
		c.write(body[i:min(i+2<<10, len(body))])
		time.Sleep(100 * time.Millisecond)
	}
	r := c.response(5 * time.Second)
	if r.status != 201 {
		t.Fatalf("after %s: status %d %s", time.Since(start).Round(time.Millisecond), r.status, r.body)
	}
	if took := time.Since(start); took < 2*300*time.Millisecond {
		t.Fatalf("the upload took %s, not past the write timeout: the test proves nothing", took)
	}
}
