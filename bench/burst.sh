#!/usr/bin/env bash
# A burst: N (default 1000) sites spread evenly over SUBS (default 20) subscriptions, every swap
# requested at once. The emulator runs in its own process with a swap that takes SWAP_S seconds
# (default 10) and as many swap threads as there are sites (its default, 4, would queue the swaps in
# the emulator itself); a control plane (local profile, in-memory H2, shipped settings) uses it. The
# sites are created in parallel before anything is timed. Then all N POST /api/v1/swaps go out at
# once, P (default 32) at a time (xargs -P; a POST answered 429/503 is sent again after its
# Retry-After, and counted), SWAP mode, warm-up 1 probe, no verification. The subscriptions are
# distinct subscriptionId values: the emulator serves any subscription in its ARM paths, and the
# service has no allow-list (a request's subscriptionId wins over default-subscription-id).
# One setting differs from the shipped ones, and must: the API's rate limit on POSTs per principal
# (slotswap.security.rate-limit.requests, 60 a minute) is raised to N + 100, since every POST comes
# from dev-operator.
# Figures:
#   - every swap SUCCEEDED (count by state);
#   - wall time = first POST sent -> the last operation's completedAt (the service's record, same
#     clock), divided by SWAP_S: target <= 2.0;
#   - peak live threads of the control plane (jvm_threads_live_threads sampled every second, and
#     the JVM's own jvm_threads_peak_threads at the end): target <= 100;
#   - peak heap used (sum of jvm_memory_used_bytes{area="heap"}, sampled every second): target <= 512 MB.
# Also printed: Resource Manager requests per swap (slotswap_arm_requests_seconds_count) and the
# floor that slotswap's own budget sets per subscription (as in bench/one-subscription.sh:
# max((reads - 250)/25, (writes - 200)/10) seconds for one subscription's share of the calls), and
# the seconds each swap spent in each state (median, p90, max).
# PROFILE=1 also records JFR on the control plane for the whole burst and a thread dump after
# SWAP_S/2 and 2*SWAP_S seconds, into ${PROF_DIR:-/tmp}/burst-DATE-PID.{jfr,threads-*.txt}.
#   JAR=target/slotswap.jar bench/burst.sh      (N=1000 SUBS=20 SWAP_S=10 P=32 MAX_LOAD=4 TIMEOUT_S=900)
# Appends to bench/results/burst-DATE.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
n=${N:-1000}; subs=${SUBS:-20}; swap_s=${SWAP_S:-10}; par=${P:-32}; timeout_s=${TIMEOUT_S:-900}
rg="rg-bench-burst"; run=$(date -u +%H%M%S)
out=$RESULTS/burst-$(date -u +%F).txt
prof=${PROF_DIR:-/tmp}/burst-$(date -u +%F)-$$

wait_load "${MAX_LOAD:-4}" 2>&1 | tee -a "$BENCH_TMP/load"
# the emulator with a swap thread per site
start_emulator --slotswap.emulator.swap-threads=$((n + 16))
# CP_ARGS: more arguments for the control plane (experiments; empty for the figures)
# shellcheck disable=SC2086 # split on purpose
start_control_plane --slotswap.security.rate-limit.requests=$((n + 100)) ${CP_ARGS:-}
emu PUT /emulator/control/faults "{\"swapDurationMillis\":$((swap_s * 1000)),\"armLatencyMillis\":0}" >/dev/null

export EMU_PORT CP_PORT rg run
# site i: b<run>-<i>, subscription i % SUBS
# shellcheck disable=SC2016 # expanded by the inner bash
seq 0 $((n - 1)) | xargs -P "$par" -n 1 bash -c '
  s=b$run-$1; e="http://127.0.0.1:$EMU_PORT/emulator/control/sites/$rg/$s"
  curl -sSf -o /dev/null -X PUT -H "Content-Type: application/json" --data "{\"slots\":[\"staging\"],\"appSettings\":{},\"stickyAppSettings\":[]}" "$e" &&
  curl -sSf -o /dev/null -X PUT -H "Content-Type: application/json" --data "{\"version\":\"1.0.0\",\"healthy\":true}" "$e/slots/production/build" &&
  curl -sSf -o /dev/null -X PUT -H "Content-Type: application/json" --data "{\"version\":\"1.1.0\",\"healthy\":true}" "$e/slots/staging/build"' _
echo "$n sites created" >&2
# "i subscription" per swap
seq 0 $((n - 1)) | awk -v subs="$subs" '{ s = $1 % subs; printf "%d %08d-0000-4000-8000-%012d\n", $1, s, s }' >"$BENCH_TMP/work"

