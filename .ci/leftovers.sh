#!/usr/bin/env bash
# Lists what a test run left behind, and fails when it left something: the
# processes that still run (PostgreSQL servers, axl and test binaries, node,
# the watchdogs of scratch directories) and the axl-* directories of the run
# whose TMPDIR was DIR (.ci/run gives each run one, so that other runs on
# the machine are not counted). A process is the run's when its TMPDIR,
# its working directory (a PostgreSQL server's is its data directory) or
# its command line lies under DIR. Zombies are not listed: they have ended,
# and wait only for an init that may never reap them. Anything else left
# in DIR is listed too, without failing.
#
# It waits up to WAIT seconds (default 30) for the watchdogs of killed test
# binaries to finish their work before it reports.
#
# Usage: bash .ci/leftovers.sh DIR [WAIT]
set -uo pipefail
dir=$(cd "${1:?usage: leftovers.sh DIR [WAIT]}" && pwd -P) || exit 2
wait=${2:-30}

# stat PID FIELD: a field of /proc/PID/stat after the command name, which
# may hold spaces: 1 is the state, 2 the parent's pid.
stat() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	set -- $s "$2"
	shift $((${!#} - 1))
	echo "$1"
}

# mine: this script's own process tree (its ancestors and descendants),
# which names DIR on command lines.
ancestors=" "
for ((p = $$; p > 1; )); do
	ancestors+="$p "
	p=$(stat "$p" 2) || break
done
mine() { # pid
	local p=$1
	while [ -n "$p" ] && [ "$p" -gt 1 ]; do
		case $ancestors in *" $p "*) return 0 ;; esac
		p=$(stat "$p" 2) || return 1
	done
	return 1
}

under() { # path
	case $1 in "$dir" | "$dir"/*) return 0 ;; esac
	return 1
}

scan() {
	procs=()
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		state=$(stat "$pid" 1) || continue
		[ "$state" != Z ] || continue
		ours=
		if grep -qzE "^TMPDIR=$dir(/|\$)" "$p/environ" 2>/dev/null; then
			ours=1
		elif cwd=$(readlink "$p/cwd" 2>/dev/null) && under "$cwd"; then
			ours=1
		elif grep -qzF "$dir" "$p/cmdline" 2>/dev/null; then
			ours=1
		fi
		[ -n "$ours" ] && ! mine "$pid" && procs+=("$pid")
	done
	dirs=()
	for d in "$dir"/axl-*; do
		[ -e "$d" ] && dirs+=("$d")
	done
}

for ((i = 0; ; i++)); do
	scan
	[ ${#procs[@]} -eq 0 ] && [ ${#dirs[@]} -eq 0 ] && break
	[ "$i" -ge "$wait" ] && break
	sleep 1
done

echo "processes left running: ${#procs[@]}"
[ ${#procs[@]} -eq 0 ] || ps -o pid=,ppid=,stat=,user=,args= -p "$(IFS=,; echo "${procs[*]}")"
echo "axl-* directories left in $dir: ${#dirs[@]}"
[ ${#dirs[@]} -eq 0 ] || printf '%s\n' "${dirs[@]}"
others=$(find "$dir" -mindepth 1 -maxdepth 1 ! -name 'axl-*' 2>/dev/null)
[ -z "$others" ] || printf 'also left in %s (not counted):\n%s\n' "$dir" "$others"
[ ${#procs[@]} -eq 0 ] && [ ${#dirs[@]} -eq 0 ]
