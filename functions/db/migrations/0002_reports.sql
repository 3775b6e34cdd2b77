-- Anonymous reports. Nothing here identifies the reporter: no address, no device, no browser.
-- What the reporter wrote is encrypted (`payload`, message bodies, attachments) with a per-report
-- data key that is stored only wrapped by the server's master key; dropping `wrapped_key`
-- (crypto-shredding) makes the rest unreadable for good. The receipt is kept only as a keyed hash.
create table reports (
  id uuid primary key,
  receipt_hash bytea not null unique,
  idempotency_hash bytea unique,
  -- The receipt sealed with a key derived from the client's idempotency key, so that a retry of the
  -- same submission gets the same receipt back; without that key it cannot be read.
  idempotency_receipt bytea,
  locale text not null,
  status text not null default 'received'
    check (status in ('received', 'in-review', 'referred', 'closed')),
  priority text not null check (priority in ('emergency', 'urgent', 'standard', 'noise')),
  minor boolean not null default false,
  wrapped_key bytea not null,
  payload bytea not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table report_messages (
  id bigserial primary key,
  report_id uuid not null references reports (id) on delete cascade,
  author text not null check (author in ('reporter', 'staff')),
  body bytea not null,
  created_at timestamptz not null default now()
);
create index report_messages_report_idx on report_messages (report_id, id);

create table report_attachments (
  id uuid primary key,
  report_id uuid not null references reports (id) on delete cascade,
  media_type text not null,
  byte_size integer not null,
  content bytea not null,
  created_at timestamptz not null default now()
);
create index report_attachments_report_idx on report_attachments (report_id);

-- One queue for everything that needs a person: web reports and SMS conversations.
create table queue_items (
  id uuid primary key,
  source text not null check (source in ('report', 'sms')),
  source_id uuid not null,
  priority text not null check (priority in ('emergency', 'urgent', 'standard', 'noise')),
  priority_rank smallint not null,
  minor boolean not null default false,
  score integer not null default 0,
  reasons text[] not null default '{}',
  status text not null default 'waiting' check (status in ('waiting', 'claimed', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (source, source_id)
);
create index queue_items_waiting_idx on queue_items (status, priority_rank, created_at);

-- Proof-of-work challenges already spent, so a solved challenge cannot be replayed.
create table spent_challenges (
  challenge_hash bytea primary key,
  expires_at timestamptz not null
);
