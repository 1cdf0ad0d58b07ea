# Shared by the bench/*.sh scripts (sourced, not run). Starts slotswap processes on free ports,
# waits for readiness, and stops every process it started when the script exits.
#   JAR   the jar to run (default target/slotswap.jar of this repository; a relative path is taken
#         from the directory the script was started in)
#   JAVA  the java to run it with (default: java on the PATH)
#   RESULTS  where the results files go (default bench/results)
# shellcheck shell=bash

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n ${JAR:-} ]]; then
  [[ $JAR = /* ]] || JAR=$PWD/$JAR
else
  JAR=$BENCH_ROOT/target/slotswap.jar
fi
JAVA=${JAVA:-java}
RESULTS=${RESULTS:-$BENCH_ROOT/bench/results}
mkdir -p "$RESULTS"
BENCH_TMP=$(mktemp -d)
BENCH_PIDS=()

[[ -f $JAR ]] || { echo "no jar at $JAR (build it: ./mvnw -q -DskipTests package, or set JAR)" >&2; exit 2; }

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
  rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# A TCP port nobody listens on, outside the ports other tools of this project use.
free_port() {
  python3 - <<'EOF'
import socket
reserved = {8080, 18080, 18081, 18082, 18777, 18778, 18779}
while True:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    if port not in reserved:
        print(port)
        break
EOF
}

now_ns() { date +%s%N; }

# start NAME JAVA_COMMAND ARG... : starts a process in the background, its output in
# $BENCH_TMP/NAME.log; sets STARTED_PID and STARTED_NS (just before the fork).
start() {
  local name=$1; shift
  STARTED_NS=$(now_ns)
  "$@" >"$BENCH_TMP/$name.log" 2>&1 &
  STARTED_PID=$!
  BENCH_PIDS+=("$STARTED_PID")
}

# wait_ready PORT PID [TIMEOUT_S]: polls /actuator/health/readiness every 50 ms until 200; sets READY_NS.
wait_ready() {
  local port=$1 pid=$2 timeout=${3:-180} deadline
  deadline=$(( $(date +%s) + timeout ))
  while :; do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" || true) == 200 ]]; then
      READY_NS=$(now_ns)
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "process $pid ended before it was ready" >&2; return 1; }
    (( $(date +%s) < deadline )) || { echo "not ready on port $port after ${timeout}s" >&2; return 1; }
    sleep 0.05
  done
}

# stop PID: SIGTERM, waits for it (SIGKILL after 20 s), and forgets it.
stop() {
  local pid=$1 kept=() p
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${BENCH_PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

# The machine, for the results file.
machine() {
  echo "host: $(hostname), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); uptime:$(uptime)"
  local commit
  commit=$(git -C "$(dirname "$JAR")" log -1 --format='%h %cI' 2>/dev/null || echo "not in a git work tree")
  echo "jar: $JAR, built $(date -u -r "$JAR" +%FT%TZ), sha256 $(sha256sum "$JAR" | cut -c1-12); HEAD of its repository: $commit"
}

# An external emulator on a free port, with more arguments if given: sets EMU_PORT, EMU_PID.
start_emulator() {
  EMU_PORT=$(free_port)
  start emulator "$JAVA" -jar "$JAR" --spring.profiles.active=emulator --server.port="$EMU_PORT" "$@"
  EMU_PID=$STARTED_PID
  wait_ready "$EMU_PORT" "$EMU_PID"
}

# A control plane (local profile, in-memory H2) using the external emulator: sets CP_PORT, CP_PID.
start_control_plane() {
  CP_PORT=$(free_port)
  start control-plane "$JAVA" -jar "$JAR" --server.port="$CP_PORT" \
    --slotswap.azure.resource-manager-endpoint="http://localhost:$EMU_PORT/emulator/arm" "$@"
  CP_PID=$STARTED_PID
  wait_ready "$CP_PORT" "$CP_PID"
}

emu() { # emu METHOD PATH [JSON]
  curl -sS -f -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "http://127.0.0.1:$EMU_PORT$2"
}

api() { # api METHOD PATH [JSON] (as dev-operator)
  curl -sS -f -X "$1" -H 'Authorization: Bearer dev-operator' -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "http://127.0.0.1:$CP_PORT$2"
}

# new_site RG: a site with a staging slot, 1.0.0 in production and a healthy 1.1.0 in staging; prints its name.
new_site() {
  local rg=$1 site
  site=bench-$(python3 -c 'import uuid; print(uuid.uuid4().hex[:8])')
  emu PUT "/emulator/control/sites/$rg/$site" '{"slots":["staging"],"appSettings":{},"stickyAppSettings":[]}' >/dev/null
  emu PUT "/emulator/control/sites/$rg/$site/slots/production/build" '{"version":"1.0.0","healthy":true}' >/dev/null
  emu PUT "/emulator/control/sites/$rg/$site/slots/staging/build" '{"version":"1.1.0","healthy":true}' >/dev/null
  echo "$site"
}

# swap_and_wait RG SITE: requests a SWAP (warm-up 1 probe, no verification) and long-polls until it
# is terminal; sets SWAP_ID, SWAP_STATE, SWAP_NS (POST sent → terminal answer received).
swap_and_wait() {
  local rg=$1 site=$2 t0 body op
  body='{"resourceGroup":"'$rg'","site":"'$site'","sourceSlot":"staging","mode":"SWAP","warmup":{"consecutiveSuccesses":1,"intervalSeconds":1},"verification":{"durationSeconds":0}}'
  t0=$(now_ns)
  SWAP_ID=$(api POST /api/v1/swaps "$body" | jq -r .id)
  SWAP_POST_NS=$(( $(now_ns) - t0 ))
  while :; do
    op=$(api GET "/api/v1/swaps/$SWAP_ID?waitSeconds=60")
    [[ $(jq -r .terminal <<<"$op") == true ]] && break
  done
  t1=$(now_ns)
  SWAP_NS=$(( t1 - t0 ))
  SWAP_STATE=$(jq -r .state <<<"$op")
  # where the time went, on this machine's clock: POST answered; createdAt → completedAt (the
  # service's own record); completedAt → the long poll's answer read by the client
  SWAP_PHASES=$(jq -r --arg t0 "$t0" --arg t1 "$t1" --arg post "$SWAP_POST_NS" '
    def s: sub("\\.(?<f>[0-9]+)Z$"; "Z") as $whole | (capture("\\.(?<f>[0-9]+)Z$").f // "0") as $f
      | ($whole | fromdateiso8601) + ("0." + $f | tonumber);
    (.createdAt | s) as $c | (.completedAt | s) as $d
    | "POST=\(($post | tonumber) / 1e9 * 100 | round / 100) created-after-send=\((($c - ($t0 | tonumber) / 1e9) * 100 | round) / 100) created-to-completed=\((($d - $c) * 100 | round) / 100) completed-to-client=\(((($t1 | tonumber) / 1e9 - $d) * 100 | round) / 100)"' <<<"$op")
}

# arm_counts: "operation<TAB>count" of slotswap_arm_requests_seconds_count, summed over status.
arm_counts() {
  curl -sS -f -H 'Authorization: Bearer dev-viewer' "http://127.0.0.1:$CP_PORT/actuator/prometheus" |
    awk '/^slotswap_arm_requests_seconds_count\{/ {
      match($0, /operation="[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12)
      n[op] += $NF } END { for (op in n) printf "%s\t%d\n", op, n[op] }' | sort
}

# wait_load MAX [WAIT_S]: waits (up to WAIT_S, default 600) for the 1-minute load average to fall to MAX.
wait_load() {
  local max=$1 waited=0 limit=${2:-600}
  while awk -v m="$max" '{ exit !($1 > m) }' /proc/loadavg && (( waited < limit )); do
    (( waited == 0 )) && echo "load $(cut -d' ' -f1-3 /proc/loadavg) > $max: waiting up to ${limit}s" >&2
    sleep 10; waited=$((waited + 10))
  done
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

# state_times ID: "STATE=seconds ..." for each state the operation passed through (from its transitions).
state_times() {
  api GET "/api/v1/swaps/$1/events?type=TRANSITION" | python3 -c '
import json, sys
from datetime import datetime
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
ev = json.load(sys.stdin)
print(" ".join("%s=%.2f" % (a["toState"], (t(b["at"]) - t(a["at"])).total_seconds()) for a, b in zip(ev, ev[1:])))'
}
