#!/usr/bin/env bash
# Zero downtime for the site's users: a steady load on the production host name of one site
# (RATE requests a second, default 50, one keep-alive connection, each answer's status and build
# recorded) while slotswap runs OPS operations back to back (default 100): a SWAP of staging into
# production, then the rollback of that swap, and again. The emulator in its own process swaps in
# SWAP_S seconds (default 1); warm-up 1 probe, no verification.
# Figures: answers that were not 2xx (target 0); changes of the build production served, per
# operation (target exactly 1: each swap and each rollback flips it once, never back and forth).
#   JAR=target/slotswap.jar bench/zero-downtime.sh      (OPS=100 RATE=50 SWAP_S=1 MAX_LOAD=3)
# Appends to bench/results/zero-downtime-DATE.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ops=${OPS:-100}; rate=${RATE:-50}; swap_s=${SWAP_S:-1}; rg="rg-bench-downtime"
out=$RESULTS/zero-downtime-$(date -u +%F).txt

wait_load "${MAX_LOAD:-3}" 2>&1 | tee -a "$BENCH_TMP/load"
start_emulator
start_control_plane
emu PUT /emulator/control/faults "{\"swapDurationMillis\":$((swap_s * 1000)),\"armLatencyMillis\":0}" >/dev/null
site=$(new_site "$rg")
host=$site.emulator.local

# the users: one request every 1/RATE s on a fixed schedule, until the stop file appears
python3 - "$EMU_PORT" "$host" "$rate" "$BENCH_TMP/stop" >"$BENCH_TMP/answers" <<'EOF' &
import http.client, json, os, sys, time
port, host, rate, stop = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
start, i = time.monotonic(), 0
while not os.path.exists(stop):
    due = start + i / rate
    delay = due - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    try:
        conn.request("GET", "/emulator/sites/%s/" % host)
        answer = conn.getresponse()
        body = answer.read()
        build = json.loads(body).get("build", "-") if answer.status == 200 else "-"
        print("%.3f\t%d\t%s" % (time.monotonic() - start, answer.status, build), flush=True)
    except Exception as e:
        print("%.3f\t0\t%s" % (time.monotonic() - start, type(e).__name__), flush=True)
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    i += 1
EOF
load_pid=$!
BENCH_PIDS+=("$load_pid")
sleep 2

swap='{"resourceGroup":"'$rg'","site":"'$site'","sourceSlot":"staging","mode":"SWAP","warmup":{"consecutiveSuccesses":1,"intervalSeconds":1},"verification":{"durationSeconds":0}}'
failed=0; last=""
t0=$(now_ns)
for i in $(seq 1 "$ops"); do
  if (( i % 2 == 1 )); then
    id=$(api POST /api/v1/swaps "$swap" | jq -r .id)
  else
    id=$(api POST "/api/v1/swaps/$last/rollback" '' | jq -r .id)
  fi
  while :; do
    op=$(api GET "/api/v1/swaps/$id?waitSeconds=60")
    [[ $(jq -r .terminal <<<"$op") == true ]] && break
  done
  state=$(jq -r .state <<<"$op")
  [[ $state == SUCCEEDED ]] || { failed=$((failed + 1)); echo "operation $i ($id) ended $state" >&2; }
  last=$id
done
wall_s=$(awk -v ns=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", ns / 1e9 }')
sleep 2
touch "$BENCH_TMP/stop"
wait "$load_pid" 2>/dev/null || true

{
  echo "=== zero downtime $(date -u +%FT%TZ), jar $JAR, $("$JAVA" -version 2>&1 | head -1)"
  machine; cat "$BENCH_TMP/load"
  echo "swap time ${swap_s} s; $ops operations back to back (swap, rollback, ...) in ${wall_s} s; $failed did not succeed"
  echo "load: $rate requests/s on http://$host/ (the emulator's /emulator/sites/$host/)"
  awk -F'\t' -v ops="$ops" '
    { n++; if ($2 < 200 || $2 > 299) bad++
      if ($3 != "-" && $3 != prev) { if (prev != "") flips++; prev = $3 }
      if (NR > 1 && $1 - t > maxgap) maxgap = $1 - t; t = $1 }
    END {
      printf "answers %d, non-2xx %d (target 0: %s); build changes %d over %d operations = %.2f per operation (target exactly 1: %s); longest gap between answers %.3f s\n",
        n, bad, bad ? "MISSED" : "met", flips, ops, flips / ops, flips == ops ? "met" : "MISSED", maxgap }' "$BENCH_TMP/answers"
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
