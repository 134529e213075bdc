package market

import (
	"math/big"
	"testing"
)

func TestPrice(t *testing.T) {
	p := DefaultPricing()
	spec := Spec{Steps: 1000, Workers: 2, Replicas: 2}
	tests := []struct {
		name      string
		token     Token
		spec      Spec
		size      int64
		price     int64
		stake     int64
		wantError bool
	}{
		{"10 MiB USDC", TokenUSDC, spec, 10 << 20, 400_000, 50_000, false},
		{"partial MiB rounds up", TokenUSDC, spec, 10<<20 + 1, 440_000, 55_000, false},
		{"minimum", TokenUSDC, Spec{Steps: 1, Workers: 1, Replicas: 1}, 100, 10_000, 5_000, false},
		{"stake rounds up", TokenUSDC, Spec{Steps: 1, Workers: 3, Replicas: 1}, 1, 10_000, 1_667, false},
		{"unknown token", "DOGE", spec, 1, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			price, stake, err := p.Price(tt.token, tt.spec, tt.size)
			if tt.wantError {
				if ErrorKind(err) != KindInvalid {
					t.Fatalf("err %v, want invalid", err)
				}
				return
			}
			if err != nil || price.Cmp(big.NewInt(tt.price)) != 0 || stake.Cmp(big.NewInt(tt.stake)) != 0 {
				t.Fatalf("price %v stake %v err %v, want %d %d", price, stake, err, tt.price, tt.stake)
			}
		})
	}
}
