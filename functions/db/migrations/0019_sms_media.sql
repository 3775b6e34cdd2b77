-- Photos, voice notes and documents sent to the hotline by MMS or WhatsApp. The webhook records
-- each item here in the same transaction as its message, as durable work; a job fetches it from
-- Twilio, cleans it in the media workers, stores it encrypted with the conversation's data key,
-- and deletes it from Twilio. Deleting the message (or its conversation, by retention) deletes
-- the media with it, and the conversation's key with it makes any copy unreadable.
create table sms_media (
  id uuid primary key,
  message_id uuid not null references sms_messages (id) on delete cascade,
  conversation_id uuid not null references conversations (id) on delete cascade,
  -- Its place in the message (MediaUrl0..9).
  position smallint not null check (position between 0 and 9),
  account_sid text not null,
  message_sid text not null,
  media_sid text not null unique,
  -- What Twilio said it is; never trusted: the bytes are sniffed.
  declared_type text,
  state text not null default 'pending'
    check (state in ('pending', 'fetching', 'stored', 'refused', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  -- What the cleaner found and kept: 'image', 'audio' or 'document'.
  kind text check (kind in ('image', 'audio', 'document')),
  media_type text,
  byte_size integer,
  content bytea,
  -- Twilio keeps media until it is deleted; until this is set, it is still there.
  twilio_deleted_at timestamptz,
  delete_attempts integer not null default 0,
  next_delete_at timestamptz,
  delete_error text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index sms_media_due_idx on sms_media (state, next_attempt_at);
create index sms_media_delete_idx on sms_media (next_delete_at) where twilio_deleted_at is null;
create index sms_media_message_idx on sms_media (message_id, position);
create index sms_media_conversation_idx on sms_media (conversation_id);

-- WhatsApp templates: outside the 24-hour window a business may send only a template approved by
-- WhatsApp, named by its Twilio Content SID; its variables are encrypted like the body.
alter table outbox add column content_sid text;
alter table outbox add column content_variables bytea;

-- Photos and voice notes "sent" from the training simulator's phones: held here, encrypted, until
-- the media job fetches them through the simulator's stand-in of Twilio's Media resource and
-- deletes them, exactly as it does with Twilio.
create table simulator_media (
  sid text primary key,
  message_sid text not null,
  content_type text not null,
  content bytea not null,
  created_at timestamptz not null
);
