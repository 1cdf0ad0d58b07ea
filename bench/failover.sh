#!/usr/bin/env bash
# Failover: two control planes (replicas A and B, profiles local,postgres) on one PostgreSQL
# database created for the run and dropped at exit (createdb/dropdb on PGHOST 127.0.0.1, user
# postgres, trust auth), and one emulator with a swap that takes SWAP_S seconds (default 40) and
# ARM_LATENCY_MS (default 400) added to every Resource Manager call: a poll step then lasts about
# that long, so that at the kill some steps are in flight (leased) and others are between steps.
# RUNS (default 10) swaps are requested from A (SWAP mode, warm-up 1 probe, no verification); once
# every one is SWAPPING and Azure has accepted it (swap_poll_url stored), the replica that ran the
# latest step of most of them is killed with SIGKILL. The other one must carry on.
# Per operation, from the moment of the kill:
#   - db:    the first time its row shows a step claimed and saved by the surviving replica (version
#            at least 2 above its value at the kill, last_runner = the survivor) or a terminal state,
#            read from the database every 100 ms;
#   - event: its first event in /api/v1/swaps/{id}/events recorded after the kill, and what it says
#            (a "Resumed …" note, or the transition to SUCCEEDED).
# At the kill each operation is either leased by the killed replica (a step in flight: its lease must
# expire first) or between two steps (free for the survivor at its next due time).
# Target: every operation progresses on the survivor within lease + 2 s (slotswap.engine.lease-duration,
# default 15s in EngineProperties: 17 s), and each swap was performed exactly once (the emulator's
# completed swaps per site).
#   JAR=target/slotswap.jar bench/failover.sh      (RUNS=10 SWAP_S=40 ARM_LATENCY_MS=400 LEASE_S=15 MAX_LOAD=4)
# Appends to bench/results/failover-DATE.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${RUNS:-10}; swap_s=${SWAP_S:-40}; lease_s=${LEASE_S:-15}; arm_ms=${ARM_LATENCY_MS:-400}
rg="rg-bench-failover"; run=$(date -u +%H%M%S)
out=$RESULTS/failover-$(date -u +%F).txt
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
db=bench_failover_$$
createdb "$db"
trap 'bench_cleanup; dropdb --if-exists "$db"' EXIT
q() { psql -d "$db" -qAtX -F '|' -c "$1"; }

wait_load "${MAX_LOAD:-4}" 2>&1 | tee -a "$BENCH_TMP/load"
start_emulator --slotswap.emulator.swap-threads=$((runs + 8))
emu PUT /emulator/control/faults "{\"swapDurationMillis\":$((swap_s * 1000)),\"armLatencyMillis\":$arm_ms}" >/dev/null

# replica NAME: sets PORT_<NAME>, PID_<NAME>
replica() {
  local port
  port=$(free_port)
  start "replica-$1" "$JAVA" -jar "$JAR" --spring.profiles.active=local,postgres --server.port="$port" \
    --slotswap.azure.resource-manager-endpoint="http://localhost:$EMU_PORT/emulator/arm" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --spring.datasource.username="$PGUSER" \
    --spring.datasource.password= --slotswap.engine.lease-duration="${lease_s}s"
  printf -v "PORT_$1" %s "$port"; printf -v "PID_$1" %s "$STARTED_PID"
}
replica A
wait_ready "$PORT_A" "$PID_A"   # A first: it migrates the database
replica B
wait_ready "$PORT_B" "$PID_B"

