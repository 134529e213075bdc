package client

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/axl-market/axl/api/wire"
)

// ModelManifest returns the files of an intent's model directory with
// their sha256, and the tar's (its buyer only, once released).
func (c *Client) ModelManifest(ctx context.Context, id string) (wire.ModelManifest, error) {
	var m wire.ModelManifest
	return m, c.call(ctx, "GET", intentPath(id, "/weights/manifest"), nil, &m, nil, false)
}

// ModelDir downloads an intent's released model as the directory Hugging
// Face opens (model.safetensors, config.json, the tokenizer files) into
// dir, and returns its manifest. Every byte is checked before a file
// lands in dir: the tar against the manifest's sha256 and the
// X-AXL-Tar-SHA256 header, each file against its listed sha256 and size,
// and model.safetensors against X-AXL-Weights-SHA256 (the weightsHash of
// the Released event). An archive that names a file not listed, twice, in
// a subdirectory or of another type is refused, and nothing is written.
func (c *Client) ModelDir(ctx context.Context, id, dir string) (wire.ModelManifest, error) {
	m, err := c.ModelManifest(ctx, id)
	if err != nil {
		return m, err
	}
	what := "model of " + id
	want := map[string]wire.ModelFile{}
	for _, f := range m.Files {
		if !plainName(f.Name) || len(f.SHA256) != 64 || f.Size < 0 {
			return m, fmt.Errorf("%s: the manifest lists %q (%d bytes, sha256 %q), not a plain file", what, f.Name, f.Size, f.SHA256)
		}
		if _, dup := want[f.Name]; dup {
			return m, fmt.Errorf("%s: the manifest lists %s twice", what, f.Name)
		}
		want[f.Name] = f
	}
	weights, ok := want["model.safetensors"]
	if !ok {
		return m, fmt.Errorf("%s: the manifest has no model.safetensors", what)
	}
	res, err := c.do(ctx, request{method: "GET", path: intentPath(id, "/weights?format=tar")})
	if err != nil {
		return m, err
	}
	defer res.Body.Close()
	if h := strings.ToLower(res.Header.Get(wire.HeaderTarSHA256)); h != m.TarSHA256 {
		return m, fmt.Errorf("%s: the tar is announced as sha256 %q, the manifest says %s", what, h, m.TarSHA256)
	}
	if h := strings.ToLower(res.Header.Get(wire.HeaderWeightsSHA256)); h != weights.SHA256 {
		return m, fmt.Errorf("%s: X-AXL-Weights-SHA256 is %q, the manifest's model.safetensors %s", what, h, weights.SHA256)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return m, err
	}
	stage, err := os.MkdirTemp(dir, ".axl-download-")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(stage)
	whole := sha256.New()
	body := io.TeeReader(io.LimitReader(res.Body, m.TarSize+1), whole)
	tr := tar.NewReader(body)
	got := map[string]bool{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("%s: the tar: %w", what, err)
		}
		f, listed := want[hdr.Name]
		switch {
		case !listed || got[hdr.Name]:
			return m, fmt.Errorf("%s: the tar holds %q, which the manifest does not list (or lists once)", what, hdr.Name)
		case hdr.Typeflag != tar.TypeReg:
			return m, fmt.Errorf("%s: %s is not a regular file in the tar", what, hdr.Name)
		case hdr.Size != f.Size:
			return m, fmt.Errorf("%s: %s is %d bytes in the tar, %d in the manifest", what, hdr.Name, hdr.Size, f.Size)
		}
		got[hdr.Name] = true
		if _, err := writeChecked(filepath.Join(stage, hdr.Name), tr, f.SHA256, what+": "+hdr.Name); err != nil {
			return m, err
		}
	}
	// The rest of the body (the tar's padding) belongs to its hash.
	if _, err := io.Copy(io.Discard, body); err != nil {
		return m, fmt.Errorf("%s: %w", what, err)
	}
	if sum := hex.EncodeToString(whole.Sum(nil)); sum != m.TarSHA256 {
		return m, fmt.Errorf("%s: the tar received has sha256 %s, want %s", what, sum, m.TarSHA256)
	}
	for name := range want {
		if !got[name] {
			return m, fmt.Errorf("%s: the tar lacks %s", what, name)
		}
	}
	for _, f := range m.Files {
		if err := os.Rename(filepath.Join(stage, f.Name), filepath.Join(dir, f.Name)); err != nil {
			return m, err
		}
	}
	return m, nil
}

// plainName is a file name with no directory in it.
func plainName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`) && filepath.Base(name) == name
}
