-- Fills the current schema (search_path) with :n finished operations and :events events each, plus
-- :active operations still running (so that the due-work query has something to find). One
-- INSERT ... SELECT per table. Names are spread over 20 subscriptions, 500 resource groups and
-- 5,000 sites, spelt in mixed case as callers do; dates over the two years before now.
--   psql -v n=1000000 -v events=6 -v active=20 -f bench/seed-operations.sql   (bench/seed-operations.sh does it)
\set ON_ERROR_STOP on
\timing on

insert into swap_operation (
    id, subscription_id, resource_group, site, source_slot, target_slot, mode, preserve_vnet, state,
    active_site_key, requested_by, approved_by, reason, require_approval, approval_timeout_seconds,
    slots_changed, error_code, error_message,
    warmup_path, warmup_expected_statuses, warmup_consecutive_successes, warmup_interval_seconds, warmup_timeout_seconds,
    verification_path, verification_expected_statuses, verification_duration_seconds, verification_interval_seconds,
    verification_failure_threshold, verification_auto_rollback,
    created_at, updated_at, completed_at, state_entered_at, source_host_name, target_host_name,
    next_run_at, lease_owner, lease_until, last_runner, attempts, swap_retries, probe_streak, stuck_reported,
    swap_requested_at, version)
select gen_random_uuid(),
       '00000000-0000-0000-0000-0000000000' || lpad((s % 20)::text, 2, '0'),
       'RG-Team-' || (s / 10),
       'Site-' || s,
       'staging', 'production', 'SWAP', true,
       case when o.r < 0.90 then 'SUCCEEDED' when o.r < 0.97 then 'FAILED' when o.r < 0.99 then 'ROLLED_BACK' else 'CANCELLED' end,
       null, 'bench-seed', null, 'Release ' || g, false, 86400,
       o.r < 0.90,
       case when o.r < 0.90 then null when o.r < 0.9699 then 'WarmupFailed' when o.r < 0.97 then 'RollbackFailed'
            when o.r < 0.99 then 'VerificationFailed' else 'Cancelled' end,
       case when o.r < 0.90 then null else 'seeded failure' end,
       '/', '200', 3, 1, 300, '/', '200', 60, 5, 3, true,
       o.created, o.created + interval '4 minutes', o.created + interval '4 minutes', o.created + interval '4 minutes',
       'site-' || s || '-staging.emulator.local', 'site-' || s || '.emulator.local',
       o.created + interval '4 minutes', null, null, 'bench-seed', 0, 0, 0, false,
       o.created + interval '1 minute', 12
from generate_series(1, :n) g
cross join lateral (select g % 5000 as s) site
cross join lateral (select random() as r,
                           now() - interval '730 days' * (1 - g::float8 / :n) - interval '1 hour' as created) o;

-- still running: each on a site of its own (the unique active key), due now or within a minute
insert into swap_operation (
    id, subscription_id, resource_group, site, source_slot, target_slot, mode, preserve_vnet, state,
    active_site_key, requested_by, reason, require_approval, approval_timeout_seconds, slots_changed,
    warmup_path, warmup_expected_statuses, warmup_consecutive_successes, warmup_interval_seconds, warmup_timeout_seconds,
    verification_path, verification_expected_statuses, verification_duration_seconds, verification_interval_seconds,
    verification_failure_threshold, verification_auto_rollback,
    created_at, updated_at, state_entered_at, next_run_at, attempts, swap_retries, probe_streak, stuck_reported, version)
select gen_random_uuid(), '00000000-0000-0000-0000-000000000000', 'RG-Active', 'Active-' || g || '-' || md5(random()::text),
       'staging', 'production', 'SWAP', true, case when g % 2 = 0 then 'WARMING_UP' else 'AWAITING_APPROVAL' end,
       null, 'bench-seed', 'still running', g % 2 = 1, 86400, false,
       '/', '200', 3, 1, 300, '/', '200', 60, 5, 3, true,
       now() - interval '2 minutes', now(), now() - interval '2 minutes', now() + (g % 3 - 1) * interval '30 seconds',
       0, 0, 0, false, 3
from generate_series(1, :active) g;
update swap_operation set active_site_key = lower(subscription_id || '/' || resource_group || '/' || site)
where requested_by = 'bench-seed' and completed_at is null and active_site_key is null;

-- the history: :events events per operation, a second apart from its creation
insert into swap_event (operation_id, at, type, from_state, to_state, actor, channel, message)
select o.id, o.created_at + e * interval '1 second', case when e = 3 then 'NOTE' else 'TRANSITION' end,
       case when e = 1 then null else 'VALIDATING' end,
       case when e = 1 then 'PENDING' when e = :events then o.state else 'VALIDATING' end,
       case when e = 1 then 'bench-seed' else 'engine' end, case when e = 1 then 'API' else 'ENGINE' end,
       'seeded event ' || e
from swap_operation o
cross join generate_series(1, :events) e
where o.requested_by = 'bench-seed';

-- the counts per state (V4): fold the rows the triggers appended into one per state, as a running
-- slotswap does every 10 seconds (StateCounts), when the table exists
do $$
begin
    if to_regclass('swap_state_count') is not null then
        create temporary table folded as select state, sum(n) as n from swap_state_count group by state;
        delete from swap_state_count;
        insert into swap_state_count (state, n) select state, n from folded where n <> 0;
        drop table folded;
    end if;
end
$$;

analyze swap_operation;
analyze swap_event;
select count(*) as operations, count(active_site_key) as active from swap_operation;
select count(*) as events from swap_event;
