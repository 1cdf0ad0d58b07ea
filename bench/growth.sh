#!/usr/bin/env bash
# Does the cost of slotswap's queries stay flat as the history grows? Times each query with
# EXPLAIN (ANALYZE, BUFFERS) in each schema given (seeded by bench/seed-operations.sh), RUNS times
# after one warm-up run, and prints every plan, then a table: median execution time, the root's
# shared buffers (hit+read) and the scan nodes used.
#   bench/growth.sh bench_1k bench_1m | tee bench/results/growth-$(date +%F).txt
#   PGHOST/PGPORT/PGUSER/PGDATABASE as for psql (default 127.0.0.1:5432, postgres, test); RUNS=5
# Queries on the generated *_key columns are skipped in a schema without them (before V2); counts
# read swap_state_count, or count(*) the operations in a schema without it (before V4).
set -euo pipefail
(($# > 0)) || { echo "usage: bench/growth.sh SCHEMA..." >&2; exit 2; }
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
runs=${RUNS:-5}
table=$(mktemp)
trap 'rm -f "$table"' EXIT

q() { PGOPTIONS="-c search_path=$1" psql -qAtX -c "$2"; }

for schema in "$@"; do
  rows=$(q "$schema" "select count(*) from swap_operation")
  keys=$(q "$schema" "select count(*) from information_schema.columns where table_schema = '$schema' and table_name = 'swap_operation' and column_name = 'site_key'")
  counts=$(q "$schema" "select count(*) from pg_tables where schemaname = '$schema' and tablename = 'swap_state_count'")
  version=$(q "$schema" "select max(version) from flyway_schema_history where success")
  # an operation from the middle of the history, and its site
  IFS='|' read -r id sub rg site < <(q "$schema" "select id, subscription_id, resource_group, site from swap_operation where completed_at is not null order by created_at offset $((rows / 2)) limit 1")
  lsub=${sub,,}; lrg=${rg,,}; lsite=${site,,}
  echo "=== schema $schema: $rows operations, migrated to V$version; operation $id of $rg/$site"
  queries=(
    "get by id|select * from swap_operation where id = '$id'"
    "events of one operation|select * from swap_event where operation_id = '$id' order by id"
    "list page (no filter)|select * from swap_operation order by created_at desc offset 0 rows fetch first 20 rows only"
    "list count (no filter)|C|select coalesce(sum(n), 0) from swap_state_count"
    "list page, site by *_key|K|select * from swap_operation where subscription_key = '$lsub' and resource_group_key = '$lrg' and site_key = '$lsite' order by created_at desc offset 0 rows fetch first 20 rows only"
    "list count, site by *_key|K|select count(*) from swap_operation where subscription_key = '$lsub' and resource_group_key = '$lrg' and site_key = '$lsite'"
    "list page, group+site by *_key|K|select * from swap_operation where resource_group_key = '$lrg' and site_key = '$lsite' order by created_at desc offset 0 rows fetch first 20 rows only"
    "list page, site by lower() (today's Java)|select * from swap_operation where lower(subscription_id) = '$lsub' and lower(resource_group) = '$lrg' and lower(site) = '$lsite' order by created_at desc offset 0 rows fetch first 20 rows only"
    "list page, state=FAILED|select * from swap_operation where state = 'FAILED' order by created_at desc offset 0 rows fetch first 20 rows only"
    "list page, active=true|select * from swap_operation where active_site_key is not null order by created_at desc offset 0 rows fetch first 20 rows only"
    "due-work claim|select id, lease_owner from swap_operation where active_site_key is not null and next_run_at <= now() and (lease_until is null or lease_until < now()) order by next_run_at limit 8"
    "engine: swaps in flight (subscription)|select count(*) from swap_operation where lower(subscription_id) = lower('$sub') and id <> '$id' and swap_requested_at is not null and state in ('SWAPPING', 'ROLLING_BACK')"
    "health: overdue|select * from swap_operation where active_site_key is not null and next_run_at < now() - interval '5 minutes'"
    "health: swaps past deadline|select * from swap_operation where active_site_key is not null and state in ('SWAPPING', 'ROLLING_BACK') and state_entered_at < now() - interval '30 minutes'"
    "health: RollbackFailed 24h|select * from swap_operation where error_code = 'RollbackFailed' and completed_at > now() - interval '24 hours'"
    "actuator counts by state|C|select state, sum(n) from swap_state_count group by state"
    "audit page (events by at)|select * from swap_event order by at desc limit 20"
  )
  for entry in "${queries[@]}"; do
    label=${entry%%|*}; sql=${entry#*|}
    if [[ $sql == C\|* ]]; then
      sql=${sql#C|}
      if [[ $counts == 0 ]]; then sql=$(sed -e 's/coalesce(sum(n), 0) from swap_state_count/count(*) from swap_operation/' -e 's/sum(n) from swap_state_count/count(*) from swap_operation/' <<<"$sql"); fi
    fi
    if [[ $sql == K\|* ]]; then
      sql=${sql#K|}
      if [[ $keys == 0 ]]; then printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$schema" "$rows" "n/a" "" "(no *_key columns)" >>"$table"; continue; fi
    fi
    times=()
    for i in $(seq 0 "$runs"); do
      plan=$(q "$schema" "explain (analyze, buffers) $sql")
      ((i == 0)) && continue
      times+=("$(grep -oP 'Execution Time: \K[0-9.]+' <<<"$plan")")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    buffers=$(grep -m1 -oP 'Buffers: shared \K[^\n]*' <<<"$plan" | awk '{s=0; for (i=1;i<=NF;i++) {split($i,kv,"="); if (kv[1]=="hit"||kv[1]=="read") s+=kv[2]} print s}')
    nodes=$(grep -oP '(Parallel )?(Index Only Scan|Index Scan Backward|Index Scan|Bitmap Index Scan|Bitmap Heap Scan|Seq Scan)( using \w+)?( on \w+)?' <<<"$plan" | awk '!seen[$0]++' | paste -sd ';' | sed 's/;/; /g')
    echo "--- $label [$schema, $rows rows] median of $runs: $median ms"
    echo "$sql"
    echo "$plan"
    echo
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$schema" "$rows" "$median" "$buffers" "$nodes" >>"$table"
  done
done

echo "=== summary (median execution time of $runs runs after a warm-up; buffers = shared hit+read of the root node)"
sort -s -t$'\t' -k1,1 "$table" | awk -F'\t' -v order="$(printf '%s\n' "${queries[@]}" | cut -d'|' -f1 | paste -sd '\t')" '
  BEGIN { n = split(order, o, "\t"); for (i = 1; i <= n; i++) rank[o[i]] = i
          printf "%-42s %-12s %9s %10s %9s  %s\n", "query", "schema", "rows", "ms", "buffers", "scan nodes" }
  { line[rank[$1] * 1000 + (++k)] = sprintf("%-42s %-12s %9s %10s %9s  %s", $1, $2, $3, $4, $5, $6) }
  END { m = asorti(line, idx, "@ind_num_asc"); for (i = 1; i <= m; i++) print line[idx[i]] }'
