package worker

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
)

// writeFile writes path through a temporary file beside it, synced and
// renamed: a reader, or a worker stopped midway, never sees half of it.
func writeFile(path string, perm os.FileMode, write func(io.Writer) error) error {
	f, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)), renameio.WithStaticPermissions(perm))
	if err != nil {
		return err
	}
	defer f.Cleanup()
	if err := write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.CloseAtomicallyReplace()
}

// writeJSON writes v as indented JSON, atomically.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(path, 0o600, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// fileSHA256 returns the hex sha256 of a file's content.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// identity loads the worker's libp2p key from DataDir/p2p.key, making it on
// the first start: the peer id stays the same across restarts.
func (w *Worker) identity() (crypto.PrivKey, error) {
	path := filepath.Join(w.cfg.DataDir, "p2p.key")
	b, err := os.ReadFile(path)
	if err == nil {
		k, err := crypto.UnmarshalPrivateKey(b)
		if err != nil {
			return nil, fmt.Errorf("worker: %s is not a libp2p private key: %w (remove it to make a new identity)", path, err)
		}
		return k, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("worker: %w", err)
	}
	k, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return nil, err
	}
	raw, err := crypto.MarshalPrivateKey(k)
	if err != nil {
		return nil, err
	}
	if err := writeFile(path, 0o600, func(w io.Writer) error { _, err := w.Write(raw); return err }); err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	return k, nil
}

// startHost starts the libp2p host on the worker's identity and addresses.
func (w *Worker) startHost() (host.Host, error) {
	k, err := w.identity()
	if err != nil {
		return nil, err
	}
	h, err := libp2p.New(libp2p.Identity(k), libp2p.ListenAddrStrings(w.cfg.Listen...))
	if err != nil {
		return nil, fmt.Errorf("worker: libp2p host on %v: %w", w.cfg.Listen, err)
	}
	return h, nil
}
