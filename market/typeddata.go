package market

import "math/big"

// TypedData is a document to sign: EIP-712 typed data as the chain side
// builds it from the market's terms (a quote's intent and funding, a
// claim's stake). The market reads its digest and hands the rest to the
// signer as it stands.
type TypedData struct {
	Domain TypedDomain
	// Types are the struct types of the message, without EIP712Domain.
	Types       map[string][]TypedField
	PrimaryType string
	// Message holds the values: addresses and bytes32 as 0x hex, integers
	// as decimal strings.
	Message map[string]string
	// Digest is what a signature of the document signs.
	Digest Hash
}

// TypedDomain is the domain of a TypedData: a named, versioned contract
// on a chain.
type TypedDomain struct {
	Name    string
	Version string
	ChainID *big.Int
	// VerifyingContract is the contract's address as the signer is shown
	// it (EIP-55 mixed case).
	VerifyingContract string
}

// TypedField is one member of a struct type of a TypedData.
type TypedField struct {
	Name string
	Type string
}
