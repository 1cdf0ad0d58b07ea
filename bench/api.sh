#!/usr/bin/env bash
# The read API under load (issue G). The emulator in its own process (1 s swaps), a control plane
# (local profile, in-memory H2) using it, SITES (default 4) sites, each with 4 SWAP-mode swaps run to
# the end and then one PREVIEW left in AWAITING_APPROVAL: 20 stored operations, 16 terminal. Then,
# on three URLs, as dev-viewer (the GETs of /api/v1 take any role; health is open, sent the same
# header anyway): GET /api/v1/swaps/{id} (a terminal SWAP), GET /api/v1/swaps (default page: 20)
# and GET /actuator/health/liveness.
#   a. throughput: wrk -t2 -c32, a WARMUP_S (10) warm-up on each URL, then WRK_S (30) s on each.
#      Figures: rps; swaps/liveness and list/liveness. Target ≥ 0.6 each.
#   b. latency at a constant RATE (1000) requests/s, corrected for coordinated omission
#      (bench/ApiLatency.java, HdrHistogram taken out of the jar): LAT_WARMUP_S (10) then LAT_S (30) s
#      on each URL. Figures: p50, p90, p99, p99.9, max. Target p99 ≤ 20 ms each.
#   c. the control plane after the load: VmRSS, jvm_threads_live_threads.
#   CP_ARGS: more arguments for the control plane (an A/B of a setting), e.g.
#   CP_ARGS=--management.observations.enable.spring.security=false
#   PROFILE=1: afterwards one more WRK_S wrk run per URL under JFR (not counted in the figures);
#   the recordings stay in PROFILE_DIR (default /tmp/api-jfr) and their top frames go to the results.
#   JAR=target/slotswap.jar bench/api.sh      (SITES=4 WRK_S=30 RATE=1000 LAT_S=30 MAX_LOAD=3,
#   LOAD_WAIT_S=600: how long to wait for the load to fall to MAX_LOAD before going on anyway)
# Needs wrk (installed with apt-get when missing and run as root), curl, jq, python3 and a JDK
# (the driver runs from source). Appends to bench/results/api-DATE.txt.
set -euo pipefail

if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "wrk is missing: apt-get install -y wrk" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
  else
    echo "wrk is missing: install it (sudo apt-get install -y wrk) and run again" >&2
    exit 2
  fi
fi

source "$(dirname "$0")/lib.sh"
sites=${SITES:-4}; warmup_s=${WARMUP_S:-10}; wrk_s=${WRK_S:-30}
rate=${RATE:-1000}; lat_warmup_s=${LAT_WARMUP_S:-10}; lat_s=${LAT_S:-30}
profile=${PROFILE:-0}; profile_dir=${PROFILE_DIR:-/tmp/api-jfr}
rg="rg-bench-api"; token=dev-viewer
out=$RESULTS/api-$(date -u +%F).txt
JAVA_HOME_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")

# the driver's one dependency, from the jar (micrometer-core brings it): nothing is downloaded
python3 - "$JAR" "$BENCH_TMP/HdrHistogram.jar" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar:
    name = next(n for n in jar.namelist() if n.startswith("BOOT-INF/lib/HdrHistogram-") and n.endswith(".jar"))
    open(sys.argv[2], "wb").write(jar.read(name))
EOF

wait_load "${MAX_LOAD:-3}" "${LOAD_WAIT_S:-600}" 2>&1 | tee -a "$BENCH_TMP/load"
start_emulator
read -ra cp_args <<<"${CP_ARGS:-}"
start_control_plane "${cp_args[@]}"
emu PUT /emulator/control/faults '{"swapDurationMillis":1000,"armLatencyMillis":0}' >/dev/null

