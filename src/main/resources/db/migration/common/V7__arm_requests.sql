-- Resource Manager requests made for an operation (every attempt; the API's lookups before it was
-- stored included), added by each step: slotswap_swap_arm_requests when it ends
alter table swap_operation add column arm_requests integer default 0 not null;
