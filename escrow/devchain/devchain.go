// Package devchain runs the development chain in-process: go-ethereum's
// node with a simulated beacon (blocks sealed on demand, on a timer or as
// transactions arrive), the contracts deployed and the dev accounts
// funded. It is the only package of the module that links a go-ethereum
// node; everything else reaches the chain over RPC.
package devchain

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/google/renameio/v2"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/testai"
	"github.com/axl-market/axl/escrow/bindings/testusdc"
)

// The roles of the dev accounts, as devnet.json names them.
const (
	RoleOperator = "operator"
	RoleAgent    = "agent"
	RoleWorker   = "worker"
	RoleArbiter  = "arbiter"
	RoleTreasury = "treasury"
)

// Config configures the in-process development chain.
type Config struct {
	// RPCAddr is where to serve JSON-RPC over HTTP, host:port (port 0 picks
	// one). Empty: no server; the chain is reachable in-process only.
	RPCAddr string
	// DataDir keeps the chain database across restarts. Empty: in memory.
	DataDir string
	// Automine seals a block as soon as a transaction arrives (after
	// SealDelay). Without it blocks are sealed only by Commit, so a test
	// decides when.
	Automine bool
	// SealDelay is how long automine waits after a transaction arrives
	// before it seals the block (the burst that came meanwhile goes in it).
	// Clients share identical reads for a while (ethers.js: 250 ms), so
	// on a chain that mines at once a client that sends again right after a
	// receipt reuses the nonce it read before it: a delay past that keeps
	// such clients working, as any real chain's block time does.
	SealDelay time.Duration
	// BlockInterval seals an empty block this often so that block time
	// moves on an idle chain; zero disables it.
	BlockInterval time.Duration
	// Agents and Workers are how many dev accounts of each role to fund
	// (defaults 2 and 8).
	Agents, Workers int
	// ChallengeWindow, when set, replaces the escrow's default window of one
	// hour on a freshly deployed chain (at least the contract's one minute):
	// demos and local runs release sooner.
	ChallengeWindow time.Duration
	// SeparateRoles gives the treasury role to an account of its own (role
	// "treasury") instead of the operator. The arbiter role is always on an
	// account of its own (role "arbiter"), never the operator's.
	SeparateRoles bool
	// Logger receives the chain's progress; nil discards it.
	Logger *slog.Logger
}

// Account is a funded development account. Its key is derived from a
// public string: it must never hold anything of value.
type Account struct {
	Role    string
	Index   int
	Address common.Address
	Key     *ecdsa.PrivateKey
}

// Chain is go-ethereum's simulated chain running in-process, with the
// contracts deployed, the admin and operator roles granted to the operator,
// the arbiter role to the arbiter alone, and the dev accounts funded with
// ETH, USDC and AI.
type Chain struct {
	stack   *node.Node
	eth     *eth.Ethereum
	beacon  *catalyst.SimulatedBeacon
	client  *ethclient.Client
	chainID *big.Int
	log     *slog.Logger

	// mu serialises block production: the simulated beacon is not safe for
	// concurrent sealing.
	mu sync.Mutex

	// RPCURL is the HTTP JSON-RPC endpoint, empty without RPCAddr.
	RPCURL string
	// Addresses are the deployed contracts.
	Addresses escrow.Addresses
	// Accounts are the funded dev accounts: operator first, arbiter second.
	Accounts []Account
	// Operator deployed the contracts and holds the escrow's admin and
	// operator roles (assign, recordDelivery, submitResult, cancel). It does
	// not hold the arbiter role.
	Operator Account
	// Arbiter holds the escrow's arbiter role (dispute, resolve), and is
	// the only account that does: the key a server's --arbiter-key names.
	Arbiter Account

	dataDir   string
	automine  bool
	sealDelay time.Duration // Config.SealDelay
	cancel    context.CancelFunc
	wg        sync.WaitGroup
}

// ChainID is the chain id of the dev chain.
const ChainID = 1337

