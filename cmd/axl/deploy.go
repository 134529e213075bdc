package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/axl-market/axl/escrow"
)

// deployConfig is the command line of axl deploy.
type deployConfig struct {
	rpc, keyFile, out           string
	chainID                     uint64
	escrow, usdc, ai            string
	testTokens                  bool
	operator, arbiter, treasury string
	feeBps                      uint
	challengeWindow             time.Duration
	confirmations               uint64
	deployBlock                 uint64
	poll                        time.Duration
	// fundRolesETH is sent from the deployer to the operator and the
	// arbiter, each, before anything is deployed: their gas.
	fundRolesETH uint64
	// feeSet and windowSet say that --fee-bps and --challenge-window were
	// given: an adopted escrow keeps the parameters that were not.
	feeSet, windowSet bool
}

func runDeploy(ctx context.Context, env *environment, args []string) error {
	var c deployConfig
	fs := newFlagSet(env, "deploy")
	fs.StringVar(&c.rpc, "rpc", "", "JSON-RPC URL of the chain to deploy on (required)")
	fs.StringVar(&c.keyFile, "key-file", "", "the deployer's key (the file of 'axl keys new', or one hex private key); it pays the gas and administers the escrow (required)")
	fs.StringVar(&c.out, "out", "", "the deployment file to write, for axl serve --deployment (required); if it exists and its escrow is on this chain, nothing is sent")
	fs.Uint64Var(&c.chainID, "chain-id", 0, "the chain id the node must answer: nothing is sent to another chain (0: any)")
	fs.StringVar(&c.escrow, "escrow", "", "an AXLEscrow already deployed, to adopt instead of deploying one: the roles are granted and the tokens allowed by the deployer, which must hold its admin role")
	fs.Uint64Var(&c.deployBlock, "deploy-block", 0, "with --escrow: the block of its creation, where axl serve's watcher starts (default: the block of its first event)")
	fs.StringVar(&c.usdc, "usdc", "", "the USDC token to allow (an EIP-2612 and EIP-3009 token, such as Circle's)")
	fs.StringVar(&c.ai, "ai", "", "the $AI token to allow (an EIP-2612 token)")
	fs.BoolVar(&c.testTokens, "test-tokens", false, "deploy test tokens, owned by the deployer, for those of --usdc and --ai not given: a FiatToken-shaped USDC (domain \"USDC\" version \"2\") and TestAI")
	fs.StringVar(&c.operator, "operator", "", "address of the escrow operator, axl serve's --operator-key-file (required)")
	fs.StringVar(&c.arbiter, "arbiter", "", "address of the escrow arbiter, axl serve's --arbiter-key-file, not the operator (required)")
	fs.StringVar(&c.treasury, "treasury", "", "address the protocol fee is paid to (default: the deployer)")
	fs.UintVar(&c.feeBps, "fee-bps", uint(escrow.DefaultParameters.FeeBps), "protocol fee of the price, basis points (at most 1000)")
	fs.DurationVar(&c.challengeWindow, "challenge-window", escrow.DefaultParameters.ChallengeWindow, "how long a submitted result can be disputed before it is released (1m to 720h)")
	fs.Uint64Var(&c.confirmations, "confirmations", 2, "blocks that must follow each deployment transaction before the next is sent")
	fs.DurationVar(&c.poll, "poll", time.Second, "how often the node is asked for receipts and its head")
	fs.Uint64Var(&c.fundRolesETH, "fund-roles-eth", 0, "whole ETH the deployer sends the operator and the arbiter each, for their gas (0: none; a test network's faucet does it otherwise)")
	if err := parseFlagsEnv(fs, args, env); err != nil {
		return err
	}
	c.feeSet, c.windowSet = flagSet(fs, "fee-bps"), flagSet(fs, "challenge-window")
	logger := slog.New(slog.NewTextHandler(env.stderr, nil))
	d, err := deploy(ctx, c, logger)
	if err != nil {
		return oneLine(err)
	}
	fmt.Fprintf(env.stdout, "%s: escrow %s, usdc %s, ai %s on chain %d from block %d\n", c.out, d.Escrow, d.USDC.Address, d.AI.Address, d.ChainID, d.DeployBlock)
	return nil
}

// deployPlan is a checked command line: what deploy will send.
type deployPlan struct {
	key    *ecdsa.PrivateKey
	cfg    escrow.DeployConfig
	params escrow.Parameters
}

