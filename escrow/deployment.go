package escrow

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/google/renameio/v2"

	"github.com/axl-market/axl/escrow/bindings/testfiattoken"
	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
)

// Deployment is the deployment file that axl deploy writes and axl serve
// reads: where the contracts of one chain are, the block from which their
// events are followed, and the EIP-712 domain each token signs under.
type Deployment struct {
	ChainID uint64 `json:"chainId"`
	// Escrow is the AXLEscrow contract.
	Escrow common.Address `json:"escrow"`
	// DeployBlock is where the escrow's events begin (the block of its
	// creation, or an earlier one).
	DeployBlock uint64         `json:"deployBlock"`
	USDC        TokenDomain    `json:"usdc"`
	AI          TokenDomain    `json:"ai"`
	Operator    common.Address `json:"operator"`
	Arbiter     common.Address `json:"arbiter"`
	Treasury    common.Address `json:"treasury"`
}

// TokenDomain is a token and the EIP-712 domain its permits and
// authorisations are signed under (with the deployment's chain id and the
// token's address as verifying contract).
type TokenDomain struct {
	Address common.Address `json:"address"`
	Name    string         `json:"name"`
	Version string         `json:"version"`
	// Source says where the domain was read: "eip5267" (the token's
	// eip712Domain()), "name-version" (its name() and version()) or
	// "deployment" (neither answered: the file's, checked against the
	// token's DOMAIN_SEPARATOR).
	Source string `json:"source"`
}

// The sources of a token's domain.
const (
	DomainFromEIP5267     = "eip5267"
	DomainFromNameVersion = "name-version"
	DomainFromDeployment  = "deployment"
)

// Addresses are the deployment's contract addresses.
func (d Deployment) Addresses() Addresses {
	return Addresses{Escrow: d.Escrow, USDC: d.USDC.Address, AI: d.AI.Address}
}

// Domain is t's EIP-712 domain on the deployment's chain.
func (d Deployment) Domain(t TokenDomain) eip712.Domain {
	return eip712.Domain{Name: t.Name, Version: t.Version, ChainID: new(big.Int).SetUint64(d.ChainID), VerifyingContract: t.Address}
}

// Contracts binds the deployment's contracts, each token under its domain.
func (d Deployment) Contracts() *Contracts {
	c := NewContracts(new(big.Int).SetUint64(d.ChainID), d.Addresses())
	c.Domains = map[common.Address]eip712.Domain{d.USDC.Address: d.Domain(d.USDC), d.AI.Address: d.Domain(d.AI)}
	return c
}

// Check refuses a deployment file that names no chain, no escrow or no
// token, a token twice, or a token without its domain.
func (d Deployment) Check() error {
	switch {
	case d.ChainID == 0:
		return errors.New("deployment: no chainId")
	case d.Escrow == (common.Address{}):
		return errors.New("deployment: no escrow address")
	case d.USDC.Address == (common.Address{}) || d.AI.Address == (common.Address{}):
		return errors.New("deployment: a token address is missing (usdc and ai are both needed)")
	case d.USDC.Address == d.AI.Address || d.USDC.Address == d.Escrow || d.AI.Address == d.Escrow:
		return errors.New("deployment: the escrow, usdc and ai addresses must differ")
	}
	for _, t := range []struct {
		name string
		t    TokenDomain
	}{{"usdc", d.USDC}, {"ai", d.AI}} {
		if t.t.Name == "" || t.t.Version == "" {
			return fmt.Errorf("deployment: token %s has no EIP-712 domain name and version", t.name)
		}
	}
	return nil
}

