-- Keeps swap_state_count (V4) on every insert, delete and change of state of an operation.
create function swap_state_count_delta() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        insert into swap_state_count (state, n) values (old.state, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into swap_state_count (state, n) values (new.state, 1);
    end if;
    return null;
end
$$;

create trigger swap_state_count_added_or_removed after insert or delete on swap_operation
    for each row execute function swap_state_count_delta();

create trigger swap_state_count_changed after update of state on swap_operation
    for each row when (old.state is distinct from new.state) execute function swap_state_count_delta();
