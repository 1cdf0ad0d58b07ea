#!/usr/bin/env bash
# Seeds a PostgreSQL schema for the growth benchmark: N finished operations (default 1,000,000),
# EVENTS events each (default 6) and a few active ones. The schema is created and migrated first by
# starting the packaged jar once against it (./mvnw -q -DskipTests package), as in production.
#   bench/seed-operations.sh bench_1m 1000000
#   PGHOST/PGPORT/PGUSER/PGDATABASE as for psql (default 127.0.0.1:5432, postgres, test)
#   FLYWAY_TARGET=1 bench/seed-operations.sh bench_1m_v1 1000000   # the schema before V2, to compare
set -euo pipefail
cd "$(dirname "$0")/.."
schema=${1:?usage: bench/seed-operations.sh SCHEMA [N] [EVENTS] [ACTIVE]}
n=${2:-1000000}; events=${3:-6}; active=${4:-20}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
psql -qAtc "select 1" >/dev/null

if [[ -z "$(psql -qAtc "select 1 from pg_tables where schemaname = '$schema' and tablename = 'flyway_schema_history'")" ]]; then
  echo "migrating schema $schema (starting target/slotswap.jar once)"
  log=$(mktemp)
  java -jar target/slotswap.jar --server.port=0 --spring.profiles.active=local,postgres \
    "--spring.datasource.url=jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema" \
    "--spring.datasource.username=$PGUSER" --spring.flyway.schemas="$schema" --spring.flyway.create-schemas=true \
    ${FLYWAY_TARGET:+--spring.flyway.target=$FLYWAY_TARGET} >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do grep -q "Started SlotswapApplication\|APPLICATION FAILED" "$log" && break; sleep 0.5; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  grep -q "Started SlotswapApplication" "$log" || { cat "$log"; exit 1; }
  grep -o 'now at version v[0-9]*' "$log" || true
  rm -f "$log"
fi

echo "seeding $schema: $n operations, $events events each, $active active"
PGOPTIONS="-c search_path=$schema" psql -q -v n="$n" -v events="$events" -v active="$active" -f bench/seed-operations.sql