# preview_and_wait RG SITE: a PREVIEW swap, polled until it awaits approval (it then stays active).
preview_and_wait() {
  local body id state
  body='{"resourceGroup":"'$1'","site":"'$2'","sourceSlot":"staging","mode":"PREVIEW","warmup":{"consecutiveSuccesses":1,"intervalSeconds":1},"verification":{"durationSeconds":0}}'
  id=$(api POST /api/v1/swaps "$body" | jq -r .id)
  for _ in $(seq 1 300); do
    state=$(api GET "/api/v1/swaps/$id" | jq -r .state)
    [[ $state == AWAITING_APPROVAL ]] && { echo "$id $state"; return 0; }
    [[ $state == SUCCEEDED || $state == FAILED || $state == CANCELLED || $state == ROLLED_BACK ]] && break
    sleep 0.2
  done
  echo "$id $state"
}

# the stored operations: the sites side by side, each one's swaps one after another
makers=()
for s in $(seq 1 "$sites"); do
  (
    site=$(new_site "$rg")
    for _ in 1 2 3 4; do
      swap_and_wait "$rg" "$site"
      echo "$SWAP_ID $SWAP_STATE"
    done
    preview_and_wait "$rg" "$site"
  ) >"$BENCH_TMP/ops-$s" &
  makers+=($!)
done
for pid in "${makers[@]}"; do wait "$pid" || true; done # (not a bare wait: lib.sh's processes are children too)
cat "$BENCH_TMP"/ops-* >"$BENCH_TMP/ops"
terminal_id=$(awk '$2 == "SUCCEEDED" { print $1; exit }' "$BENCH_TMP/ops")
[[ -n $terminal_id ]] || { echo "no swap succeeded:"; cat "$BENCH_TMP/ops"; exit 1; } >&2
stored=$(api GET '/api/v1/swaps?size=1' | jq .page.totalElements)
active=$(api GET '/api/v1/swaps?size=1&active=true' | jq .page.totalElements)

base=http://127.0.0.1:$CP_PORT
names=(swaps list liveness)
urls=("$base/api/v1/swaps/$terminal_id" "$base/api/v1/swaps" "$base/actuator/health/liveness")
for u in "${urls[@]}"; do # each answers 200 with the token, before any load
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$u")
  [[ $code == 200 ]] || { echo "$u answered $code" >&2; exit 1; }
done

{
  echo "=== api $(date -u +%FT%TZ), jar $JAR, $("$JAVA" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  machine; cat "$BENCH_TMP/load"
  echo "stored operations: $stored ($active active: PREVIEWs awaiting approval); states: $(awk '{ print $2 }' "$BENCH_TMP/ops" | sort | uniq -c | xargs)"
  echo "control plane pid $CP_PID on port $CP_PORT${CP_ARGS:+, with $CP_ARGS}; token $token; swaps = GET /api/v1/swaps/$terminal_id"
  echo "--- a. throughput: wrk -t2 -c32, ${warmup_s} s warm-up on each URL, then ${wrk_s} s on each"
} | tee -a "$out"

# wrk_run SECONDS URL: prints wrk's output
wrk_run() { wrk -t2 -c32 -d"$1"s --latency -H "Authorization: Bearer $token" "$2"; }