ids=()
for i in $(seq 1 "$runs"); do
  site=$(new_site "$rg")
  body='{"resourceGroup":"'$rg'","site":"'$site'","sourceSlot":"staging","mode":"SWAP","warmup":{"consecutiveSuccesses":1,"intervalSeconds":1},"verification":{"durationSeconds":0},"reason":"failover '$run' '$i'"}'
  ids+=("$(curl -sS -f -X POST -H 'Authorization: Bearer dev-operator' -H 'Content-Type: application/json' \
    --data "$body" "http://127.0.0.1:$PORT_A/api/v1/swaps" | jq -r .id)")
done
for _ in $(seq 1 600); do
  [[ $(q "select count(*) from swap_operation where state = 'SWAPPING' and swap_poll_url is not null") == "$runs" ]] && break
  sleep 0.2
done
# the replica that ran the latest step of most operations; owners are "PID@host/…"
IFS='|' read -r held_a held_b < <(q "select count(*) filter (where last_runner like '$PID_A@%'), count(*) filter (where last_runner like '$PID_B@%') from swap_operation")
if (( held_a >= held_b )); then victim=A; vpid=$PID_A; spid=$PID_B; else victim=B; vpid=$PID_B; spid=$PID_A; fi
survivor_port=$([[ $victim == A ]] && echo "$PORT_B" || echo "$PORT_A")
# the kill comes mid-step: within 10 s, as soon as at least half of the victim's operations have a
# step in flight there (leased), or at the end of those 10 s
want=$(( (held_a > held_b ? held_a : held_b) / 2 )); (( want > 0 )) || want=1
for _ in $(seq 1 200); do
  (( $(q "select count(*) from swap_operation where lease_owner like '$vpid@%'") >= want )) && break
  sleep 0.05
done
q "select id, state, coalesce(lease_owner, ''), coalesce(last_runner, ''), version from swap_operation" >"$BENCH_TMP/before-kill"
kill_ns=$(now_ns)
kill -9 "$vpid"
{ wait "$vpid"; } 2>/dev/null || true
kill_iso=$(date -u -d "@$((kill_ns / 1000000000)).$(printf '%09d' $((kill_ns % 1000000000)))" +%FT%T.%6NZ)
# right after the kill: what the killed replica still held (its open transactions are rolled back)
q "select id, coalesce(lease_owner, ''), coalesce(lease_until::text, ''), coalesce(last_runner, ''), version from swap_operation" >"$BENCH_TMP/at-kill"

# every 100 ms: an operation has progressed once the survivor claimed it (version + 1) and saved a step
# of its own (+ 1 more, last_runner = the survivor), or once it ended
declare -A v_kill=() progressed=()
while IFS='|' read -r id _ _ _ version; do v_kill[$id]=$version; done <"$BENCH_TMP/at-kill"
done_count=0
deadline=$(( kill_ns + (lease_s + 60) * 1000000000 ))
while (( done_count < runs )) && (( $(now_ns) < deadline )); do
  t=$(( $(now_ns) - kill_ns ))
  while IFS='|' read -r id version ended; do
    [[ -n $id && -z ${progressed[$id]:-} ]] || continue
    if [[ $ended == t ]] || (( version >= ${v_kill[$id]:-0} + 2 )); then progressed[$id]=$t; done_count=$((done_count + 1)); fi
  done < <(q "select id, version, completed_at is not null from swap_operation where last_runner like '$spid@%' or completed_at is not null")
  sleep 0.1
done
# then until every one has ended
for _ in $(seq 1 $(( (swap_s + 60) * 2 ))); do
  [[ $(q "select count(*) from swap_operation where completed_at is null") == 0 ]] && break
  sleep 0.5
done

{
  echo "=== failover $(date -u +%FT%TZ), jar $JAR, $("$JAVA" -version 2>&1 | head -1)"
  machine; cat "$BENCH_TMP/load"
  echo "database $db on $PGHOST:$PGPORT ($(q 'show server_version')), $runs swaps of ${swap_s} s requested from A, ARM latency ${arm_ms} ms, lease ${lease_s} s"
  echo "latest step of each operation before the kill: A $held_a, B $held_b; killed $victim (pid $vpid) with SIGKILL at $kill_iso"
  printf 'operation\tat the kill\tdb: survivor ran a step (s)\tevent: first after the kill (s)\tfinal\n'
} | tee -a "$out"
worst=0; worst_held=0; ok=0
for id in "${ids[@]}"; do
  IFS='|' read -r _ lease_owner lease_until last_runner _ < <(grep "^$id" "$BENCH_TMP/at-kill")
  if [[ $lease_owner == "$vpid@"* ]]; then held="leased (step in flight, until ${lease_until#* })"
  elif [[ $last_runner == "$vpid@"* ]]; then held="between steps, last run by the killed replica"
  else held="last run by the survivor (not counted)"; fi
  db_s=$(awk -v ns="${progressed[$id]:-}" 'BEGIN { if (ns == "") print "none"; else printf "%.2f", ns / 1e9 }')
  ev=$(curl -sS -f -H 'Authorization: Bearer dev-viewer' "http://127.0.0.1:$survivor_port/api/v1/swaps/$id/events" |
    python3 -c '
import json, sys
from datetime import datetime
kill = datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00"))
for e in json.load(sys.stdin):
    at = datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
    if at > kill:
        what = e["toState"] if e["type"] == "TRANSITION" else "note: " + e["message"][:70]
        print("%.2f %s" % ((at - kill).total_seconds(), what)); break
else: print("none")' "$kill_iso")
  final=$(curl -sS -f -H 'Authorization: Bearer dev-viewer' "http://127.0.0.1:$survivor_port/api/v1/swaps/$id" | jq -r .state)
  printf '%s\t%s\t%s\t%s\t%s\n' "${id:0:8}" "$held" "$db_s" "$ev" "$final" | tee -a "$out"
  [[ $final == SUCCEEDED ]] && ok=$((ok + 1))
  if [[ $held == *"not counted"* ]]; then :
  elif [[ $db_s != none ]]; then
    worst=$(awk -v a="$worst" -v b="$db_s" 'BEGIN { print (b > a ? b : a) }')
    if [[ $held == leased* ]]; then worst_held=$(awk -v a="$worst_held" -v b="$db_s" 'BEGIN { print (b > a ? b : a) }'); fi
  else worst=999; fi
done
swaps=$(emu GET /emulator/control/sites | jq --arg rg "$rg" '[.[] | select(.resourceGroup == $rg) | .swapCount] | add')
{
  echo "SUCCEEDED $ok of $runs; swaps performed by the emulator: $swaps (exactly once each: $([[ $swaps == "$runs" ]] && echo met || echo MISSED))"
  awk -v w="$worst" -v wh="$worst_held" -v l="$lease_s" 'BEGIN {
    printf "slowest progress on the survivor after the kill, of the killed replica'"'"'s operations: %.2f s (of those leased at the kill: %.2f s); target <= lease + 2 = %d s: %s\n", w, wh, l + 2, w <= l + 2 ? "met" : "MISSED" }'
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