// ReadDeployment reads and checks a deployment file.
func ReadDeployment(path string) (Deployment, error) {
	var d Deployment
	b, err := os.ReadFile(path)
	if err != nil {
		return d, fmt.Errorf("deployment file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return d, fmt.Errorf("deployment file %s: %w", path, err)
	}
	if err := d.Check(); err != nil {
		return d, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// Write writes the deployment file atomically.
func (d Deployment) Write(path string) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	return renameio.WriteFile(path, append(b, '\n'), 0o644)
}

// ReadTokenDomain reads the EIP-712 domain that token signs under: its
// EIP-5267 eip712Domain() where it answers, else its name() and version()
// (Circle's FiatToken has no EIP-5267), else known's, if given (the
// deployment file's). Whatever the source, the domain must hash to the
// token's DOMAIN_SEPARATOR(): a domain that does not would have buyers and
// workers sign authorisations the token refuses. A known domain that
// differs from the token's is refused too.
func ReadTokenDomain(ctx context.Context, caller bind.ContractCaller, chainID *big.Int, token common.Address, known *TokenDomain) (TokenDomain, error) {
	fiat := testfiattoken.NewTestFiatToken()
	call := func(data []byte) ([]byte, error) {
		out, err := caller.CallContract(ctx, ethereum.CallMsg{To: &token, Data: data}, nil)
		if err == nil && len(out) == 0 {
			err = errors.New("no answer")
		}
		return out, err
	}
	code, err := caller.CodeAt(ctx, token, nil)
	if err != nil {
		return TokenDomain{}, fmt.Errorf("token %s: code: %w", token, err)
	}
	if len(code) == 0 {
		return TokenDomain{}, fmt.Errorf("token %s: no contract at this address on chain %s", token, chainID)
	}
	out, err := call(fiat.PackDOMAINSEPARATOR())
	if err != nil {
		return TokenDomain{}, fmt.Errorf("token %s has no DOMAIN_SEPARATOR(): it is not an EIP-2612 token", token)
	}
	separator, err := fiat.UnpackDOMAINSEPARATOR(out)
	if err != nil {
		return TokenDomain{}, fmt.Errorf("token %s: DOMAIN_SEPARATOR(): %w", token, err)
	}
	got := TokenDomain{Address: token}
	if out, err := call(fiat.PackEip712Domain()); err == nil {
		d, err := fiat.UnpackEip712Domain(out)
		if err != nil {
			return got, fmt.Errorf("token %s: eip712Domain(): %w", token, err)
		}
		// Fields 0x0f: name, version, chainId, verifyingContract; no salt,
		// no extensions, as the market's typed data.
		if d.Arg0[0] != 0x0f || len(d.Arg6) > 0 {
			return got, fmt.Errorf("token %s: its EIP-712 domain has fields %#x; the market signs name, version, chainId and verifyingContract (0x0f) only", token, d.Arg0[0])
		}
		if d.Arg3.Cmp(chainID) != 0 || d.Arg4 != token {
			return got, fmt.Errorf("token %s: its eip712Domain() names chain %s and contract %s", token, d.Arg3, d.Arg4)
		}
		got.Name, got.Version, got.Source = d.Arg1, d.Arg2, DomainFromEIP5267
	} else {
		name, nerr := callString(call, fiat.PackName(), fiat.UnpackName)
		version, verr := callString(call, fiat.PackVersion(), fiat.UnpackVersion)
		switch {
		case nerr == nil && verr == nil:
			got.Name, got.Version, got.Source = name, version, DomainFromNameVersion
		case known != nil:
			got.Name, got.Version, got.Source = known.Name, known.Version, DomainFromDeployment
		default:
			return got, fmt.Errorf("token %s answers neither eip712Domain() nor name() and version(): its EIP-712 domain cannot be read", token)
		}
	}
	dom := eip712.Domain{Name: got.Name, Version: got.Version, ChainID: chainID, VerifyingContract: token}
	sep, err := dom.Separator()
	if err != nil {
		return got, err
	}
	if sep != common.Hash(separator) {
		return got, fmt.Errorf("token %s: the EIP-712 domain it reports (name %q, version %q, from %s) does not hash to its DOMAIN_SEPARATOR %s: "+
			"authorisations signed under it would be refused", token, got.Name, got.Version, got.Source, common.Hash(separator))
	}
	if known != nil && (known.Name != got.Name || known.Version != got.Version) {
		return got, fmt.Errorf("token %s signs under name %q, version %q, not the deployment's name %q, version %q",
			token, got.Name, got.Version, known.Name, known.Version)
	}
	return got, nil
}

func callString(call func([]byte) ([]byte, error), data []byte, unpack func([]byte) (string, error)) (string, error) {
	out, err := call(data)
	if err != nil {
		return "", err
	}
	return unpack(out)
}

// Domains are the deployment's EIP-712 domains, which turn the market's
// quotes and claims into the documents buyers and workers sign.
func (d Deployment) Domains() eip712.Domains {
	return eip712.Domains{ChainID: new(big.Int).SetUint64(d.ChainID), Escrow: market.Address(d.Escrow), Tokens: map[market.Token]eip712.Domain{
		market.TokenUSDC: d.Domain(d.USDC), market.TokenAI: d.Domain(d.AI)}}
}
