-- Fixed-window rate limits. The bucket is a keyed hash (never an IP address or a receipt), and rows
-- expire within 24 hours, so the table cannot be used to track anyone.
create table rate_limits (
  bucket bytea not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (bucket, window_start)
);

create index rate_limits_window_idx on rate_limits (window_start);