for i in 0 1 2; do wrk_run "$warmup_s" "${urls[$i]}" >/dev/null; done
declare -A rps
# cpu_ms PID: the process's CPU time so far (user + system, all threads), in ms
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
# busy_ms: the whole machine's busy CPU time so far (all but idle and iowait), in ms
busy_ms() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%d", ($2 + $3 + $4 + $7 + $8 + $9) * 1000 / hz }' /proc/stat; }
for i in 0 1 2; do
  cpu0=$(cpu_ms "$CP_PID"); busy0=$(busy_ms)
  wrk_run "$wrk_s" "${urls[$i]}" >"$BENCH_TMP/wrk-${names[$i]}"
  cpu1=$(cpu_ms "$CP_PID"); busy1=$(busy_ms)
  n_req=$(awk '/ requests in / { print $1; exit }' "$BENCH_TMP/wrk-${names[$i]}")
  cpu_line=$(awk -v c=$((cpu1 - cpu0)) -v b=$((busy1 - busy0)) -v n="$n_req" -v s="$wrk_s" -v cores="$(nproc)" \
    'BEGIN { printf "control plane CPU %.3f ms/request, %.0f%% of %d cores; machine busy %.0f%% (the rest: wrk and others)", c / n, 100 * c / 1000 / s / cores, cores, 100 * b / 1000 / s / cores }')
  rps[${names[$i]}]=$(awk '/^Requests\/sec:/ { print $2 }' "$BENCH_TMP/wrk-${names[$i]}")
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$BENCH_TMP/wrk-${names[$i]}")
  errors=$(grep -E '^ +Socket errors:' "$BENCH_TMP/wrk-${names[$i]}" || true)
  printf '%s\t%s rps\tnon-2xx %s\t%s\t(wrk latency, not corrected: %s)%s\tload %s\n' "${names[$i]}" "${rps[${names[$i]}]}" "${bad:-0}" "$cpu_line" \
    "$(awk '/Latency Distribution/ { on = 1; next } on && /%/ { last = /^ +99%/; sub("%", "", $1); printf "p%s %s ", $1, $2; if (last) on = 0 }' "$BENCH_TMP/wrk-${names[$i]}" | sed 's/ $//')" \
    "${errors:+; $errors}" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
met_ge() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "MISSED") }'; }
met_le() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "MISSED") }'; }
r_swaps=$(ratio "${rps[swaps]}" "${rps[liveness]}"); r_list=$(ratio "${rps[list]}" "${rps[liveness]}")
echo "ratios: swaps/liveness $r_swaps ($(met_ge "$r_swaps" 0.6)), list/liveness $r_list ($(met_ge "$r_list" 0.6)); target >= 0.6" | tee -a "$out"

echo "--- b. latency at ${rate}/s, corrected for coordinated omission (bench/ApiLatency.java, ${lat_warmup_s} s warm-up then ${lat_s} s, ms)" | tee -a "$out"
declare -A p99
for i in 0 1 2; do
  "$JAVA" -Xmx256m -cp "$BENCH_TMP/HdrHistogram.jar" "$BENCH_ROOT/bench/ApiLatency.java" \
    "${urls[$i]}" "$rate" "$lat_s" "$token" "$lat_warmup_s" >"$BENCH_TMP/lat-${names[$i]}" 2>&1 || true
  sed "s/^/${names[$i]}: /" "$BENCH_TMP/lat-${names[$i]}" | grep -v 'RESULT' | tee -a "$out"
  p99[${names[$i]}]=$(sed -n 's/^RESULT .* p99=\([0-9.]*\) .*/\1/p' "$BENCH_TMP/lat-${names[$i]}")
  [[ -n ${p99[${names[$i]}]} ]] || { echo "the driver gave no result for ${names[$i]}" | tee -a "$out" >&2; p99[${names[$i]}]=inf; }
  grep '^RESULT' "$BENCH_TMP/lat-${names[$i]}" | sed "s/^/${names[$i]}: /" >>"$out" || true
done

echo "--- c. the control plane after the load" | tee -a "$out"
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$CP_PID/status")
threads=$(curl -sS -f -H "Authorization: Bearer $token" "$base/actuator/prometheus" |
  awk '/^jvm_threads_live_threads[{ ]/ { print $NF + 0; exit }')
threads_by_state=$(curl -sS -f -H "Authorization: Bearer $token" "$base/actuator/prometheus" |
  awk '/^jvm_threads_states_threads\{/ { match($0, /state="[^"]*"/); s = substr($0, RSTART + 7, RLENGTH - 8); if ($NF + 0 > 0) printf "%s=%d ", s, $NF }')
echo "VmRSS $((rss_kb / 1024)) MB; jvm_threads_live_threads $threads (${threads_by_state% })" | tee -a "$out"

if [[ $profile == 1 ]]; then
  # top.py SAMPLES PARKS: execution samples by top frame, by library (first non-JDK frame from the
  # top), and a few markers on the stack; the request threads' blocked time (parks, monitors) by
  # its first non-JDK frame
  cat >"$BENCH_TMP/top.py" <<'EOF'
