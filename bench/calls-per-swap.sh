#!/usr/bin/env bash
# Resource Manager requests per swap: the emulator in its own process (swap time SWAP_S, default
# 8 s), a control plane using it, RUNS (default 5) SWAP-mode swaps one after another on fresh sites
# (warm-up 1 probe, no verification). Counts every request the control plane sent (each attempt)
# from the difference of slotswap_arm_requests_seconds_count before and after, per operation shape
# and in total, and compares with the minimum: the validation's reads + one swap POST + one poll per
# Retry-After interval of the swap. Target ≤ minimum + 3. The validation reads what it checks, each
# once: the site (production, the target), the list of its slots (the source exists; no slot is
# prepared for a swap), the source's configuration (auto swap) and its app settings (Azure's warm-up
# statuses): 4. The service's own figure, slotswap_swap_arm_requests (per operation), is printed too.
#   JAR=target/slotswap.jar bench/calls-per-swap.sh      (RUNS=5 SWAP_S=8 MAX_LOAD=3)
# Appends to bench/results/calls-per-swap-DATE.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${RUNS:-5}; swap_s=${SWAP_S:-8}; rg=rg-bench-calls
out=$RESULTS/calls-per-swap-$(date -u +%F).txt
# what the emulator answers a running swap with (ArmController: Retry-After on the 202s)
retry_after=1
validation_reads=4

wait_load "${MAX_LOAD:-3}" 2>&1 | tee -a "$BENCH_TMP/load"
start_emulator
start_control_plane
emu PUT /emulator/control/faults "{\"swapDurationMillis\":$((swap_s * 1000)),\"armLatencyMillis\":0}" >/dev/null

sites=()
for _ in $(seq 1 "$runs"); do sites+=("$(new_site "$rg")"); done
# the control plane reaches Resource Manager only for swaps (and health checks): idle calls are counted too
arm_counts >"$BENCH_TMP/before"
idle_start=$(now_ns)
sleep 10
arm_counts >"$BENCH_TMP/idle"
idle_s=$(awk -v ns=$(( $(now_ns) - idle_start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
durations=()
for site in "${sites[@]}"; do
  swap_and_wait "$rg" "$site"
  [[ $SWAP_STATE == SUCCEEDED ]] || { echo "swap $SWAP_ID ended $SWAP_STATE" >&2; exit 1; }
  durations+=("$(state_times "$SWAP_ID")")
done
arm_counts >"$BENCH_TMP/after"
per_operation=$(curl -sS -f -H 'Authorization: Bearer dev-viewer' "http://127.0.0.1:$CP_PORT/actuator/prometheus" |
  awk '/^slotswap_swap_arm_requests_sum\{/ { s += $NF } /^slotswap_swap_arm_requests_count\{/ { n += $NF }
    END { if (n) printf "%.1f per operation over %d operations", s / n, n; else print "none recorded" }')

polls_min=$(( (swap_s + retry_after - 1) / retry_after ))
minimum=$(( validation_reads + 1 + polls_min ))
{
  echo "=== calls per swap $(date -u +%FT%TZ), jar $JAR, $("$JAVA" -version 2>&1 | head -1)"
  machine; cat "$BENCH_TMP/load"
  echo "swap time ${swap_s} s, Retry-After ${retry_after} s; $runs swaps, each on a fresh site"
  for d in "${durations[@]}"; do echo "  seconds in each state: $d"; done
  echo "Resource Manager requests (each attempt), idle ${idle_s} s before the swaps, then per swap:"
  printf '  %-48s %8s %10s\n' operation idle "per swap"
  join -t $'\t' -a 1 -a 2 -e 0 -o 0,1.2,2.2 "$BENCH_TMP/before" "$BENCH_TMP/idle" >"$BENCH_TMP/b-i"
  join -t $'\t' -a 1 -a 2 -e 0 -o 0,1.2,1.3,2.2 "$BENCH_TMP/b-i" "$BENCH_TMP/after" |
    awk -F'\t' -v n="$runs" -v min="$minimum" -v v="$validation_reads" -v p="$polls_min" '
      { idle = $3 - $2; per = ($4 - $3) / n; total += per; idles += idle
        if (idle || per) printf "  %-48s %8d %10.1f\n", $1, idle, per }
      END {
        printf "  %-48s %8d %10.1f\n", "total", idles, total
        printf "minimum: %d = %d validation reads (site, slot list, source configuration, source app settings) + 1 swap POST + %d polls\n", min, v, p
        printf "calls per swap %.1f, minimum %d, excess %.1f (target <= minimum + 3 = %d: %s)\n",
          total, min, total - min, min + 3, total <= min + 3 ? "met" : "MISSED" }'
  echo "slotswap_swap_arm_requests (the service's own count, the API's lookup included): $per_operation"
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
