-- Costs that stay flat as the history grows (PostgreSQL; db/migration/h2 has the same for H2).
--
-- The lower-cased names the list filters compare, kept by the database itself: slotswap never
-- writes these columns (map them read-only). One ALTER TABLE, so the table is rewritten once.
alter table swap_operation
    add column subscription_key   varchar(36) generated always as (lower(subscription_id)) stored,
    add column resource_group_key varchar(90) generated always as (lower(resource_group)) stored,
    add column site_key           varchar(60) generated always as (lower(site)) stored;

-- the list, newest first: by subscription / group / site (any leading part of that), by site alone
-- (a caller who leaves the subscription to its default) and by state
create index ix_swap_operation_list_site on swap_operation (subscription_key, resource_group_key, site_key, created_at desc);
create index ix_swap_operation_list_site_only on swap_operation (site_key, created_at desc);
create index ix_swap_operation_list_state on swap_operation (state, created_at desc);
-- (unfiltered: V1's ix_swap_operation_created on (created_at), read backwards)

-- replaced by the key columns above: it compared the names as written, which no query does
drop index ix_swap_operation_site;

-- due work: only active rows, so that the claim query never walks the finished history
drop index ix_swap_operation_due;
create index ix_swap_operation_due_active on swap_operation (next_run_at) where active_site_key is not null;

-- health: active operations by state and since when (swaps past their deadline)...
create index ix_swap_operation_active_state on swap_operation (state, state_entered_at) where active_site_key is not null;
-- ... and recent failures by code (RollbackFailed in the last 24 hours)
create index ix_swap_operation_error on swap_operation (error_code, completed_at) where error_code is not null;

-- retention: finished operations by age
create index ix_swap_operation_completed on swap_operation (completed_at);

-- the audit trail across operations, newest first
create index ix_swap_event_at on swap_event (at);

-- retention of idempotency keys by age, and deleting an operation (its foreign key) without a scan
create index ix_idempotency_key_created on idempotency_key (created_at);
create index ix_idempotency_key_operation on idempotency_key (operation_id);