import collections, re, sys
def events(path):
    ev, stack, in_stack = {}, None, False
    for line in open(path):
        s = line.strip()
        if s.endswith("{") and not s.startswith("stackTrace"): ev, stack, in_stack = {"type": s[:-1].strip()}, [], False
        elif s.startswith("stackTrace = ["): in_stack = True
        elif in_stack and (s.startswith("]") or s == "..."): in_stack = False; ev["stack"] = stack
        elif in_stack:
            m = re.match(r"([\w$.<>]+)\(", s)
            if m: stack.append(m.group(1))
        elif s == "}": yield ev
        elif " = " in s: k, v = s.split(" = ", 1); ev[k] = v
JDK = ("java.", "jdk.", "sun.", "javax.")
LIBS = ["io.slotswap", "org.hibernate", "org.h2", "com.zaxxer.hikari", "org.springframework.security",
        "org.springframework.web", "org.springframework.boot", "org.springframework.data", "org.springframework.orm",
        "org.springframework.transaction", "org.springframework", "org.apache", "tools.jackson", "com.fasterxml.jackson",
        "io.micrometer", "io.opentelemetry", "ch.qos.logback", "org.slf4j", "io.github.resilience4j"]
def lib(stack):
    for f in stack:
        if not f.startswith(JDK): return next((l for l in LIBS if f.startswith(l)), f.rsplit(".", 2)[0])
    return "JDK only"
def pct(c, n): return "%.1f%%" % (100 * c / max(n, 1))
samples = [e["stack"] for e in events(sys.argv[1]) if e.get("stack")]
n = len(samples)
print("%d execution samples (jdk.ExecutionSample, every 10 ms per running thread)" % n)
print("  top frames (self): " + "; ".join("%s %s" % (f, pct(c, n)) for f, c in collections.Counter(st[0] for st in samples).most_common(10)))
print("  by library (first non-JDK frame from the top): " + "; ".join("%s %s" % (l, pct(c, n)) for l, c in collections.Counter(lib(st) for st in samples).most_common(12)))
marks = [("CoyoteAdapter.asyncDispatch (the DeferredResult's second dispatch)", ("CoyoteAdapter.asyncDispatch",)),
         ("OperationWaits", ("OperationWaits",)), ("DeferredResult (handler, setResult)", ("DeferredResult",)),
         ("SwapService.get", ("SwapService.get",)), ("SwapService.list", ("SwapService.list",)),
         ("Hibernate", ("org.hibernate",)), ("H2", ("org.h2",)), ("Hikari", ("com.zaxxer.hikari",)),
         ("Jackson", ("tools.jackson", "com.fasterxml.jackson")), ("Micrometer", ("io.micrometer",)),
         ("OpenTelemetry", ("io.opentelemetry",)), ("ApiTokens (bearer check)", ("ApiTokens",)),
         ("Spring Security filter chain", ("FilterChainProxy",)), ("logging", ("ch.qos.logback",)),
         ("the request thread (http-nio)", ("org.apache.tomcat.util.net.NioEndpoint$SocketProcessor",))]
print("  on the stack (inclusive): " + "; ".join("%s %s" % (k, pct(sum(1 for st in samples if any(x in f for f in st for x in v)), n)) for k, v in marks))
def under(st, x): return any(x in f for f in st)
ad = [st for st in samples if under(st, "CoyoteAdapter.asyncDispatch")]
if ad:
    w = sum(1 for st in ad if under(st, "HandlerMethodReturnValueHandlerComposite.handleReturnValue"))
    print("  the async dispatch: %s of all samples; of those, %s write the answer (return value handler: Jackson, "
          "converters), the rest the second pass through the filters and the DispatcherServlet" % (pct(len(ad), n), pct(w, len(ad))))
callers = collections.Counter()
for st in samples:
    idx = [i for i, f in enumerate(st) if f.startswith(("io.micrometer", "io.opentelemetry", "io.prometheus"))]
    if idx and idx[-1] + 1 < len(st): callers[re.sub(r"\$.*", "", st[idx[-1] + 1].rsplit(".", 1)[0].rsplit(".", 1)[-1])] += 1
