#!/usr/bin/env bash
# Start-up of the packaged jar (embedded defaults: emulator + in-memory H2): process start →
# /actuator/health/readiness 200 (curl every 50 ms), and idle RSS 5 s after ready, for each variant,
# the variants taking turns so that machine noise hits them alike.
#   ./mvnw -q -DskipTests package && bench/startup.sh 3        (JAR, JAVA17, JAVA25, VARIANTS, MAX_LOAD)
# Variants (VARIANTS, space-separated, default all of them in this order):
#   jdk17                    JDK 17, java -jar slotswap.jar
#   jdk17-lazy               the same with --spring.main.lazy-initialization=true
#   jdk25                    JDK 25 on the extracted jar (java -Djarmode=tools -jar slotswap.jar extract)
#   jdk25-aot                JDK 25 + AOT cache (-XX:AOTCacheOutput training run with
#                            -Dspring.context.exit=onRefresh, then -XX:AOTCache), Spring Boot's documented way
#   jdk25-aot-unsigned       the same on a copy whose lib/ jars had their signatures removed (the JDK
#                            leaves classes of signed jars out of the cache)
#   jdk25-aot-lazy, jdk25-aot-unsigned-lazy   the two above with lazy initialization
# Run only when named: jdk17, jdk25, jdk25-aot or jdk25-aot-unsigned with -c1 appended (before any
# -lazy; e.g. jdk25-aot-c1): the JIT stops at C1 (-XX:TieredStopAtLevel=1, as the process tests run the
# jar). For the numbers only, not a recommended setting.
# Also only when named: -mem appended to any of those (after -c1, before -lazy; e.g. jdk25-aot-mem): the JVM
# sized as in the Helm chart's container (memory limit 1 GiB: -XX:MaxRAM=1g, the image's
# -XX:MaxRAMPercentage=75, and -XX:+UseSerialGC, which the JVM picks by itself in a container with less than
# 1792 MB), instead of by this 24 GiB machine (whose ergonomics pick G1 and an initial heap of 384 MB).
# Targets: the best default-configuration variant ready in ≤ 3 s and ≥ 3× faster than jdk17; idle RSS ≤ 300 MB.
# Writes bench/results/startup-DATE.txt (appends).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-${RUNS:-3}}
java17=${JAVA17:-java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
variants=(${VARIANTS:-jdk17 jdk17-lazy jdk25 jdk25-aot jdk25-aot-unsigned jdk25-aot-lazy jdk25-aot-unsigned-lazy})
out=$RESULTS/startup-$(date -u +%F).txt
lazy=--spring.main.lazy-initialization=true
work=$BENCH_TMP/work

needs() { [[ " ${variants[*]} " == *" $1"* ]]; }

# A training run: records what the application loads up to the end of refresh, and writes DIR/slotswap.aot.
train() {
  local dir=$1 t0
  t0=$(now_ns)
  "$java25" -XX:AOTCacheOutput="$dir/slotswap.aot" -Dspring.context.exit=onRefresh \
    -jar "$dir/slotswap.jar" --server.port=0 >"$dir/training.log" 2>&1 || { tail -30 "$dir/training.log" >&2; exit 1; }
  [[ -s $dir/slotswap.aot ]] || { echo "no AOT cache written in $dir" >&2; exit 1; }
  printf '  training run %s: %.0f s, cache %d MB, "Skipping ... Signed JAR" lines: %d\n' "$dir" \
    "$(awk -v ns=$(( $(now_ns) - t0 )) 'BEGIN { print ns / 1e9 }')" $(( $(stat -c %s "$dir/slotswap.aot") / 1048576 )) \
    "$(grep -c 'Signed JAR' "$dir/training.log" || true)"
}

# Removes the signature files of every signed jar in DIR/lib; prints their names.
unsign() {
  local jar
  for jar in "$1"/lib/*.jar; do
    if unzip -Z1 "$jar" | grep -E '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$' >/dev/null; then
      zip -q -d "$jar" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' >/dev/null 2>&1 || true
      basename "$jar"
    fi
  done
}

# command VARIANT PORT: sets CMD to the command line of VARIANT
command_of() {
  local variant=$1 base=${1%-lazy} args=(--server.port="$2") jvm=()
  [[ $variant == *-lazy ]] && args+=("$lazy")
  if [[ $base == *-mem ]]; then base=${base%-mem}; jvm+=(-XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -XX:+UseSerialGC); fi
  if [[ $base == *-c1 ]]; then base=${base%-c1}; jvm+=(-XX:TieredStopAtLevel=1); fi
  case $base in
    jdk17) CMD=("$java17" "${jvm[@]}" -jar "$JAR" "${args[@]}") ;;
    jdk25) CMD=("$java25" "${jvm[@]}" -jar "$work/signed/slotswap.jar" "${args[@]}") ;;
    jdk25-aot) CMD=("$java25" "${jvm[@]}" -XX:AOTCache="$work/signed/slotswap.aot" -jar "$work/signed/slotswap.jar" "${args[@]}") ;;
    jdk25-aot-unsigned) CMD=("$java25" "${jvm[@]}" -XX:AOTCache="$work/unsigned/slotswap.aot" -jar "$work/unsigned/slotswap.jar" "${args[@]}") ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
}

wait_load "${MAX_LOAD:-3}" 2>&1 | tee -a "$BENCH_TMP/load"
{
  echo "=== start-up $(date -u +%FT%TZ), jar $JAR ($(( $(stat -c %s "$JAR") / 1048576 )) MB), $runs runs per variant"
  machine; cat "$BENCH_TMP/load"
  echo "  $("$java17" -version 2>&1 | head -1) / $("$java25" -version 2>&1 | head -1)"
} | tee -a "$out"

mkdir -p "$work"
if needs jdk25; then
  "$java25" -Djarmode=tools -jar "$JAR" extract --destination "$work/signed" >/dev/null
  if needs jdk25-aot-unsigned; then
    cp -r "$work/signed" "$work/unsigned"
    echo "  signatures removed from: $(unsign "$work/unsigned" | tr '\n' ' ')" | tee -a "$out"
    train "$work/unsigned" | tee -a "$out"
  fi
  if needs jdk25-aot; then
    train "$work/signed" | tee -a "$out"
  fi
fi

printf '%-26s %4s %8s %7s %7s %6s  %s\n' variant run ready_s cpu_s rss_MB load1 "Spring's own \"Started ... in\"" | tee -a "$out"
: >"$BENCH_TMP/runs"
hz=$(getconf CLK_TCK)
for run in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    port=$(free_port)
    command_of "$variant" "$port"
    load1=$(cut -d' ' -f1 /proc/loadavg)
    start "$variant-$run" "${CMD[@]}"
    pid=$STARTED_PID; t0=$STARTED_NS
    wait_ready "$port" "$pid" 300
    ready=$(awk -v ns=$(( READY_NS - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    # CPU time (user + system, all threads) spent up to ready: less sensitive to other load than wall time
    cpu=$(awk -v hz="$hz" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$pid/stat")
    sleep 5
    rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    started=$(grep -o 'Started SlotswapApplication in [0-9.]* seconds' "$BENCH_TMP/$variant-$run.log" | grep -o '[0-9.]* s' || echo '?')
    stop "$pid"
    printf '%-26s %4d %8s %7s %7s %6s  %s\n' "$variant" "$run" "$ready" "$cpu" "$rss" "$load1" "$started" | tee -a "$out"
    printf '%s %s %s %s\n' "$variant" "$ready" "$rss" "$cpu" >>"$BENCH_TMP/runs"
  done
done

# How much of what a start-up loads came from the cache (one untimed run per AOT variant).
for variant in "${variants[@]}"; do
  [[ $variant == *aot* && $variant != *-lazy ]] || continue
  port=$(free_port)
  command_of "$variant" "$port"
  start "$variant-classes" "${CMD[0]}" -Xlog:class+load=info:file="$BENCH_TMP/$variant-classes.txt" "${CMD[@]:1}"
  wait_ready "$port" "$STARTED_PID" 300
  stop "$STARTED_PID"
  printf '  %s: %d of %d classes loaded up to ready came from the AOT cache\n' "$variant" \
    "$(grep -c 'source: shared objects file' "$BENCH_TMP/$variant-classes.txt" || true)" \
    "$(grep -c 'source:' "$BENCH_TMP/$variant-classes.txt" || true)" | tee -a "$out"
done

echo "median per variant: ready, CPU to ready, idle RSS; times faster than jdk17 (wall; CPU):" | tee -a "$out"
awk -v order="${variants[*]}" '
  function median(list,   a, n) { n = split(list, a, " "); asort(a); return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { ready[$1] = ready[$1] " " $2; rss[$1] = rss[$1] " " $3; cpu[$1] = cpu[$1] " " $4 }
  END {
    n = split(order, v, " "); base = median(ready["jdk17"]); cbase = median(cpu["jdk17"])
    for (i = 1; i <= n; i++) {
      r = median(ready[v[i]]); c = median(cpu[v[i]]); m = median(rss[v[i]])
      printf "  %-26s %6.2f s %5.1f s CPU %5.0f MB  %s  (<= 3 s: %s, >= 3x: %s, RSS <= 300 MB: %s)\n", v[i], r, c, m,
        base ? sprintf("%4.2fx; %4.2fx", base / r, cbase / c) : "", r <= 3 ? "met" : "missed",
        base && base / r >= 3 ? "met" : "missed", m <= 300 ? "met" : "missed"
    }
  }' "$BENCH_TMP/runs" | tee -a "$out"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