# one POST, sent again after Retry-After when answered 429 or 503: prints "i http-code tries id"
cat >"$BENCH_TMP/post.sh" <<'EOF'
i=$1; sub=$2; tries=0
body='{"subscriptionId":"'$sub'","resourceGroup":"'$rg'","site":"b'$run-$i'","sourceSlot":"staging","mode":"SWAP","warmup":{"consecutiveSuccesses":1,"intervalSeconds":1},"verification":{"durationSeconds":0}}'
while :; do
  tries=$((tries + 1))
  resp=$(curl -sS -D "$BENCH_TMP/h.$i" -w '\n%{http_code}' -X POST -H 'Authorization: Bearer dev-operator' \
    -H 'Content-Type: application/json' --data "$body" "http://127.0.0.1:$CP_PORT/api/v1/swaps" || echo $'\n000')
  code=${resp##*$'\n'}
  if [[ $code == 429 || $code == 503 ]] && ((tries < 30)); then
    ra=$(awk 'tolower($1) == "retry-after:" { print $2 + 0 }' "$BENCH_TMP/h.$i"); sleep "${ra:-1}"; continue
  fi
  echo "$i $code $tries $(jq -r '.id // empty' <<<"${resp%$'\n'*}" 2>/dev/null)"; break
done
EOF
export BENCH_TMP

metrics() { curl -sS -f --max-time 5 -H 'Authorization: Bearer dev-viewer' "http://127.0.0.1:$CP_PORT/actuator/prometheus"; }
# every second: unix-ms live-threads heap-used-bytes (the sampler's own curl is not in the JVM)
sampler() {
  while :; do
    metrics 2>/dev/null | awk -v t="$(date +%s%3N)" '
      /^jvm_threads_live_threads / { live = $NF }
      /^jvm_memory_used_bytes\{/ && /area="heap"/ { heap += $NF }
      END { if (live != "") printf "%s %d %.0f\n", t, live, heap }' >>"$BENCH_TMP/samples"
    sleep 1
  done
}
# "state count seconds" of slotswap_step_duration_seconds (a step's handler, without its save)
steps() {
  metrics | awk '/^slotswap_step_duration_seconds_(count|sum)\{/ {
      match($0, /state="[^"]*"/); st = substr($0, RSTART + 7, RLENGTH - 8)
      if ($0 ~ /_count\{/) c[st] += $NF; else t[st] += $NF }
    END { for (st in c) printf "%s %d %.3f\n", st, c[st], t[st] }' | sort
}
# "count seconds" of slotswap_arm_requests_seconds over every operation and status
arm_time() {
  metrics | awk '/^slotswap_arm_requests_seconds_count\{/ { c += $NF } /^slotswap_arm_requests_seconds_sum\{/ { t += $NF }
    END { printf "%d %.3f\n", c, t }'
}
# CPU seconds (user + system, all threads) a process has used
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
arm_counts >"$BENCH_TMP/arm-before"
metrics >"$BENCH_TMP/prom-before"
started0=$(awk '/^jvm_threads_started_threads_total / { print $NF + 0 }' "$BENCH_TMP/prom-before")
peak0=$(awk '/^jvm_threads_peak_threads / { print $NF + 0 }' "$BENCH_TMP/prom-before")
live0=$(awk '/^jvm_threads_live_threads / { print $NF + 0 }' "$BENCH_TMP/prom-before")
steps >"$BENCH_TMP/steps-before"
arm_time >"$BENCH_TMP/armt-before"
sampler & sampler_pid=$!; BENCH_PIDS+=("$sampler_pid")
sleep 2
if [[ ${PROFILE:-0} == 1 ]]; then
  jcmd "$CP_PID" JFR.start name=burst settings=profile filename="$prof.jfr" >/dev/null
  ( sleep $((swap_s / 2)); jcmd "$CP_PID" Thread.print >"$prof.threads-1.txt" 2>&1
    sleep $((swap_s * 3 / 2)); jcmd "$CP_PID" Thread.print >"$prof.threads-2.txt" 2>&1 ) &
  BENCH_PIDS+=("$!")
fi

cpu0_cp=$(cpu_s "$CP_PID"); cpu0_emu=$(cpu_s "$EMU_PID")
t0=$(now_ns)
xargs -P "$par" -L 1 bash "$BENCH_TMP/post.sh" <"$BENCH_TMP/work" >"$BENCH_TMP/posts"
posted_ns=$(( $(now_ns) - t0 ))
echo "$(wc -l <"$BENCH_TMP/posts") POSTs answered in $((posted_ns / 1000000)) ms" >&2
# until none is active (or TIMEOUT_S)
timed_out=no
while :; do
  active=$(api GET "/api/v1/swaps?resourceGroup=$rg&active=true&size=1" | jq .page.totalElements)
  (( active == 0 )) && break
  if (( $(now_ns) - t0 > timeout_s * 1000000000 )); then timed_out=yes; break; fi
  sleep 0.5
done
seen_ns=$(( $(now_ns) - t0 ))
cpu_cp=$(awk -v a="$cpu0_cp" -v b="$(cpu_s "$CP_PID")" 'BEGIN { printf "%.1f", b - a }')
cpu_emu=$(awk -v a="$cpu0_emu" -v b="$(cpu_s "$EMU_PID")" 'BEGIN { printf "%.1f", b - a }')
steps >"$BENCH_TMP/steps-after"
arm_time >"$BENCH_TMP/armt-after"
if [[ ${PROFILE:-0} == 1 ]]; then jcmd "$CP_PID" JFR.stop name=burst >/dev/null || true; fi
sleep 1.5
kill "$sampler_pid" 2>/dev/null || true
arm_counts >"$BENCH_TMP/arm-after"
metrics >"$BENCH_TMP/prom-after"
peak_jvm=$(awk '/^jvm_threads_peak_threads / { print $NF + 0 }' "$BENCH_TMP/prom-after")
started=$(awk '/^jvm_threads_started_threads_total / { print $NF + 0 }' "$BENCH_TMP/prom-after")

# every operation of the run: state, createdAt, completedAt, id
pages=$(( (n + 99) / 100 ))
for p in $(seq 0 $((pages - 1))); do
  api GET "/api/v1/swaps?resourceGroup=$rg&size=100&page=$p" | jq -r '.content[] | [.id, .state, .createdAt, (.completedAt // "")] | @tsv'
done | sort -u >"$BENCH_TMP/ops"
# seconds in each state, from each operation's transitions
cut -f1 "$BENCH_TMP/ops" | xargs -P 8 -I{} curl -sS -f -H 'Authorization: Bearer dev-viewer' \
  "http://127.0.0.1:$CP_PORT/api/v1/swaps/{}/events?type=TRANSITION" | python3 -c '
import json, sys
from datetime import datetime
dec = json.JSONDecoder(); text = sys.stdin.read(); pos = 0
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
while True:
    while pos < len(text) and text[pos].isspace(): pos += 1
    if pos >= len(text): break
    ev, pos = dec.raw_decode(text, pos)
    for a, b in zip(ev, ev[1:]):
        print(a["toState"], "%.3f" % (t(b["at"]) - t(a["at"])).total_seconds())' >"$BENCH_TMP/state-secs"

last_completed=$(cut -f4 "$BENCH_TMP/ops" | sort | tail -1)
wall_s=$(python3 -c '
import sys
from datetime import datetime
t0 = int(sys.argv[1]) / 1e9; last = sys.argv[2]
print("%.2f" % (datetime.fromisoformat(last.replace("Z", "+00:00")).timestamp() - t0) if last else "nan")' "$t0" "$last_completed")
{
  echo "=== burst $(date -u +%FT%TZ), jar $JAR, $("$JAVA" -version 2>&1 | head -1)"
  machine; cat "$BENCH_TMP/load"
  echo "N=$n sites over $subs subscriptions ($((n / subs)) each), swap ${swap_s} s in the emulator (swap-threads $((n + 16))), POSTs $par at a time; control plane: shipped settings + rate-limit.requests=$((n + 100))${CP_ARGS:+; CP_ARGS: $CP_ARGS}"
  echo "POSTs: $(awk '{ c[$2]++ } END { for (k in c) printf "%s x%d ", k, c[k] }' "$BENCH_TMP/posts"); sent again after 429/503: $(awk '{ r += $3 - 1 } END { print r + 0 }' "$BENCH_TMP/posts"); all answered after $((posted_ns / 1000000)) ms"
  echo "states: $(cut -f2 "$BENCH_TMP/ops" | sort | uniq -c | awk '{ printf "%s=%d ", $2, $1 }')(of $(wc -l <"$BENCH_TMP/ops") operations)"
  if [[ $timed_out == yes ]]; then echo "TIMED OUT: operations still active after ${timeout_s} s (TIMEOUT_S); figures below are of what had ended"; fi
  echo "seconds in each state (median / p90 / max over the operations):"
  sort -k1,1 -k2,2n "$BENCH_TMP/state-secs" | awk '
    { v[$1, ++c[$1]] = $2 }
    END { for (s in c) printf "  %-12s n=%-5d %7.2f %7.2f %7.2f\n", s, c[s], v[s, int((c[s] + 1) / 2)], v[s, int(c[s] * 0.9 + 0.999)], v[s, c[s]] }' | sort
  echo "Resource Manager requests (each attempt) during the burst:"
  join -t $'\t' -a 1 -a 2 -e 0 -o 0,1.2,2.2 "$BENCH_TMP/arm-before" "$BENCH_TMP/arm-after" |
    awk -F'\t' -v n="$n" -v subs="$subs" '
      { d = $3 - $2; if (!d) next; printf "  %-48s %8d  %6.1f per swap\n", $1, d, d / n
        if ($1 ~ /^GET /) r += d; else w += d }
      END { r /= subs; w /= subs; fr = (r - 250) / 25; fw = (w - 200) / 10; if (fr < 0) fr = 0; if (fw < 0) fw = 0
        printf "  per subscription: %.0f reads, %.0f writes; floor of slotswap'"'"'s budget (250+25/s, 200+10/s): %.1f s\n", r, w, (fr > fw ? fr : fw) }'
  echo "CPU seconds from the first POST until none was active ($((seen_ns / 1000000)) ms, 2 cores = $((seen_ns / 500000000)) CPU-s available): control plane $cpu_cp, emulator $cpu_emu"
  paste -d' ' "$BENCH_TMP/armt-before" "$BENCH_TMP/armt-after" | awk '{ c = $3 - $1; t = $4 - $2
    if (c) printf "Resource Manager requests as slotswap timed them (slotswap_arm_requests_seconds, budget waits excluded): %d, mean %.1f ms\n", c, 1000 * t / c }'
  echo "engine steps (slotswap_step_duration_seconds: the handler, without claim and save), during the run:"
  join -a 1 -a 2 -e 0 -o 0,1.2,1.3,2.2,2.3 "$BENCH_TMP/steps-before" "$BENCH_TMP/steps-after" |
    awk -v workers=8 -v wall="$((seen_ns / 1000000))" '
      { c = $4 - $2; t = $5 - $3; if (!c) next; tc += c; tt += t
        printf "  %-16s %7d steps, %8.1f s, mean %6.1f ms\n", $1, c, t, 1000 * t / c }
      END { printf "  %-16s %7d steps, %8.1f s: %.1f steps/s; handler time = %.0f%% of 8 workers x wall\n", "total", tc, tt, tc / (wall / 1000), 100 * tt / (workers * wall / 1000) }'
  echo "client: all POSTs answered $((posted_ns / 1000000)) ms, none active seen at $((seen_ns / 1000000)) ms"
  # the JVM's own peak counts threads between two samples too (short-lived ones); it counts for the
  # target only if it rose during the run (its value before is the start-up's)
  awk -v jvm="$peak_jvm" -v jvm0="$peak0" -v live0="$live0" -v started="$((${started:-0} - ${started0:-0}))" '
    { if ($2 > t) t = $2; if ($3 > h) h = $3; k++ }
    END { p = jvm > jvm0 && jvm > t ? jvm : t
          printf "live threads before the run %d; sampled peak %d (%d samples); jvm_threads_peak_threads %d before the run, %d after\n", live0, t, k, jvm0, jvm
          printf "peak live threads %d: target <= 100: %s\n", p, p <= 100 ? "met" : "MISSED"
          printf "threads started during the run (jvm_threads_started_threads_total): %s\n", started
          printf "peak heap used %.0f MB: target <= 512 MB: %s\n", h / 1048576, h / 1048576 <= 512 ? "met" : "MISSED" }' "$BENCH_TMP/samples"
  awk -v w="$wall_s" -v s="$swap_s" -v ok="$(grep -c $'\tSUCCEEDED\t' "$BENCH_TMP/ops")" -v n="$n" 'BEGIN {
    printf "SUCCEEDED %d of %d: %s\n", ok, n, ok == n ? "met" : "MISSED"
    printf "wall time first POST -> last completedAt %.2f s = %.2f x the swap time: target <= 2.0: %s\n", w, w / s, w / s <= 2.0 ? "met" : "MISSED" }'
  if [[ ${PROFILE:-0} == 1 ]]; then echo "profile: $prof.jfr, $prof.threads-{1,2}.txt"; fi
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