// plan checks the command line before the node is asked anything.
func (c deployConfig) plan() (deployPlan, error) {
	var p deployPlan
	for _, req := range []struct{ flag, v string }{{"--rpc", c.rpc}, {"--key-file", c.keyFile}, {"--out", c.out},
		{"--operator", c.operator}, {"--arbiter", c.arbiter}} {
		if req.v == "" {
			return p, usageError{"axl deploy: " + req.flag + " is required"}
		}
	}
	addr := func(flag, v string, dst *common.Address) error {
		if v == "" {
			return nil
		}
		if !common.IsHexAddress(v) || common.HexToAddress(v) == (common.Address{}) {
			return usageError{fmt.Sprintf("axl deploy: %s %q is not an address", flag, v)}
		}
		*dst = common.HexToAddress(v)
		return nil
	}
	cfg := &p.cfg
	for _, a := range []struct {
		flag, v string
		dst     *common.Address
	}{{"--escrow", c.escrow, &cfg.Escrow}, {"--usdc", c.usdc, &cfg.USDC}, {"--ai", c.ai, &cfg.AI},
		{"--operator", c.operator, &cfg.Roles.Operator}, {"--arbiter", c.arbiter, &cfg.Roles.Arbiter}, {"--treasury", c.treasury, &cfg.Roles.Treasury}} {
		if err := addr(a.flag, a.v, a.dst); err != nil {
			return p, err
		}
	}
	if !c.testTokens && (cfg.USDC == (common.Address{}) || cfg.AI == (common.Address{})) {
		return p, usageError{"axl deploy: --usdc and --ai are required (or --test-tokens deploys test tokens for those not given)"}
	}
	if cfg.Roles.Operator == cfg.Roles.Arbiter {
		return p, usageError{"axl deploy: --arbiter must differ from --operator: the escrow gives the roles to separate keys"}
	}
	if c.feeBps > 1000 {
		return p, usageError{"axl deploy: --fee-bps is at most 1000 (10 %)"}
	}
	if c.challengeWindow < time.Minute || c.challengeWindow > 30*24*time.Hour || c.challengeWindow%time.Second != 0 {
		return p, usageError{"axl deploy: --challenge-window must be whole seconds between 1m and 720h"}
	}
	if c.deployBlock != 0 && cfg.Escrow == (common.Address{}) {
		return p, usageError{"axl deploy: --deploy-block goes with --escrow (a new escrow's block is its creation's)"}
	}
	key, err := loadKeyAs("--key-file", c.keyFile)
	if err != nil {
		return p, err
	}
	p.key, cfg.Roles.Admin = key, key
	if cfg.Roles.Treasury == (common.Address{}) {
		cfg.Roles.Treasury = crypto.PubkeyToAddress(key.PublicKey)
	}
	cfg.FiatUSDC = true
	p.params = escrow.Parameters{FeeBps: uint16(c.feeBps), ChallengeWindow: c.challengeWindow, MaxSlots: escrow.DefaultParameters.MaxSlots}
	if p.params != escrow.DefaultParameters && cfg.Escrow == (common.Address{}) {
		cfg.Parameters = &p.params
	}
	return p, nil
}