// Dev balances minted to every dev account.
var (
	devETH  = new(big.Int).Mul(big.NewInt(1_000), big.NewInt(params.Ether))
	devUSDC = big.NewInt(1_000_000 * 1_000_000)                                              // 1M USDC, 6 decimals
	devAI   = new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(1_000_000_000_000_000_000)) // 1M AI, 18 decimals
	// The arbiter's ETH, sent by the operator at deployment. The arbiter is
	// not in the genesis, which stays that of chains deployed before it had
	// an account of its own: they reopen, and are refused with a clear
	// message (their escrow is older), not an obscure genesis mismatch.
	devArbiterETH = new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))
)

// Key derives the dev key of a role and index from a public string.
func Key(role string, index int) *ecdsa.PrivateKey {
	for i := 0; ; i++ {
		seed := crypto.Keccak256([]byte("axl-devnet:" + role + ":" + strconv.Itoa(index) + ":" + strconv.Itoa(i)))
		if k, err := crypto.ToECDSA(seed); err == nil {
			return k
		}
	}
}

// Start starts the chain, deploys the contracts on first start and
// funds the dev accounts. Close stops it.
func Start(ctx context.Context, cfg Config) (*Chain, error) {
	if cfg.Agents == 0 {
		cfg.Agents = 2
	}
	if cfg.Workers == 0 {
		cfg.Workers = 8
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	accounts := []Account{
		{Role: RoleOperator, Key: Key(RoleOperator, 0)},
		{Role: RoleArbiter, Key: Key(RoleArbiter, 0)},
	}
	for i := range cfg.Agents {
		accounts = append(accounts, Account{Role: RoleAgent, Index: i, Key: Key(RoleAgent, i)})
	}
	for i := range cfg.Workers {
		accounts = append(accounts, Account{Role: RoleWorker, Index: i, Key: Key(RoleWorker, i)})
	}
	if cfg.SeparateRoles {
		accounts = append(accounts, Account{Role: RoleTreasury, Key: Key(RoleTreasury, 0)})
	}
	alloc := core.SystemContractAllocs()
	for i := range accounts {
		accounts[i].Address = crypto.PubkeyToAddress(accounts[i].Key.PublicKey)
		if accounts[i].Role != RoleArbiter {
			alloc[accounts[i].Address] = types.Account{Balance: devETH}
		}
	}

	nodeConf := node.DefaultConfig
	nodeConf.DataDir = cfg.DataDir
	nodeConf.P2P = p2p.Config{NoDiscovery: true, MaxPeers: 0, ListenAddr: ""}
	nodeConf.HTTPHost = ""
	nodeConf.WSHost = ""
	nodeConf.AuthPort = 0
	nodeConf.IPCPath = ""
	if cfg.RPCAddr != "" {
		host, port, err := net.SplitHostPort(cfg.RPCAddr)
		if err != nil {
			return nil, fmt.Errorf("rpc address %q: %w", cfg.RPCAddr, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("rpc address %q: port %q is not a number", cfg.RPCAddr, port)
		}
		// Refuse a taken port with a clear message before the node does it obscurely.
		if p != 0 {
			l, err := net.Listen("tcp", cfg.RPCAddr)
			if err != nil {
				return nil, fmt.Errorf("rpc address %s is not free (pass another with --rpc-addr): %w", cfg.RPCAddr, err)
			}
			_ = l.Close()
		}
		nodeConf.HTTPHost, nodeConf.HTTPPort = host, p
		nodeConf.HTTPModules = []string{"eth", "net", "web3", "txpool"}
		nodeConf.HTTPVirtualHosts = []string{"*"}
		nodeConf.HTTPCors = []string{"*"}
	}
	if cfg.DataDir != "" {
		nodeConf.Name = "axl-devnet"
		// LevelDB hands every write to the OS at once; geth's Pebble keeps
		// recent writes in memory, lost when the process is killed.
		nodeConf.DBEngine = "leveldb"
	}
	stack, err := node.New(&nodeConf)
	if err != nil {
		return nil, fmt.Errorf("dev chain node: %w", err)
	}
	// Mainnet's rules as of Osaka: geth's dev config also enables forks not
	// yet live (Bogota), whose repricing would make every gas figure here
	// meaningless for a real network.
	chainConf := *params.AllDevChainProtocolChanges
	chainConf.BogotaTime = nil
	ethConf := ethconfig.Defaults
	ethConf.Genesis = &core.Genesis{
		Config:   &chainConf,
		GasLimit: ethconfig.Defaults.Miner.GasCeil,
		Alloc:    alloc,
	}
	ethConf.SyncMode = ethconfig.FullSync
	ethConf.TxPool.NoLocals = true
	// Every block's state goes to disk as it is made (an archive on the hash
	// scheme): a dev chain killed without warning reopens at its head, and
	// reopening replays nothing. Snapshots would only cost time here.
	ethConf.StateScheme = rawdb.HashScheme
	ethConf.NoPruning = true
	ethConf.SnapshotCache = 0
	// No log index: searches scan the (short) dev chain, and loading the
	// index's maps dominated every restart.
	ethConf.LogNoHistory = true
	backend, err := eth.New(stack, &ethConf)
	if err != nil {
		_ = stack.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	stack.RegisterAPIs([]rpc.API{{
		Namespace: "eth",
		Service:   filters.NewFilterAPI(filters.NewFilterSystem(backend.APIBackend, filters.Config{})),
	}})
	if err := stack.Start(); err != nil {
		_ = stack.Close()
		return nil, fmt.Errorf("start dev chain: %w", err)
	}
	beacon, err := catalyst.NewSimulatedBeacon(0, common.Address{}, backend)
	if err != nil {
		_ = stack.Close()
		return nil, fmt.Errorf("dev chain beacon: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	c := &Chain{
		stack:    stack,
		eth:      backend,
		beacon:   beacon,
		client:   ethclient.NewClient(stack.Attach()),
		chainID:  big.NewInt(ChainID),
		log:      logger,
		Accounts: accounts,
		Operator: accounts[0],
		Arbiter:  accounts[1],
		dataDir:  cfg.DataDir,
		cancel:   cancel,
	}
	if cfg.RPCAddr != "" {
		c.RPCURL = stack.HTTPEndpoint()
	}
	if err := c.setUp(ctx, cfg.ChallengeWindow); err != nil {
		c.Close()
		return nil, err
	}
	if cfg.Automine {
		c.automine, c.sealDelay = true, cfg.SealDelay
		if err := c.startAutomine(runCtx); err != nil {
			c.Close()
			return nil, err
		}
	}
	if cfg.BlockInterval > 0 {
		c.wg.Add(1)
		go c.tick(runCtx, cfg.BlockInterval)
	}
	return c, nil
}

// setUp deploys the contracts and funds the accounts, unless a previous run
// on the same data dir already did.
func (c *Chain) setUp(ctx context.Context, window time.Duration) error {
	op := c.Operator
	// Deployment addresses follow from the operator's nonces, so they are the
	// same on every fresh chain: look before deploying.
	want := escrow.Addresses{
		USDC:   crypto.CreateAddress(op.Address, 0),
		AI:     crypto.CreateAddress(op.Address, 1),
		Escrow: crypto.CreateAddress(op.Address, 2),
	}
	code, err := c.client.CodeAt(ctx, want.Escrow, nil)
	if err != nil {
		return fmt.Errorf("dev chain: %w", err)
	}
	if len(code) > 0 {
		c.Addresses = want
		c.log.Info("dev chain reopened", "escrow", want.Escrow)
		return c.checkDeployed(ctx, creationCodes())
	}
	roles := escrow.Roles{Admin: op.Key, Operator: op.Address, Arbiter: c.Arbiter.Address, Treasury: op.Address}
	if a := c.Role(RoleTreasury); len(a) > 0 {
		roles.Treasury = a[0].Address
	}
	cfg := escrow.DeployConfig{Roles: roles}
	if window > 0 {
		// The fee and slot bound stay the constructor's.
		p := escrow.DefaultParameters
		p.ChallengeWindow = window
		cfg.Parameters = &p
	}
	deployed, err := escrow.Deploy(ctx, c.client, c.chainID, cfg, c.mineTx)
	if err != nil {
		return fmt.Errorf("dev chain: %w", err)
	}
	addrs := deployed.Addresses
	if addrs != want {
		return fmt.Errorf("dev chain: contracts deployed at %+v, expected %+v", addrs, want)
	}
	c.Addresses = addrs
	opts := c.Transactor(op.Key)
	opts.Context = ctx
	usdc, ai := testusdc.NewTestUSDC(), testai.NewTestAI()
	usdcC, aiC := usdc.Instance(c.client, addrs.USDC), ai.Instance(c.client, addrs.AI)
	var txs []*types.Transaction
	for _, a := range c.Accounts {
		for _, call := range []struct {
			c    *bind.BoundContract
			data []byte
		}{{usdcC, usdc.PackMint(a.Address, devUSDC)}, {aiC, ai.PackMint(a.Address, devAI)}} {
			tx, err := bind.Transact(call.c, opts, call.data)
			if err != nil {
				return fmt.Errorf("dev chain: mint: %w", err)
			}
			opts.Nonce = new(big.Int).SetUint64(tx.Nonce() + 1)
			txs = append(txs, tx)
		}
	}
	c.Commit()
	for _, tx := range txs {
		r, err := c.client.TransactionReceipt(ctx, tx.Hash())
		// The pool may not have promoted every transaction before the seal:
		// seal again until the block holds it.
		for tries := 0; errors.Is(err, ethereum.NotFound) && tries < 20; tries++ {
			if err := c.eth.TxPool().Sync(); err != nil {
				return fmt.Errorf("dev chain: sync transaction pool: %w", err)
			}
			c.Commit()
			r, err = c.client.TransactionReceipt(ctx, tx.Hash())
		}
		if err != nil {
			return fmt.Errorf("dev chain: mint receipt: %w", err)
		}
		if r.Status != types.ReceiptStatusSuccessful {
			return fmt.Errorf("dev chain: mint %s reverted", tx.Hash())
		}
	}
	if err := c.fundArbiter(ctx); err != nil {
		return err
	}
	c.log.Info("dev chain deployed", "escrow", addrs.Escrow, "usdc", addrs.USDC, "ai", addrs.AI, "arbiter", c.Arbiter.Address)
	return nil
}

// fundArbiter sends the arbiter its ETH from the operator.
func (c *Chain) fundArbiter(ctx context.Context) error {
	if _, err := c.send(ctx, c.Operator.Key, c.Arbiter.Address, devArbiterETH, nil); err != nil {
		return fmt.Errorf("dev chain: fund the arbiter: %w", err)
	}
	return nil
}

// creationCodes are the creation codes of the dev chain's contracts in the
// order the operator deploys them (its nonces 0, 1 and 2).
func creationCodes() [][]byte {
	return [][]byte{
		common.FromHex(testusdc.TestUSDCMetaData.Bin),
		common.FromHex(testai.TestAIMetaData.Bin),
		common.FromHex(axlescrow.AXLEscrowMetaData.Bin),
	}
}

// checkDeployed refuses a reopened chain whose contracts were deployed from
// other code than codes (this build's): an escrow built from older sources
// has other events, records and rules, which these bindings misread. The
// deployments are the operator's first transactions, in the first blocks.
func (c *Chain) checkDeployed(ctx context.Context, codes [][]byte) error {
	op := c.Operator.Address
	signer := types.LatestSignerForChainID(c.chainID)
	head, err := c.client.BlockNumber(ctx)
	if err != nil {
		return fmt.Errorf("dev chain: %w", err)
	}
	found := 0
	for n := uint64(1); n <= head && n <= 64 && found < len(codes); n++ {
		b, err := c.client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			return fmt.Errorf("dev chain: block %d: %w", n, err)
		}
		for _, tx := range b.Transactions() {
			if tx.To() != nil || tx.Nonce() >= uint64(len(codes)) {
				continue
			}
			if from, err := types.Sender(signer, tx); err != nil || from != op {
				continue
			}
			if !bytes.HasPrefix(tx.Data(), codes[tx.Nonce()]) {
				return fmt.Errorf("the dev chain in %s was deployed from other contract code than this build's "+
					"(the contract at %s differs): remove that directory, and any database that followed this chain, to start afresh",
					c.dataDir, crypto.CreateAddress(op, tx.Nonce()))
			}
			found++
		}
	}
	if found < len(codes) {
		return fmt.Errorf("the dev chain in %s: %d of its %d contract deployments are not in its first blocks", c.dataDir, found, len(codes))
	}
	return nil
}

// startAutomine seals a block whenever the pool receives transactions.
func (c *Chain) startAutomine(ctx context.Context) error {
	ch := make(chan common.Hash, 256)
	sub, err := c.client.Client().EthSubscribe(ctx, ch, "newPendingTransactions")
	if err != nil {
		return fmt.Errorf("dev chain: subscribe to pending transactions: %w", err)
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer sub.Unsubscribe()
		for {
			select {
			case <-ctx.Done():
				return
			case err := <-sub.Err():
				if err != nil && ctx.Err() == nil {
					c.log.Error("dev chain: automine stopped", "err", err)
				}
				return
			case <-ch:
				if c.sealDelay > 0 {
					select {
					case <-ctx.Done():
						return
					case <-time.After(c.sealDelay):
					}
				}
				// One block takes everything pending: drain the burst first.
				for drained := false; !drained; {
					select {
					case <-ch:
					default:
						drained = true
					}
				}
				c.Commit()
			}
		}
	}()
	return nil
}

func (c *Chain) tick(ctx context.Context, every time.Duration) {
	defer c.wg.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c.Commit()
		}
	}
}

// Client is an Ethereum client connected in-process.
func (c *Chain) Client() *ethclient.Client { return c.client }

// ChainID is the chain id.
func (c *Chain) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Transactor returns transaction options signing with key on this chain.
func (c *Chain) Transactor(key *ecdsa.PrivateKey) *bind.TransactOpts {
	return bind.NewKeyedTransactor(key, c.chainID)
}

// Commit seals a block with the pending transactions and returns its hash.
func (c *Chain) Commit() common.Hash {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.beacon.Commit()
}

// AdjustTime seals an empty block d later than the head: block time moves
// without anyone sleeping.
func (c *Chain) AdjustTime(d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	// The pool forgets mined transactions in the background; wait for it, or
	// it reports the last block's transactions as pending.
	if err := c.eth.TxPool().Sync(); err != nil {
		return fmt.Errorf("sync transaction pool: %w", err)
	}
	return c.beacon.AdjustTime(d)
}

// Fork makes the block with the given hash the head, so that the blocks
// committed next build a side chain; a longer side chain reorganises the
// canonical one.
func (c *Chain) Fork(parent common.Hash) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.beacon.Fork(parent)
}

