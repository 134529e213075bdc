package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"
)

// keyFile is what axl keys new writes.
type keyFile struct {
	Address    string `json:"address"`
	PrivateKey string `json:"private_key"`
}

func runKeys(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] != "new" {
		return usageError{"usage: axl keys new --out FILE"}
	}
	fs := newFlagSet(env, "keys new")
	out := fs.String("out", "", "file to write the new key to (created with mode 0600; never overwritten)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"axl keys new: --out FILE is required"}
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		return err
	}
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	b, _ := json.MarshalIndent(keyFile{Address: addr, PrivateKey: "0x" + hex.EncodeToString(crypto.FromECDSA(key))}, "", "  ")
	if err := writeNewFile(*out, append(b, '\n')); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, addr)
	return nil
}

// writeNewFile writes b to path with mode 0600, through a temporary file
// linked into place: it never overwrites a file, nor leaves half of one.
func writeNewFile(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-key-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, errors.Unwrap(err))
	}
	defer os.Remove(f.Name())
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err := os.Link(f.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists: refusing to overwrite a key (choose another --out)", path)
		}
		return fmt.Errorf("cannot write %s: %v", path, errors.Unwrap(err))
	}
	return nil
}

// loadKey reads a private key from the file of axl keys new, or from a file
// holding one hex private key (as devnet.json's accounts give them).
func loadKey(path string) (*ecdsa.PrivateKey, error) { return loadKeyAs("--key-file", path) }

// loadKeyAs is loadKey for the key of another flag, which its errors name.
func loadKeyAs(flag, path string) (*ecdsa.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", flag, path, errors.Unwrap(err))
	}
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, "{") {
		var kf keyFile
		if err := json.Unmarshal([]byte(s), &kf); err != nil || kf.PrivateKey == "" {
			return nil, fmt.Errorf("%s %s: a JSON file without a private_key (want the file of 'axl keys new' or one hex private key)", flag, path)
		}
		s = kf.PrivateKey
	}
	key, err := crypto.HexToECDSA(strings.TrimPrefix(s, "0x"))
	if err != nil {
		return nil, fmt.Errorf("%s %s: not a private key (want the file of 'axl keys new' or one hex private key)", flag, path)
	}
	return key, nil
}
