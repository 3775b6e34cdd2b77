-- Messages the hotline "sent" while running without a Twilio account: the training simulator's
-- phones read them here. Encrypted like everything else that holds a number and a text.
create table simulator_messages (
  id uuid primary key,
  sid text not null unique,
  recipient_hash bytea not null,
  wrapped_key bytea not null,
  body bytea not null,
  created_at timestamptz not null default now()
);
create index simulator_messages_recipient_idx on simulator_messages (recipient_hash, created_at);
