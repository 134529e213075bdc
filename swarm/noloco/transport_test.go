package noloco

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestMemRefusesFlood(t *testing.T) {
	net, err := NewMemNetwork("job-1", 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	tp := net.Transport(0)
	ctx := context.Background()
	send := func(step uint64) error {
		_, err := tp.Send(ctx, &Message{Kind: KindOuter, Job: "job-1", Step: step, From: 0, To: 1, Phi: []float32{1}})
		return err
	}
	for step := range uint64(maxPending) {
		if err := send(step); err != nil {
			t.Fatalf("message %d: %v", step, err)
		}
	}
	if err := send(maxPending); !errors.Is(err, ErrMessage) {
		t.Fatalf("message beyond the bound: %v, want a refusal", err)
	}
	// Once one is received, there is room again.
	if _, err := net.Transport(1).Recv(ctx, 0, KindOuter, 0, 0); err != nil {
		t.Fatal(err)
	}
	if err := send(maxPending); err != nil {
		t.Errorf("after a receive: %v", err)
	}
	if err := send(0); !errors.Is(err, ErrMessage) {
		t.Errorf("a replay of a received message: %v, want a refusal", err)
	}
	if err := send(1); !errors.Is(err, ErrMessage) {
		t.Errorf("a duplicate of a waiting message: %v, want a refusal", err)
	}
}

func TestMemRecvAfterPeerGone(t *testing.T) {
	net, err := NewMemNetwork("job-1", 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := net.Transport(0).Send(ctx, &Message{Kind: KindFinal, Job: "job-1", Step: 4, From: 0, To: 1}); err != nil {
		t.Fatal(err)
	}
	net.Close(0)
	// What rank 0 sent before it went is still delivered; then its absence.
	if _, err := net.Transport(1).Recv(ctx, 0, KindFinal, 4, 0); err != nil {
		t.Errorf("the message sent before going: %v", err)
	}
	if _, err := net.Transport(1).Recv(ctx, 0, KindFinal, 5, 0); !errors.Is(err, ErrGone) {
		t.Errorf("Recv from a gone peer = %v, want ErrGone", err)
	}
	if _, err := net.Transport(0).Send(ctx, &Message{Kind: KindFinal, Job: "job-1", Step: 5, From: 0, To: 1}); !errors.Is(err, ErrClosed) {
		t.Errorf("Send from a closed rank = %v, want ErrClosed", err)
	}
}
