#!/usr/bin/env bash
# Proves that deterministic training gives the same bits everywhere: builds
# axl for amd64 (GOAMD64=v1 and v3) and for arm64 (run under qemu-user),
# trains the same short runs (a full fine-tune and a LoRA of bytes, a LoRA of BPE tokens on
# prompt/completion JSONL) with 1, 2 and 4 threads on each, with the
# assembly kernels (AVX2, NEON) and with the portable ones alone, prints the sha256 of every output and its
# trace, and fails unless they all agree. It also runs the kernel tests of
# swarm/ree as an arm64 binary under qemu.
#
# Usage: bash .ci/crossarch.sh        (from anywhere in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
if [ -z "$qemu" ]; then
	echo "crossarch: installing qemu-user-static" >&2
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static >/dev/null
	qemu=$(command -v qemu-aarch64-static)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The corpus: 4000 lines of words chosen by fixed arithmetic, the same bytes
# on every machine and in every commit, so that the sha256 is a reference.
awk 'BEGIN {
	n = split("the a market agent buys verified fine tuning runs worker trains model " \
		"weights replica hash step loss falls seed shard bits same every machine " \
		"honest referee checks one operator escrow pays release", w, " ")
	for (i = 1; i <= 4000; i++) {
		line = ""
		for (j = 1; j <= 9; j++) line = line w[(i * 7919 + j * j * 104729) % n + 1] " "
		print line i % 97 "."
	}
}' >"$work/corpus.txt"
# And prompt/completion JSONL of the same arithmetic, for a BPE job.
awk 'BEGIN {
	n = split("market agent buys fine tuning worker trains model weights replica hash step", w, " ")
	for (i = 1; i <= 400; i++)
		printf "{\"prompt\":\"what does the %s do %d?\",\"completion\":\" the %s %s\"}\n", w[i % n + 1], i % 7, w[(i * 7) % n + 1], w[(i * 13) % n + 1]
}' >"$work/examples.jsonl"

GOOS=linux GOARCH=amd64 GOAMD64=v1 go build -o "$work/axl-amd64-v1" ./cmd/axl
GOOS=linux GOARCH=amd64 GOAMD64=v3 go build -o "$work/axl-amd64-v3" ./cmd/axl
GOOS=linux GOARCH=arm64 go build -o "$work/axl-arm64" ./cmd/axl
GOOS=linux GOARCH=arm64 go test -c -o "$work/ree-arm64.test" ./swarm/ree

fail=0
echo "crossarch: swarm/ree tests as arm64 under qemu"
if ! "$qemu" "$work/ree-arm64.test" -test.count=1 >"$work/ree-arm64.log" 2>&1; then
	grep -E -m 20 '^(--- FAIL|FAIL|panic)|_test\.go:[0-9]+:' "$work/ree-arm64.log" >&2 || tail -20 "$work/ree-arm64.log" >&2
	echo "crossarch: FAIL: swarm/ree tests on arm64" >&2
	fail=1
else
	tail -1 "$work/ree-arm64.log"
fi

# check NAME DATA CONFIG [FLAG...] trains the run on DATA with the model
# preset CONFIG and the extra flags, on every target
# with 1, 2 and 4 threads, prints the sha256 of its weights, its trace and
# (for a LoRA run) its PEFT adapter directory, and sets fail unless all 15
# agree.
check() {
	local name=$1 data=$2 config=$3
	shift 3
	local ref="" agree=1 target bin threads out log sum trace adapter loss key
	for target in amd64-v1 amd64-v3 amd64-v3-portable arm64 arm64-portable; do
		bin="$work/axl-${target%-portable}"
		local runner=() flags=()
		case $target in arm64*) runner=("$qemu") ;; esac
		case $target in *-portable) flags=(--portable) ;; esac
		for threads in 1 2 4; do
			out="$work/$name-$target-$threads/model.safetensors"
			mkdir -p "$(dirname "$out")"
			log=$("${runner[@]}" "$bin" train --data "$data" --config "$config" --steps 4 --batch 4 \
				--seed 7 --threads "$threads" --out "$out" "${flags[@]}" "$@")
			sum=$(sha256sum "$out" | cut -d' ' -f1)
			trace=$(sha256sum "${out%.safetensors}.trace" | cut -d' ' -f1)
			adapter=none
			if [ -d "${out%.safetensors}-adapter" ]; then
				adapter=$(cat "${out%.safetensors}-adapter/adapter_model.safetensors" \
					"${out%.safetensors}-adapter/adapter_config.json" | sha256sum | cut -d' ' -f1)
			fi
			loss=$(grep '^final loss' <<<"$log")
			printf '%-5s %-18s threads=%d  weights %s  trace %s  adapter %s  %s\n' "$name" "$target" "$threads" "$sum" "$trace" "$adapter" "$loss"
			key="$sum $trace $adapter $loss"
			if [ -z "$ref" ]; then
				ref=$key
			elif [ "$key" != "$ref" ]; then
				agree=0
			fi
		done
	done
	if [ "$agree" = 1 ]; then
		echo "crossarch: all 15 $name runs agree: weights sha256 ${ref%% *}"
	else
		echo "crossarch: FAIL: the $name runs disagree" >&2
		fail=1
	fi
}

check full "$work/corpus.txt" tiny
# A LoRA of every module: the merged model, the adapter and the trace.
check lora "$work/corpus.txt" tiny --method lora --lora-r 4 --lora-targets c_attn,c_proj,c_fc
# A BPE job on prompt/completion JSONL (the loss on the completions), by LoRA.
check bpe-lora "$work/examples.jsonl" tiny-bpe --tokenizer swarm/tokenizer/testdata/tiny-tokenizer.json \
	--seq 32 --method lora --lora-r 4 --lora-targets c_attn,c_proj,c_fc
exit "$fail"
