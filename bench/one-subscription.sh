#!/usr/bin/env bash
# N (default 1000) swaps in one subscription against Resource Manager's throttling. The emulator runs
# in its own process with its armBudget fault on at Azure's published figures (per subscription:
# reads 250 burst + 25/s, writes 200 burst + 10/s, answered 429 past them), a swap that takes SWAP_S
# seconds (default 10: with a tiny swap time the floor would be the budget's alone either way; with
# 10 s the swap time is there too, and the floor is never below SWAP_S) and a swap thread per site. A
# control plane (local profile, in-memory H2) uses it with slotswap's own budget at its shipped
# defaults (slotswap.azure.budget: the same figures, max-wait 10s). One setting differs from the
# shipped ones, and must: the API's rate limit on POSTs per principal (60 a minute) is raised to
# N + 100, since every POST comes from dev-operator. The N sites are created in parallel before
# anything is timed (the control API spends no ARM budget); then all N POST /api/v1/swaps go out at
# once, P (default 32) at a time; the API reads two slots (4 requests) before it answers, so it may
# answer 503 + Retry-After when the budget has no token within max-wait: such a POST is sent again
# after Retry-After, and counted. SWAP mode, warm-up 1 probe, no verification.
# Figures:
#   - 429s received by slotswap: slotswap_arm_requests_seconds_count{status="429"} (every attempt),
#     and the emulator's own count (GET /emulator/control/stats: armBudgetThrottledReads/Writes).
#     Target 0.
#   - wall time (first POST sent -> last completedAt) / the floor the budget allows for the calls
#     made. The calls are those counted by slotswap_arm_requests_seconds_count during the run, split
#     into reads R (GET) and writes W (POST, PUT, ...). Each bucket starts full (burst B) and refills
#     at rate r, so spending C calls takes at least (C - B) / r seconds; both buckets refill at once,
#     so the floor is max((R - 250) / 25, (W - 200) / 10), and never below SWAP_S. Target <= 1.2.
#   The floor is of the calls actually made: fewer calls per swap lower it too (see
#   bench/calls-per-swap.sh), which this ratio does not show; both are printed.
#   JAR=target/slotswap.jar bench/one-subscription.sh   (N=1000 SWAP_S=10 P=32 MAX_LOAD=4 TIMEOUT_S=1800)
# PROFILE=1 records JFR on the control plane (first 120 s) and two thread dumps, into
# ${PROF_DIR:-/tmp}/one-subscription-DATE-PID.*.
# Appends to bench/results/one-subscription-DATE.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
n=${N:-1000}; swap_s=${SWAP_S:-10}; par=${P:-32}; timeout_s=${TIMEOUT_S:-1800}
rg="rg-bench-onesub"; run=$(date -u +%H%M%S)
# not the default subscription (nothing else, such as the azure health check, spends its budget)
sub=11111111-0000-4000-8000-000000000001
out=$RESULTS/one-subscription-$(date -u +%F).txt
prof=${PROF_DIR:-/tmp}/one-subscription-$(date -u +%F)-$$

wait_load "${MAX_LOAD:-4}" 2>&1 | tee -a "$BENCH_TMP/load"
start_emulator --slotswap.emulator.swap-threads=$((n + 16))
# CP_ARGS: more arguments for the control plane (experiments; empty for the figures)
# shellcheck disable=SC2086 # split on purpose
start_control_plane --slotswap.security.rate-limit.requests=$((n + 100)) ${CP_ARGS:-}
emu PUT /emulator/control/faults "{\"swapDurationMillis\":$((swap_s * 1000)),\"armLatencyMillis\":0,
  \"armBudget\":{\"readsPerSecond\":25,\"readBurst\":250,\"writesPerSecond\":10,\"writeBurst\":200}}" >/dev/null

export EMU_PORT CP_PORT rg run sub BENCH_TMP
# shellcheck disable=SC2016 # expanded by the inner bash
seq 0 $((n - 1)) | xargs -P "$par" -n 1 bash -c '
  s=b$run-$1; e="http://127.0.0.1:$EMU_PORT/emulator/control/sites/$rg/$s"
  curl -sSf -o /dev/null -X PUT -H "Content-Type: application/json" --data "{\"slots\":[\"staging\"],\"appSettings\":{},\"stickyAppSettings\":[]}" "$e" &&
  curl -sSf -o /dev/null -X PUT -H "Content-Type: application/json" --data "{\"version\":\"1.0.0\",\"healthy\":true}" "$e/slots/production/build" &&
  curl -sSf -o /dev/null -X PUT -H "Content-Type: application/json" --data "{\"version\":\"1.1.0\",\"healthy\":true}" "$e/slots/staging/build"' _
