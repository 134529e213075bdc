// Package escrow is the chain side of AXL market: the Go face of the
// contracts under contracts/ (their bindings live in escrow/bindings), the
// EIP-712 typed data that buyers and workers sign, the deployment of the
// contracts, the relayer and the watcher. It reaches a chain over RPC
// only; the in-process development chain, which links a whole go-ethereum
// node, is escrow/devchain.
package escrow
