// Package escrow is the chain side of AXL market: the Go face of the
// contracts under contracts/ (their bindings live in escrow/bindings), the
// EIP-712 typed data that buyers and workers sign, the deployment of the
// contracts, and the in-process development chain.
package escrow