echo "$n sites created" >&2

# one POST, sent again after Retry-After when answered 429 or 503: prints "i http-code tries id"
cat >"$BENCH_TMP/post.sh" <<'EOF'
i=$1; tries=0
body='{"subscriptionId":"'$sub'","resourceGroup":"'$rg'","site":"b'$run-$i'","sourceSlot":"staging","mode":"SWAP","warmup":{"consecutiveSuccesses":1,"intervalSeconds":1},"verification":{"durationSeconds":0}}'
while :; do
  tries=$((tries + 1))
  resp=$(curl -sS -D "$BENCH_TMP/h.$i" -w '\n%{http_code}' -X POST -H 'Authorization: Bearer dev-operator' \
    -H 'Content-Type: application/json' --data "$body" "http://127.0.0.1:$CP_PORT/api/v1/swaps" || echo $'\n000')
  code=${resp##*$'\n'}
  if [[ $code == 429 || $code == 503 ]] && ((tries < 100)); then
    ra=$(awk 'tolower($1) == "retry-after:" { print $2 + 0 }' "$BENCH_TMP/h.$i"); sleep "${ra:-1}"; continue
  fi
  echo "$i $code $tries $(jq -r '.id // empty' <<<"${resp%$'\n'*}" 2>/dev/null)"; break
done
EOF

metrics() { curl -sS -f --max-time 5 -H 'Authorization: Bearer dev-viewer' "http://127.0.0.1:$CP_PORT/actuator/prometheus"; }
# "operation status<TAB>count" of slotswap_arm_requests_seconds_count
arm_by_status() {
  metrics | awk '/^slotswap_arm_requests_seconds_count\{/ {
      match($0, /operation="[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12)
      match($0, /status="[^"]*"/); st = substr($0, RSTART + 8, RLENGTH - 9)
      n[op " " st] += $NF } END { for (k in n) printf "%s\t%d\n", k, n[k] }' | sort
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
arm_by_status >"$BENCH_TMP/arm-before"
steps >"$BENCH_TMP/steps-before"
arm_time >"$BENCH_TMP/armt-before"
emu DELETE /emulator/control/stats >/dev/null
if [[ ${PROFILE:-0} == 1 ]]; then
  jcmd "$CP_PID" JFR.start name=onesub settings=profile duration=120s filename="$prof.jfr" >/dev/null
  ( sleep 20; jcmd "$CP_PID" Thread.print >"$prof.threads-1.txt" 2>&1
    sleep 60; jcmd "$CP_PID" Thread.print >"$prof.threads-2.txt" 2>&1 ) &
  BENCH_PIDS+=("$!")
fi

cpu0_cp=$(cpu_s "$CP_PID"); cpu0_emu=$(cpu_s "$EMU_PID")
t0=$(now_ns)
seq 0 $((n - 1)) | xargs -P "$par" -n 1 bash "$BENCH_TMP/post.sh" >"$BENCH_TMP/posts"
posted_ns=$(( $(now_ns) - t0 ))
echo "$(wc -l <"$BENCH_TMP/posts") POSTs answered in $((posted_ns / 1000000)) ms" >&2
timed_out=no; last_print=0
while :; do
  active=$(api GET "/api/v1/swaps?resourceGroup=$rg&active=true&size=1" | jq .page.totalElements)
  (( active == 0 )) && break
  el=$(( ($(now_ns) - t0) / 1000000000 ))
  if (( el - last_print >= 60 )); then echo "  ${el}s: $active active" >&2; last_print=$el; fi
  if (( el > timeout_s )); then timed_out=yes; break; fi
  sleep 1
done
seen_ns=$(( $(now_ns) - t0 ))
cpu_cp=$(awk -v a="$cpu0_cp" -v b="$(cpu_s "$CP_PID")" 'BEGIN { printf "%.1f", b - a }')
cpu_emu=$(awk -v a="$cpu0_emu" -v b="$(cpu_s "$EMU_PID")" 'BEGIN { printf "%.1f", b - a }')
steps >"$BENCH_TMP/steps-after"
arm_time >"$BENCH_TMP/armt-after"
arm_by_status >"$BENCH_TMP/arm-after"
emu GET /emulator/control/stats >"$BENCH_TMP/emu-stats"

pages=$(( (n + 99) / 100 ))
for p in $(seq 0 $((pages - 1))); do
  api GET "/api/v1/swaps?resourceGroup=$rg&size=100&page=$p" | jq -r '.content[] | [.id, .state, .createdAt, (.completedAt // "")] | @tsv'
done | sort -u >"$BENCH_TMP/ops"
last_completed=$(cut -f4 "$BENCH_TMP/ops" | sort | tail -1)
wall_s=$(python3 -c '
import sys
from datetime import datetime
t0 = int(sys.argv[1]) / 1e9; last = sys.argv[2]
print("%.2f" % (datetime.fromisoformat(last.replace("Z", "+00:00")).timestamp() - t0) if last else "nan")' "$t0" "$last_completed")
# completions per minute since the first POST (the budget's pace)
pace=$(cut -f4 "$BENCH_TMP/ops" | grep . | python3 -c '
import sys
from datetime import datetime
t0 = int(sys.argv[1]) / 1e9; per = {}
for line in sys.stdin:
    m = int((datetime.fromisoformat(line.strip().replace("Z", "+00:00")).timestamp() - t0) // 60)
    per[m] = per.get(m, 0) + 1
print(" ".join("%d:%d" % (m, per[m]) for m in sorted(per)))' "$t0")
{
  echo "=== one subscription $(date -u +%FT%TZ), jar $JAR, $("$JAVA" -version 2>&1 | head -1)"
  machine; cat "$BENCH_TMP/load"
  echo "N=$n swaps in subscription $sub, swap ${swap_s} s, emulator armBudget reads 250+25/s writes 200+10/s; slotswap budget: shipped defaults (the same, max-wait 10s); POSTs $par at a time; rate-limit.requests=$((n + 100))${CP_ARGS:+; CP_ARGS: $CP_ARGS}"
  echo "POSTs: $(awk '{ c[$2]++ } END { for (k in c) printf "%s x%d ", k, c[k] }' "$BENCH_TMP/posts"); answered 503/429 and sent again: $(awk '{ r += $3 - 1 } END { print r + 0 }' "$BENCH_TMP/posts"); all answered after $((posted_ns / 1000000)) ms"
  echo "states: $(cut -f2 "$BENCH_TMP/ops" | sort | uniq -c | awk '{ printf "%s=%d ", $2, $1 }')(of $(wc -l <"$BENCH_TMP/ops") operations)"
  if [[ $timed_out == yes ]]; then echo "TIMED OUT: operations still active after ${timeout_s} s (TIMEOUT_S); the figures are of what was done by then"; fi
  echo "completed per minute since the first POST (minute:count): $pace"
  echo "Resource Manager requests (each attempt) during the run, by status:"
  join -t $'\t' -a 1 -a 2 -e 0 -o 0,1.2,2.2 "$BENCH_TMP/arm-before" "$BENCH_TMP/arm-after" |
    awk -F'\t' -v n="$n" -v s="$swap_s" -v wall="$wall_s" '
      { d = $3 - $2; if (!d) next; printf "  %-52s %8d  %6.2f per swap\n", $1, d, d / n
        if ($1 ~ /^GET /) r += d; else w += d
        if ($1 ~ / 429$/) t += d }
      END {
        fr = (r - 250) / 25; fw = (w - 200) / 10; f = fr > fw ? fr : fw; if (f < s) f = s
        printf "  reads R=%d (%.2f per swap), writes W=%d (%.2f per swap)\n", r, r / n, w, w / n
        printf "429s received by slotswap: %d: target 0: %s\n", t, t == 0 ? "met" : "MISSED"
        printf "floor = max((R-250)/25, (W-200)/10, SWAP_S) = max(%.1f, %.1f, %d) = %.1f s\n", fr, fw, s, f
        printf "wall time first POST -> last completedAt %.1f s = %.3f x the floor: target <= 1.2: %s\n", wall, wall / f, wall / f <= 1.2 ? "met" : "MISSED" }'
  echo "emulator's view: $(jq -c . "$BENCH_TMP/emu-stats")"
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
  if [[ ${PROFILE:-0} == 1 ]]; then echo "profile: $prof.jfr, $prof.threads-{1,2}.txt"; fi
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
