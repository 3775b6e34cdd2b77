-- Staff accounts have a lifecycle, and sign-in failures are budgeted rather than counted blindly.

-- An administrator deactivates an account (it cannot sign in, its sessions and pending set-up links
-- are gone) and may reactivate it. `active` keeps meaning "may sign in now": enrolled and not
-- deactivated.
alter table staff_users add column deactivated_at timestamptz;

-- The half-signed-in session (password done) allows a few codes, then ends. It also remembers which
-- known-device budget let the password through, so wrong codes are charged to that budget.
alter table staff_sessions add column code_attempts integer not null default 0;
alter table staff_sessions add column device_bucket bytea;

-- Failures per account, per client and per known device. After a few free failures, each further
-- one makes the next attempt wait for a growing delay. The bucket is a keyed hash (never an email or
-- an address); quiet rows are purged, and a completed sign-in clears the account's row.
create table sign_in_failures (
  bucket bytea primary key,
  failures integer not null,
  last_failure_at timestamptz not null,
  delayed_until timestamptz
);
create index sign_in_failures_last_idx on sign_in_failures (last_failure_at);
