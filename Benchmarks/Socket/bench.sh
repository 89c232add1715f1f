#!/usr/bin/env bash
# Throughput and latency over the Unix socket against the physical limit: the release backtalkd on the
# shipped knowledge base, then sockload's fixed-reply C server (what this machine does with no work at all),
# each with 1 and 4 closed-loop connections. Prints answers/s, p50/p99 latency and backtalkd's ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-../shared}
DURATION=${DURATION:-5}
# The daemon and knowledge base under test (another build's, to compare before and after a change).
BACKTALKD=${BACKTALKD:-.build/release/backtalkd}
KNOWLEDGE=${KNOWLEDGE:-Knowledge}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
cc -O2 -pthread -o "$WORK/sockload" "$SHARED/tools/sockload.c"
QUESTIONS=Benchmarks/Socket/questions.txt

run_load() {  # SOCKET CONNECTIONS -> "qps p50 p99"
  "$WORK/sockload" -s "$1" -q "$QUESTIONS" -c "$2" -d "$DURATION" |
    sed -E 's/.*errors=([0-9]+).*qps=([0-9]+) p50_us=([0-9]+) p90_us=[0-9]+ p99_us=([0-9]+).*/\2 \3 \4 \1/'
}
wait_for() { for _ in $(seq 1 200); do [ -S "$1" ] && return 0; sleep 0.05; done; echo "no socket at $1" >&2; exit 1; }
# The socket is bound before the model is loaded or trained: the load starts once a question is answered.
wait_answering() {
  timeout 120 python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"{\"type\":\"ask\",\"text\":\"hej\"}\n")
sys.exit(0 if s.recv(65536) else 1)' "$1" || { echo "backtalkd at $1 does not answer" >&2; exit 1; }
}

"$BACKTALKD" --knowledge "$KNOWLEDGE" --socket "$WORK/backtalk.sock" 2>/dev/null &
daemon=$!
wait_for "$WORK/backtalk.sock"; wait_answering "$WORK/backtalk.sock"
declare -A result
for c in 1 4; do result[backtalkd-$c]=$(run_load "$WORK/backtalk.sock" $c); done
kill -TERM $daemon; wait $daemon || true

"$WORK/sockload" -E "$WORK/baseline.sock" &
baseline=$!
wait_for "$WORK/baseline.sock"
for c in 1 4; do result[baseline-$c]=$(run_load "$WORK/baseline.sock" $c); done
kill $baseline

printf '%-11s %5s %12s %8s %8s %7s %s\n' server conns answers/s p50_us p99_us errors ratio
for c in 1 4; do
  read -r bq bp50 bp99 berr <<< "${result[baseline-$c]}"
  read -r q p50 p99 err <<< "${result[backtalkd-$c]}"
  printf '%-11s %5d %12d %8d %8d %7d\n' baseline "$c" "$bq" "$bp50" "$bp99" "$berr"
  printf '%-11s %5d %12d %8d %8d %7d %5.0f%%\n' backtalkd "$c" "$q" "$p50" "$p99" "$err" "$(awk "BEGIN { print 100 * $q / $bq }")"
done
