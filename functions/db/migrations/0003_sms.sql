-- SMS and WhatsApp conversations. A conversation is found by a keyed hash of the sender's number;
-- the number itself is kept only encrypted (it is needed to reply), with the conversation's own
-- data key, which is stored wrapped by the master key.
create table conversations (
  id uuid primary key,
  sender_hash bytea not null unique,
  channel text not null check (channel in ('sms', 'whatsapp')),
  wrapped_key bytea not null,
  sender bytea not null,
  lang text,
  lang_confirmed boolean not null default false,
  country text,
  opted_out boolean not null default false,
  priority text not null default 'standard' check (priority in ('emergency', 'urgent', 'standard', 'noise')),
  minor boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sms_messages (
  id uuid primary key,
  conversation_id uuid not null references conversations (id) on delete cascade,
  direction text not null check (direction in ('in', 'out')),
  -- Twilio's id: inbound retries with the same MessageSid are processed once.
  message_sid text unique,
  body bytea not null,
  priority text,
  reasons text[] not null default '{}',
  status text not null,
  error_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sms_messages_conversation_idx on sms_messages (conversation_id, created_at);

-- Transactional outbox: a reply or alert is written in the same transaction as what caused it,
-- then sent through Twilio's REST API by whichever app node claims it, with retries and backoff.
create table outbox (
  id uuid primary key,
  kind text not null check (kind in ('reply', 'alert')),
  conversation_id uuid references conversations (id) on delete cascade,
  message_id uuid references sms_messages (id) on delete cascade,
  wrapped_key bytea not null,
  recipient bytea not null,
  body bytea not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  provider_sid text unique,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index outbox_due_idx on outbox (status, next_attempt_at);
