-- Costs that stay flat as the history grows (H2; db/migration/postgresql has the same for PostgreSQL).
-- H2 has neither STORED generated columns nor partial indexes, hence a file of its own.
--
-- The lower-cased names the list filters compare, kept by the database itself: slotswap never
-- writes these columns (map them read-only).
alter table swap_operation add column subscription_key varchar(36) generated always as (lower(subscription_id));
alter table swap_operation add column resource_group_key varchar(90) generated always as (lower(resource_group));
alter table swap_operation add column site_key varchar(60) generated always as (lower(site));

-- the list, newest first: by subscription / group / site (any leading part of that), by site alone
-- (a caller who leaves the subscription to its default) and by state
create index ix_swap_operation_list_site on swap_operation (subscription_key, resource_group_key, site_key, created_at desc);
create index ix_swap_operation_list_site_only on swap_operation (site_key, created_at desc);
create index ix_swap_operation_list_state on swap_operation (state, created_at desc);
-- (unfiltered: V1's ix_swap_operation_created on (created_at), read backwards)

-- replaced by the key columns above: it compared the names as written, which no query does
drop index ix_swap_operation_site;

-- due work: H2 uses no index for "active_site_key IS NOT NULL" (EXPLAIN: a table scan, whatever
-- the index), and ix_swap_operation_due made it walk every finished row (their next_run_at lies in
-- the past) before the first due one. Dropped; with "active_site_key > ''" in the query, H2 finds
-- the active rows through the unique index uk_swap_operation_active_site, which no finished row
-- enters with a value.
drop index ix_swap_operation_due;

-- health: swaps past their deadline (SWAPPING and ROLLING_BACK rows are all active) go through
-- ix_swap_operation_list_state (STATE IN (...)); an index on (state, state_entered_at) makes H2
-- range-scan state_entered_at over every row instead. Recent failures by code (RollbackFailed in
-- the last 24 hours):
create index ix_swap_operation_error on swap_operation (error_code, completed_at);

-- retention: finished operations by age
create index ix_swap_operation_completed on swap_operation (completed_at);

-- the audit trail across operations, newest first
create index ix_swap_event_at on swap_event (at);

-- retention of idempotency keys by age (H2 indexes operation_id for its foreign key already)
create index ix_idempotency_key_created on idempotency_key (created_at);
