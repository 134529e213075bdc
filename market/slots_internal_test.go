package market

import (
	"errors"
	"strings"
	"testing"
)

// TestSignedBy: a stake document's signature must recover the worker; a
// forged one (another key's) and one that recovers nothing are bad
// signatures, naming the document; any other failure passes through.
func TestSignedBy(t *testing.T) {
	worker, forger := Address{1}, Address{2}
	unrecoverable := Errorf(KindBadSignature, "the signature values are invalid")
	broken := errors.New("no typed data")
	for _, tc := range []struct {
		name   string
		doc    StakeDocument
		got    Address
		err    error
		kind   Kind
		detail string
	}{
		{"the worker's permit", StakePermit, worker, nil, "", ""},
		{"the worker's binding", StakeBinding, worker, nil, "", ""},
		{"a forged permit", StakePermit, forger, nil, KindBadSignature, "permit_signature was signed by " + forger.String()},
		{"a forged binding", StakeBinding, forger, nil, KindBadSignature, "stake_signature was signed by"},
		{"an unrecoverable binding", StakeBinding, Address{}, unrecoverable, KindBadSignature, "stake_signature: the signature values are invalid"},
		{"the documents could not be made", StakePermit, Address{}, broken, KindInternal, "internal error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := signedBy(tc.doc, tc.got, tc.err, worker)
			if tc.kind == "" {
				if err != nil {
					t.Fatalf("got %v", err)
				}
				return
			}
			if ErrorKind(err) != tc.kind || !strings.Contains(ErrorMessage(err), tc.detail) {
				t.Fatalf("got %s %q, want %s %q", ErrorKind(err), ErrorMessage(err), tc.kind, tc.detail)
			}
		})
	}
}
