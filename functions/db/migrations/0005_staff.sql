-- Staff accounts, their sessions and one-time setup links, and the append-only audit log.
create table staff_users (
  id uuid primary key,
  email text not null unique,
  role text not null check (role in ('admin', 'supervisor', 'operator', 'partner-caseworker')),
  partner_id uuid,
  password_hash text,
  -- The TOTP secret, encrypted with the master key (context binds it to the user).
  totp_secret bytea,
  -- The last accepted TOTP time step: a code is never accepted twice.
  totp_last_step bigint not null default 0,
  active boolean not null default false,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  check (role <> 'partner-caseworker' or partner_id is not null)
);

create table setup_links (
  token_hash bytea primary key,
  user_id uuid not null references staff_users (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Sessions live in the database so that any app node can serve any request. Only a hash of the
-- cookie value is stored; `stage` is 'password' between the password and the second factor.
create table staff_sessions (
  id_hash bytea primary key,
  user_id uuid not null references staff_users (id) on delete cascade,
  stage text not null check (stage in ('password', 'full')),
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null
);
create index staff_sessions_user_idx on staff_sessions (user_id);

-- Append-only and hash-chained: each row's hash covers the previous row's hash, so editing or
-- deleting a row breaks every later link (npm run audit:verify finds the first broken one).
create table audit_log (
  seq bigserial primary key,
  at timestamptz not null,
  actor_id uuid,
  action text not null,
  subject text,
  details jsonb not null default '{}',
  prev_hash bytea not null,
  hash bytea not null
);
