package api

import (
	"encoding/base64"
	"testing"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// FuzzPaymentHeader feeds parsePayment hostile PAYMENT-SIGNATURE headers:
// it never panics, refuses with KindPaymentRequired only, and what it
// accepts is held to the requirements and the buyer.
func FuzzPaymentHeader(f *testing.F) {
	buyer := market.Address{0xb0}
	req := wire.PaymentRequirements{Scheme: "exact", Network: "eip155:1337", Amount: "4000", Asset: "0x0500000000000000000000000000000000000000",
		PayTo: "0xD0000000000000000000000000000000000000d0", MaxTimeoutSeconds: 600, Extra: wire.PaymentExtra{Name: "USDC", Version: "1"}}
	good := `{"x402Version":2,"accepted":{"scheme":"exact","network":"eip155:1337","amount":"4000","asset":"0x0500000000000000000000000000000000000000",` +
		`"payTo":"0xd0000000000000000000000000000000000000d0","maxTimeoutSeconds":600,"extra":{"name":"USDC","version":"1"}},` +
		`"payload":{"authorization":{"from":"` + buyer.String() + `","to":"0xD0000000000000000000000000000000000000d0","value":"4000",` +
		`"validAfter":"0","validBefore":"1764600000","nonce":"0x` + "11" + "00000000000000000000000000000000000000000000000000000000000000" + `"},` +
		`"signature":"0x` + "22222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222" + `1b"}}`
	for _, s := range []string{good, `{}`, `{"x402Version":2}`, `null`, `{"x402Version":2,"payload":{"authorization":{"validBefore":"-1"}}}`} {
		f.Add(base64.StdEncoding.EncodeToString([]byte(s)))
	}
	f.Add("%%%")
	f.Fuzz(func(t *testing.T, header string) {
		a, sig, err := parsePayment(header, req, buyer)
		if err != nil {
			if k := market.ErrorKind(err); k != market.KindPaymentRequired {
				t.Fatalf("refused as %s: %v", k, err)
			}
			return
		}
		if len(sig) != 65 || a.ValidAfter.Unix() < 0 || a.ValidBefore.Unix() < 0 {
			t.Fatalf("accepted %+v with a %d-byte signature", a, len(sig))
		}
	})
}

// TestPaymentHeaderSeed: the well-formed seed is accepted, so that the
// fuzzer's property is tested on both sides.
func TestPaymentHeaderSeed(t *testing.T) {
	buyer := market.Address{0xb0}
	req := wire.PaymentRequirements{Scheme: "exact", Network: "eip155:1337", Amount: "4000", Asset: "0x0500000000000000000000000000000000000000",
		PayTo: "0xD0000000000000000000000000000000000000d0"}
	p := `{"x402Version":2,"accepted":{"scheme":"exact","network":"eip155:1337","amount":"4000","asset":"0x0500000000000000000000000000000000000000",` +
		`"payTo":"0xd0000000000000000000000000000000000000d0"},"payload":{"authorization":{"from":"` + buyer.String() +
		`","to":"0xD0000000000000000000000000000000000000d0","value":"4000","validAfter":"0","validBefore":"1764600000","nonce":"0x` +
		"1100000000000000000000000000000000000000000000000000000000000000" + `"},"signature":"0x` +
		"22222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222" + `1b"}}`
	a, sig, err := parsePayment(base64.StdEncoding.EncodeToString([]byte(p)), req, buyer)
	if err != nil || len(sig) != 65 || a.ValidBefore.Unix() != 1764600000 || a.Nonce[0] != 0x11 {
		t.Fatalf("%+v %d %v", a, len(sig), err)
	}
}
