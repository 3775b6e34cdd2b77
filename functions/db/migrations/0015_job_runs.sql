-- Background jobs, seen from every node: one row per job (node '' for a job the cluster runs once
-- at a time, the node's id for a job every node runs for itself). A node takes a cluster job by
-- setting its lease in one UPDATE on the row; another node finds the lease held and skips it, and
-- a node that died mid-run lets its lease run out.
create table job_runs (
  name text not null,
  node text not null default '',
  interval_seconds integer not null check (interval_seconds > 0),
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_duration_ms integer,
  -- What failed, by kind (an error name and code, never its payload).
  last_error text,
  last_error_at timestamptz,
  runs bigint not null default 0,
  failures bigint not null default 0,
  running_on text,
  lease_until timestamptz,
  run_requested_at timestamptz,
  primary key (name, node)
);