// Rollback drops the pending transactions.
func (c *Chain) Rollback() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.beacon.Rollback()
}

// mineTx waits for tx to be mined (sealing the block itself unless the
// chain mines on its own) and returns its receipt, an error if it reverted.
func (c *Chain) mineTx(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
	var (
		r   *types.Receipt
		err error
	)
	if c.automine {
		r, err = bind.WaitMined(ctx, c.client, tx.Hash())
	} else {
		c.Commit()
		r, err = c.client.TransactionReceipt(ctx, tx.Hash())
	}
	if err != nil {
		return nil, fmt.Errorf("receipt of %s: %w", tx.Hash(), err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("transaction %s reverted", tx.Hash())
	}
	return r, nil
}

// Close stops the chain; the chain cannot be used afterwards.
func (c *Chain) Close() {
	c.cancel()
	c.wg.Wait()
	c.client.Close()
	if err := c.beacon.Stop(); err != nil {
		c.log.Warn("dev chain: stop beacon", "err", err)
	}
	if err := c.stack.Close(); err != nil && !errors.Is(err, node.ErrNodeStopped) {
		c.log.Warn("dev chain: stop node", "err", err)
	}
}

// Info is the content of devnet.json: how to reach the dev chain and
// the keys of its funded accounts.
type Info struct {
	Warning   string           `json:"warning"`
	ChainID   int64            `json:"chain_id"`
	RPCURL    string           `json:"rpc_url"`
	Contracts escrow.Addresses `json:"contracts"`
	Accounts  []AccountInfo    `json:"accounts"`
}

// AccountInfo is one dev account in devnet.json.
type AccountInfo struct {
	Role       string         `json:"role"`
	Address    common.Address `json:"address"`
	PrivateKey string         `json:"private_key"`
}

// Info describes the chain for devnet.json.
func (c *Chain) Info() Info {
	info := Info{
		Warning:   "development keys, derived from public strings: never send anything of value to these accounts",
		ChainID:   c.chainID.Int64(),
		RPCURL:    c.RPCURL,
		Contracts: c.Addresses,
	}
	for _, a := range c.Accounts {
		info.Accounts = append(info.Accounts, AccountInfo{
			Role:       a.Role,
			Address:    a.Address,
			PrivateKey: "0x" + common.Bytes2Hex(crypto.FromECDSA(a.Key)),
		})
	}
	return info
}

// WriteInfo writes devnet.json into dir atomically (write, then rename),
// readable by its owner only since it holds keys.
func (c *Chain) WriteInfo(dir string) (string, error) {
	b, err := json.MarshalIndent(c.Info(), "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "devnet.json")
	if err := renameio.WriteFile(path, append(b, '\n'), 0o600, renameio.WithTempDir(dir)); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}

// Exec sends call from key, seals a block unless the chain mines on its
// own, and returns the receipt. A call that would revert is refused at gas
// estimation with its decoded revert reason.
func (c *Chain) Exec(ctx context.Context, key *ecdsa.PrivateKey, call escrow.Call) (*types.Receipt, error) {
	return c.send(ctx, key, call.To, nil, call.Data)
}

// send is Exec with a value in wei (nil: none).
func (c *Chain) send(ctx context.Context, key *ecdsa.PrivateKey, to common.Address, value *big.Int, data []byte) (*types.Receipt, error) {
	from := crypto.PubkeyToAddress(key.PublicKey)
	msg := ethereum.CallMsg{From: from, To: &to, Value: value, Data: data}
	gas, err := c.client.EstimateGas(ctx, msg)
	if err != nil {
		if reason := escrow.RevertReason(err); reason != "" {
			return nil, &RevertError{Reason: reason, Err: err}
		}
		return nil, fmt.Errorf("estimate gas: %w", err)
	}
	nonce, err := c.client.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("nonce of %s: %w", from, err)
	}
	tip, feeCap, err := escrow.SuggestFees(ctx, c.client)
	if err != nil {
		return nil, err
	}
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(c.chainID), &types.DynamicFeeTx{
		ChainID: c.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: gas + gas/5, To: &to, Value: value, Data: data,
	})
	if err != nil {
		return nil, fmt.Errorf("sign transaction: %w", err)
	}
	if err := c.client.SendTransaction(ctx, tx); err != nil {
		return nil, fmt.Errorf("send transaction: %w", err)
	}
	return c.mineTx(ctx, tx)
}

// RevertError is a call the contract refused, with the decoded reason.
type RevertError struct {
	Reason string
	Err    error
}

func (e *RevertError) Error() string { return "reverted: " + e.Reason }
func (e *RevertError) Unwrap() error { return e.Err }
