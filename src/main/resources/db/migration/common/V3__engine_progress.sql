-- The engine's progress and the swap intent, as SwapOperation's embedded values (StepProgress, SwapIntent).

-- verification: probes made and the time they covered (time nobody observed does not count)
alter table swap_operation add column probes integer default 0 not null;
alter table swap_operation add column observed_millis bigint default 0 not null;
alter table swap_operation add column last_probe_at timestamp(6) with time zone;
-- a note that repeats is written once; the count follows when it stops
alter table swap_operation add column repeated_note varchar(2000);
alter table swap_operation add column note_repeats integer default 0 not null;
-- the swap: sends of the POST in this state, and when a send's answer was lost (outcome unknown)
alter table swap_operation add column swap_sends integer default 0 not null;
alter table swap_operation add column swap_answer_lost_at timestamp(6) with time zone;
-- who asked the engine to settle a stuck swap on Azure's word
alter table swap_operation add column reconcile_requested_by varchar(200);
