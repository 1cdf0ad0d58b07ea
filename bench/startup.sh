#!/usr/bin/env bash
# Start-up time of the packaged jar (embedded defaults: emulator + in-memory H2) on the JDKs given,
# alternating them so that machine noise hits both alike. Prints Spring's own "Started … in N s".
#   ./mvnw -q -DskipTests package && bench/startup.sh 3 java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
jdks=("${@:-java}")
log=$(mktemp)
for _ in $(seq 1 "$runs"); do
  for java in "${jdks[@]}"; do
    "$java" -jar target/slotswap.jar --server.port=0 >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do grep -q "Started SlotswapApplication" "$log" && break; sleep 0.5; done
    printf '%s\t%s\n' "$("$java" -version 2>&1 | head -1)" "$(grep -o 'Started SlotswapApplication in [0-9.]* seconds' "$log")"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
rm -f "$log"
