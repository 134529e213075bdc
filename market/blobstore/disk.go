package blobstore

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"

	"github.com/axl-market/axl/market"
)

// Disk is the space of the file system that holds the store.
type Disk struct {
	Free, Total int64 // bytes; Free is what an unprivileged writer may use
}

// Disk reports the space of the store's file system.
func (s *Store) Disk() (Disk, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(s.dir, &st); err != nil {
		return Disk{}, err
	}
	return Disk{Free: int64(st.Bavail) * int64(st.Bsize), Total: int64(st.Blocks) * int64(st.Bsize)}, nil
}

// Remove deletes the bytes of id unless kept says they are still
// recorded. kept runs under the lock that Commit takes, so an upload that
// records the artifact before committing its bytes (as the API does)
// either is seen by kept or commits its own bytes after the removal.
func (s *Store) Remove(id market.ArtifactID, kept func() (bool, error)) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	yes, err := kept()
	if err != nil || yes {
		return false, err
	}
	err = os.Remove(s.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}
