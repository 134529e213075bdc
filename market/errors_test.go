package market

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorKindAndMessage(t *testing.T) {
	cause := errors.New("connection reset")
	tests := []struct {
		name    string
		err     error
		kind    Kind
		message string
	}{
		{"direct", Errorf(KindNotFound, "intent %s not found", "0x1"), KindNotFound, "intent 0x1 not found"},
		{"wrapped", fmt.Errorf("base_model: %w", Errorf(KindInvalid, "bad")), KindInvalid, "bad"},
		{"with a cause", &Error{Kind: KindUnavailable, Message: "database unreachable", Err: cause}, KindUnavailable, "database unreachable"},
		{"foreign", cause, KindInternal, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorKind(tt.err); got != tt.kind {
				t.Errorf("kind %s, want %s", got, tt.kind)
			}
			if got := ErrorMessage(tt.err); got != tt.message {
				t.Errorf("message %q, want %q", got, tt.message)
			}
		})
	}
	if e := (&Error{Kind: KindUnavailable, Message: "m", Err: cause}); !errors.Is(e, cause) {
		t.Error("the cause is not reachable with errors.Is")
	}
}

func TestParse(t *testing.T) {
	if _, err := ParseAddress("0x" + "ab12"); ErrorKind(err) != KindInvalid {
		t.Errorf("short address: %v", err)
	}
	a, err := ParseAddress("0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B")
	if err != nil || a.String() != "0xab5801a7d398351b8be11c439e05c5b3259aec9b" {
		t.Errorf("address: %s %v", a, err)
	}
	if _, err := ParseArtifactID("sha256:" + "AB" + string(make([]byte, 62))); err == nil {
		t.Error("malformed artifact id accepted")
	}
	if _, err := ParseHash("0x12"); ErrorKind(err) != KindInvalid {
		t.Errorf("short hash: %v", err)
	}
}
