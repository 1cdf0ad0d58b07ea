-- Keeps swap_state_count (V4) on every insert, delete and change of state of an operation.
create trigger swap_state_count_delta after insert, update, delete on swap_operation
    for each row call 'io.slotswap.store.StateCountTrigger';
