#!/usr/bin/env bash
# slotswap's overhead over the swap itself: the emulator in its own process with a swap that takes
# SWAP_S seconds (default 8), a control plane using it, and RUNS (default 10) SWAP-mode swaps one
# after another, each on a fresh site (warm-up 1 probe, no verification). Each swap is timed as the
# client sees it: POST /api/v1/swaps sent → the long poll (?waitSeconds=60) answers SUCCEEDED.
# Figure: median of (that time / SWAP_S); min and max too. Target ≤ 1.05.
#   JAR=target/slotswap.jar bench/overhead.sh      (RUNS=10 SWAP_S=8 MAX_LOAD=3)
# Appends to bench/results/overhead-DATE.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${RUNS:-10}; swap_s=${SWAP_S:-8}; rg=rg-bench-overhead
out=$RESULTS/overhead-$(date -u +%F).txt

wait_load "${MAX_LOAD:-3}" 2>&1 | tee -a "$BENCH_TMP/load"
start_emulator
start_control_plane
emu PUT /emulator/control/faults "{\"swapDurationMillis\":$((swap_s * 1000)),\"armLatencyMillis\":0}" >/dev/null

ratios=()
{
  echo "=== overhead $(date -u +%FT%TZ), jar $JAR, $("$JAVA" -version 2>&1 | head -1)"
  machine; cat "$BENCH_TMP/load"
  echo "swap time in the emulator: ${swap_s} s; $runs swaps, each on a fresh site"
  printf 'run\tms\tratio\tstate\tseconds: client-side phases; each state (from the operation'"'"'s transitions)\n'
} | tee -a "$out"
for i in $(seq 1 "$runs"); do
  site=$(new_site "$rg")
  swap_and_wait "$rg" "$site"
  ratio=$(awk -v ns="$SWAP_NS" -v s="$swap_s" 'BEGIN { printf "%.3f", ns / 1e9 / s }')
  ratios+=("$ratio")
  printf '%d\t%d\t%s\t%s\t%s\n' "$i" $((SWAP_NS / 1000000)) "$ratio" "$SWAP_STATE" "$SWAP_PHASES; $(state_times "$SWAP_ID")" | tee -a "$out"
  [[ $SWAP_STATE == SUCCEEDED ]] || echo "swap $SWAP_ID ended $SWAP_STATE" | tee -a "$out" >&2
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v ld="$(cut -d' ' -f1-3 /proc/loadavg)" '
  { r[NR] = $1 } END {
    m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
    printf "median %.3f  min %.3f  max %.3f  (target median <= 1.05: %s); load at end: %s\n",
      m, r[1], r[NR], m <= 1.05 ? "met" : "MISSED", ld }' | tee -a "$out"
