#!/usr/bin/env bash
# The fuzz step: every FuzzXxx target of the packages that parse outside
# bytes runs for FUZZTIME (10s; the API's FUZZTIME_DB, 15s) with go's
# fuzzing engine, from its committed and f.Add seeds; any failure (a
# panic, a broken property, a hang past the timeout) fails the step, its
# input written by the engine to the package's testdata/fuzz/FuzzXxx/,
# which is where a regression seed is committed once the crash is fixed.
# Prints a line per target as it ends: the seconds it ran, its executions
# and the result. `go test -fuzz` takes one target of one package at a time, so
# each package's instrumented test binary is built once and run per target.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
# The API's targets start a PostgreSQL in each fuzzing process first
# (several seconds on a loaded machine): they get longer.
fuzztime_db=${FUZZTIME_DB:-15s}
packages=(./swarm/train ./swarm/model ./swarm/noloco ./swarm/verde ./market ./api)
work=$(mktemp -d "${TMPDIR:-/tmp}/axl-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
# A corpus of this run's own: the engine first replays every input it
# kept, so a corpus that grew over runs would eat a short step's time.
cache=$work/corpus
status=0
printf '%-26s %-14s %7s %9s  %s\n' target package seconds execs result
for pkg in "${packages[@]}"; do
	importpath=$(go list "$pkg")
	bin="$work/$(basename "$pkg").test"
	t=$fuzztime
	[ "$pkg" != ./api ] || t=$fuzztime_db
	go test -c -fuzz 'Fuzz' -o "$bin" "$pkg"
	for target in $(cd "$pkg" && "$bin" -test.list '^Fuzz'); do
		start=$(date +%s)
		result=ok
		for try in 1 2; do
			set +e
			# Minimization is off: in a run this short it would take the
			# time of the fuzzing itself. A crash's input is written as found.
			(cd "$pkg" && "$bin" -test.run '^$' -test.fuzz "^${target}\$" -test.fuzztime "$t" \
				-test.fuzzminimizetime 0 -test.fuzzcachedir "$cache/$importpath" -test.timeout 3m) >"$work/log" 2>&1
			rc=$?
			set -e
			[ "$rc" -ne 0 ] || break
			# The engine itself can fail a run with no input at fault, when a
			# worker on a loaded machine answers its coordinator after the
			# deadline: that run is tried once more. Anything else fails.
			if [ "$try" -eq 1 ] && grep -q 'context deadline exceeded' "$work/log" && ! grep -q 'Failing input written' "$work/log"; then
				result="ok (rerun: the engine's own deadline error)"
				continue
			fi
			result=FAIL
			status=1
			cat "$work/log"
			break
		done
		execs=$(grep -o 'execs: [0-9]*' "$work/log" | tail -1 | cut -d' ' -f2 || true)
		line=$(printf '%-26s %-14s %7s %9s  %s' "$target" "${pkg#./}" "$(($(date +%s) - start))" "${execs:-0}" "$result")
		echo "$line"
	done
done
exit "$status"