print("  Micrometer/OpenTelemetry/Prometheus code, by the class calling into it: " + "; ".join(
    "%s %s" % (k, pct(v, n)) for k, v in callers.most_common(6)))
def ms(d):
    t = 0.0
    for num, unit in re.findall(r"([\d.]+)\s*(ns|us|ms|s|m|h)\b", d):
        t += float(num) * {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1e3, "m": 6e4, "h": 3.6e6}[unit]
    return t
blocked, count = collections.Counter(), collections.Counter()
for e in events(sys.argv[2]):
    st = e.get("stack") or []
    if "-exec-" not in e.get("eventThread", "") or any("getTask" in f for f in st): continue  # request threads, not idle
    where = next((f for f in st if not f.startswith(JDK)), st[0] if st else "?")
    key = "%s %s" % (e["type"].replace("jdk.", ""), where)
    blocked[key] += ms(e.get("duration", "0 ms")); count[key] += 1
print("  request threads blocked (ThreadPark, JavaMonitorEnter >= 10 ms, not idle; by first non-JDK frame): " + ("; ".join(
    "%s %d x %.0f ms" % (k, count[k], v) for k, v in blocked.most_common(6)) or "none"))
EOF
  mkdir -p "$profile_dir"
  # whole stacks (the default 64 frames cut Spring's request stacks off above the request thread's
  # own frames); only possible before the first recording of the process
  "$JAVA_HOME_BIN/jcmd" "$CP_PID" JFR.configure stackdepth=256 >/dev/null
  echo "--- profile: one more ${wrk_s} s wrk run per URL under JFR (settings=profile, stackdepth=256), files in $profile_dir" | tee -a "$out"
  for i in 0 1 2; do
    jfr_file=$profile_dir/api-${names[$i]}.jfr
    rm -f "$jfr_file"
    "$JAVA_HOME_BIN/jcmd" "$CP_PID" JFR.start name="api-${names[$i]}" settings=profile filename="$jfr_file" >/dev/null
    wrk_run "$wrk_s" "${urls[$i]}" >"$BENCH_TMP/wrk-jfr-${names[$i]}"
    "$JAVA_HOME_BIN/jcmd" "$CP_PID" JFR.stop name="api-${names[$i]}" >/dev/null
    echo "${names[$i]}: $(awk '/^Requests\/sec:/ { print $2 }' "$BENCH_TMP/wrk-jfr-${names[$i]}") rps under JFR" | tee -a "$out"
    "$JAVA_HOME_BIN/jfr" print --events jdk.ExecutionSample --stack-depth 200 "$jfr_file" >"$BENCH_TMP/samples"
    "$JAVA_HOME_BIN/jfr" print --events jdk.ThreadPark,jdk.JavaMonitorEnter --stack-depth 40 "$jfr_file" >"$BENCH_TMP/parks"
    python3 "$BENCH_TMP/top.py" "$BENCH_TMP/samples" "$BENCH_TMP/parks" | sed "s/^/${names[$i]}: /" | tee -a "$out"
  done
fi

{
  printf 'summary: rps swaps %s list %s liveness %s; swaps/liveness %s (%s) list/liveness %s (%s) [>= 0.6]; ' \
    "${rps[swaps]}" "${rps[list]}" "${rps[liveness]}" "$r_swaps" "$(met_ge "$r_swaps" 0.6)" "$r_list" "$(met_ge "$r_list" 0.6)"
  printf 'p99 at %s/s swaps %s ms (%s) list %s ms (%s) liveness %s ms (%s) [<= 20 ms]; ' "$rate" \
    "${p99[swaps]}" "$(met_le "${p99[swaps]}" 20)" "${p99[list]}" "$(met_le "${p99[list]}" 20)" \
    "${p99[liveness]}" "$(met_le "${p99[liveness]}" 20)"
  printf 'RSS %d MB, %s live threads; load at end: %s\n' $((rss_kb / 1024)) "$threads" "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
