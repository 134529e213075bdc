// Package blobstore keeps artifact bytes on disk, addressed by their
// sha256: written to a temporary file while hashing, then renamed into
// place, so that a reader never sees a partial file and the same bytes are
// stored once.
package blobstore

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/axl-market/axl/market"
)

// Store is a directory of content-addressed files.
type Store struct {
	dir string
	// mu orders commits and removals of one id, so that the janitor cannot
	// remove bytes an upload is committing (see Remove).
	mu sync.Mutex
}

// New returns a Store in dir, creating it.
func New(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o700); err != nil {
		return nil, fmt.Errorf("artifact store %s is not writable: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

func (s *Store) path(id market.ArtifactID) string {
	hex := id.String()[len("sha256:"):]
	return filepath.Join(s.dir, "sha256", hex[:2], hex)
}

// Pending is an upload written to a temporary file and not yet committed.
type Pending struct {
	ID   market.ArtifactID
	Size int64
	File *os.File // open for reading, at offset 0
	s    *Store
}

// ErrTooLarge is returned by Write when the stream exceeds the limit.
var ErrTooLarge = errors.New("artifact exceeds the size limit")

// Write streams r to a temporary file, hashing it, and fails with
// ErrTooLarge past max bytes.
func (s *Store) Write(r io.Reader, max int64) (*Pending, error) {
	f, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "upload-*")
	if err != nil {
		return nil, err
	}
	var h hash.Hash = sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, max+1))
	if err == nil && n > max {
		err = ErrTooLarge
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	p := &Pending{Size: n, File: f, s: s}
	copy(p.ID[:], h.Sum(nil))
	return p, nil
}

// Commit moves the upload into place (fsynced), or drops it if the same
// bytes are already stored.
func (p *Pending) Commit() error {
	defer p.File.Close()
	p.s.mu.Lock()
	defer p.s.mu.Unlock()
	dst := p.s.path(p.ID)
	if _, err := os.Stat(dst); err == nil {
		return os.Remove(p.File.Name())
	}
	if err := p.File.Sync(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	return os.Rename(p.File.Name(), dst)
}

// Discard drops the upload.
func (p *Pending) Discard() {
	p.File.Close()
	os.Remove(p.File.Name())
}

// Open opens a stored artifact.
func (s *Store) Open(id market.ArtifactID) (*os.File, error) {
	f, err := os.Open(s.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, market.Errorf(market.KindNotFound, "artifact %s not found", id)
	}
	return f, err
}

// OpenBlob implements market.Blobs with Open.
func (s *Store) OpenBlob(id market.ArtifactID) (market.Blob, error) {
	f, err := s.Open(id)
	if err != nil {
		return nil, err
	}
	return f, nil
}

var _ market.Blobs = (*Store)(nil)
