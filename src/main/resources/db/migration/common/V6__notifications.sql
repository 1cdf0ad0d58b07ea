-- The notification outbox: webhook deliveries and Slack approval messages, written in the same
-- transaction as the transition they tell of, delivered afterwards (at least once) by any replica.
create table notification (
    id              uuid          not null primary key,
    operation_id    uuid          not null,
    kind            varchar(16)   not null,
    target          varchar(2048) not null,
    payload         varchar(1000000) not null,
    created_at      timestamp(6) with time zone not null,
    next_attempt_at timestamp(6) with time zone not null,
    attempts        integer       not null,
    lease_until     timestamp(6) with time zone,
    delivered_at    timestamp(6) with time zone,
    abandoned_at    timestamp(6) with time zone,
    last_error      varchar(200)
);

-- due deliveries by time (delivered and abandoned rows are skipped by the query's conditions)
create index ix_notification_due on notification (next_attempt_at);
create index ix_notification_operation on notification (operation_id);