// deploy deploys (or adopts) the contracts that c asks for, checks them and
// writes the deployment file.
func deploy(ctx context.Context, c deployConfig, logger *slog.Logger) (escrow.Deployment, error) {
	p, err := c.plan()
	if err != nil {
		return escrow.Deployment{}, err
	}
	client, err := ethclient.DialContext(ctx, c.rpc)
	if err != nil {
		return escrow.Deployment{}, fmt.Errorf("--rpc %s: %w", c.rpc, err)
	}
	defer client.Close()
	chainID, err := client.ChainID(ctx)
	if err != nil {
		return escrow.Deployment{}, fmt.Errorf("--rpc %s does not answer eth_chainId: %w", c.rpc, err)
	}
	if c.chainID != 0 && chainID.Cmp(new(big.Int).SetUint64(c.chainID)) != 0 {
		return escrow.Deployment{}, fmt.Errorf("the node at %s is chain %s, not --chain-id %d: nothing was sent", c.rpc, chainID, c.chainID)
	}
	if !chainID.IsUint64() {
		return escrow.Deployment{}, fmt.Errorf("chain id %s is out of range", chainID)
	}
	deployer := crypto.PubkeyToAddress(p.key.PublicKey)
	if _, err := os.Stat(c.out); err == nil {
		// Deployed already (a compose file's deploy service run again):
		// the file stands if it is of this chain and its escrow is there.
		d, err := escrow.ReadDeployment(c.out)
		if err != nil {
			return escrow.Deployment{}, fmt.Errorf("--out %s exists and is not a deployment file (%v): remove it to deploy", c.out, err)
		}
		if d.ChainID != chainID.Uint64() {
			return escrow.Deployment{}, fmt.Errorf("--out %s is a deployment on chain %d, not this node's %s: choose another --out", c.out, d.ChainID, chainID)
		}
		if err := checkCode(ctx, client, "the escrow of "+c.out, d.Escrow); err != nil {
			return escrow.Deployment{}, fmt.Errorf("%w: remove the file to deploy afresh", err)
		}
		logger.Info("deployed already: nothing sent", "out", c.out, "escrow", d.Escrow)
		return d, nil
	}
	// Everything that can be refused is checked before a transaction is
	// sent: the admin role of an adopted escrow, the tokens' domains.
	if p.cfg.Escrow != (common.Address{}) {
		if err := checkCode(ctx, client, "--escrow", p.cfg.Escrow); err != nil {
			return escrow.Deployment{}, err
		}
		if err := escrow.CheckAdmin(ctx, client, chainID, p.cfg.Escrow, deployer); err != nil {
			return escrow.Deployment{}, err
		}
		if c.feeSet || c.windowSet {
			// Only what was asked changes; the rest stays the escrow's.
			cur, err := escrow.ReadParameters(ctx, client, p.cfg.Escrow)
			if err != nil {
				return escrow.Deployment{}, err
			}
			if c.feeSet {
				cur.FeeBps = p.params.FeeBps
			}
			if c.windowSet {
				cur.ChallengeWindow = p.params.ChallengeWindow
			}
			p.cfg.Parameters = &cur
		}
	}
	for _, t := range []struct {
		flag string
		addr common.Address
	}{{"--usdc", p.cfg.USDC}, {"--ai", p.cfg.AI}} {
		if t.addr == (common.Address{}) {
			continue
		}
		if _, err := escrow.ReadTokenDomain(ctx, client, chainID, t.addr, nil); err != nil {
			return escrow.Deployment{}, fmt.Errorf("%s: %w", t.flag, err)
		}
	}
	logger.Info("deploying", "chain_id", chainID, "deployer", deployer, "escrow", p.cfg.Escrow, "usdc", p.cfg.USDC, "ai", p.cfg.AI)
	mine := escrow.WaitConfirmed(client, c.confirmations, c.poll)
	if c.fundRolesETH > 0 {
		value := new(big.Int).Mul(new(big.Int).SetUint64(c.fundRolesETH), big.NewInt(params.Ether))
		for _, to := range []common.Address{p.cfg.Roles.Operator, p.cfg.Roles.Arbiter} {
			if err := sendETH(ctx, client, p.key, chainID, to, value, mine); err != nil {
				return escrow.Deployment{}, fmt.Errorf("--fund-roles-eth: %w", err)
			}
		}
	}
	done, err := escrow.Deploy(ctx, client, chainID, p.cfg, func(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
		r, err := mine(ctx, tx)
		if err == nil {
			logger.Info("mined", "tx", tx.Hash(), "block", r.BlockNumber, "gas", r.GasUsed)
		}
		return r, err
	})
	if err != nil {
		return escrow.Deployment{}, err
	}
	addrs := done.Addresses
	for _, a := range []struct {
		what string
		addr common.Address
	}{{"escrow", addrs.Escrow}, {"usdc", addrs.USDC}, {"ai", addrs.AI}} {
		if err := checkCode(ctx, client, a.what, a.addr); err != nil {
			return escrow.Deployment{}, err
		}
	}
	d := escrow.Deployment{ChainID: chainID.Uint64(), Escrow: addrs.Escrow, DeployBlock: done.Block,
		Operator: p.cfg.Roles.Operator, Arbiter: p.cfg.Roles.Arbiter, Treasury: p.cfg.Roles.Treasury}
	if d.DeployBlock == 0 {
		if d.DeployBlock = c.deployBlock; d.DeployBlock == 0 {
			if d.DeployBlock, err = escrow.FirstEventBlock(ctx, client, addrs.Escrow); err != nil {
				return escrow.Deployment{}, fmt.Errorf("%w: pass --deploy-block", err)
			}
		}
	}
	for _, t := range []struct {
		addr common.Address
		dst  *escrow.TokenDomain
	}{{addrs.USDC, &d.USDC}, {addrs.AI, &d.AI}} {
		if *t.dst, err = escrow.ReadTokenDomain(ctx, client, chainID, t.addr, nil); err != nil {
			return escrow.Deployment{}, err
		}
	}
	if err := d.Check(); err != nil {
		return escrow.Deployment{}, err
	}
	if err := d.Write(c.out); err != nil {
		return escrow.Deployment{}, fmt.Errorf("--out: %w", err)
	}
	return d, nil
}

// sendETH sends value from key to to, at the node's suggested EIP-1559
// fees, and waits for it through mine.
func sendETH(ctx context.Context, client *ethclient.Client, key *ecdsa.PrivateKey, chainID *big.Int, to common.Address, value *big.Int,
	mine func(context.Context, *types.Transaction) (*types.Receipt, error)) error {
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := client.PendingNonceAt(ctx, from)
	if err != nil {
		return err
	}
	tip, feeCap, err := escrow.SuggestFees(ctx, client)
	if err != nil {
		return err
	}
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{ChainID: chainID, Nonce: nonce,
		GasTipCap: tip, GasFeeCap: feeCap, Gas: 21_000, To: &to, Value: value})
	if err != nil {
		return err
	}
	if err := client.SendTransaction(ctx, tx); err != nil {
		return fmt.Errorf("send %s wei to %s: %w", value, to, err)
	}
	r, err := mine(ctx, tx)
	if err == nil && r.Status != types.ReceiptStatusSuccessful {
		err = fmt.Errorf("transfer %s failed", tx.Hash())
	}
	return err
}

// checkCode refuses an address without a contract.
func checkCode(ctx context.Context, client *ethclient.Client, what string, addr common.Address) error {
	code, err := client.CodeAt(ctx, addr, nil)
	if err != nil {
		return fmt.Errorf("%s %s: %w", what, addr, err)
	}
	if len(code) == 0 {
		return errors.New(what + " " + addr.Hex() + ": no contract at this address")
	}
	return nil
}
