# The generated parts of the tree. Bindings get a package per contract, since
# abigen names helper types by method and the contracts share method names.
# Each target is also run by .ci/run, which
# fails when the regenerated files differ from the committed ones.

BINDINGS := escrow/bindings
CONTRACTS := AXLEscrow DepositBox TestUSDC TestAI TestFiatToken HostileToken MislabelledToken

.PHONY: contracts
## contracts: install the pinned npm packages, compile the Solidity sources and regenerate the Go bindings
contracts:
	cd contracts && npm ci --no-audit --no-fund --silent && node build.js
	@for c in $(CONTRACTS); do \
		pkg=$$(echo $$c | tr A-Z a-z); \
		mkdir -p $(BINDINGS)/$$pkg; \
		go tool abigen --v2 --abi contracts/build/$$c.abi --bin contracts/build/$$c.bin \
			--pkg $$pkg --type $$c --out $(BINDINGS)/$$pkg/$$pkg.go || exit 1; \
	done
	@echo "bindings written to $(BINDINGS)"

.PHONY: test
## test: the README's test command: everything the tests need, then all the tests with the race detector
test: contracts
	cd api/testdata/ethers-client && npm ci --no-audit --no-fund --silent
	cd swarm/tokenizer/testdata/gpt2-encoder && npm ci --no-audit --no-fund --silent
	cd web/testdata && npm ci --no-audit --no-fund --silent
	cd mcpserver/testdata/mcp-client && npm ci --no-audit --no-fund --silent
	cd market/webhook/testdata/receiver && npm ci --no-audit --no-fund --silent
	cd cmd/axl/testdata/x402-client && npm ci --no-audit --no-fund --silent
	go test -race -timeout 20m ./...
	go test -count=1 -run TestInvariantUnderRandomOperations ./escrow/

.PHONY: check-generated
## check-generated: fail when the committed generated files differ from a fresh generation
check-generated: contracts
	@git diff --exit-code --stat -- contracts/build escrow/bindings || \
		(echo "generated files differ from the committed ones: run 'make contracts' and commit" >&2; exit 1)
	@test -z "$$(git status --porcelain -- contracts/build escrow/bindings)" || \
		(echo "untracked generated files: run 'make contracts' and commit" >&2; git status --porcelain -- contracts/build escrow/bindings >&2; exit 1)

.PHONY: fuzz
## fuzz: every go test -fuzz target of the parsers of outside bytes, FUZZTIME (10s) each; fails on a crash (run by .ci/run)
fuzz:
	bash .ci/fuzz.sh
