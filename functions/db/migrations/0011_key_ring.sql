-- Keys apart from the data they open, and a master key ring with ids.
--
-- Every record's data key now lives in `record_keys`, one row per record, named by the record's
-- context ('report:<id>', 'partner:<id>', ...), wrapped either by a master key (`master_key_id`) or
-- by another record's key (`parent`: a referral's key under its partner's). Ciphertext tables no
-- longer carry a wrapped key, so `npm run keys:rotate` can re-wrap every key without touching the
-- ciphertext, and a key destroyed here is gone from every later backup. A trigger destroys the key
-- row whenever its record is deleted, however the deletion happens (retention, cascades).
--
-- `master_keys` lists the master keys by id (an HMAC of a label under the key, never the key) with a
-- value sealed under each, so a start with another ENCRYPTION_KEY is refused; `key_checks` holds the
-- same kind of proof for HASH_KEY. Existing wrapped keys move over unchanged (the wrapping binds the
-- context, which keeps its old spelling) with master key id 'legacy'; the first start with keys
-- checks one of them against ENCRYPTION_KEY and then names the key.
create table master_keys (
  id text primary key,
  check_value bytea not null,
  created_at timestamptz not null default now(),
  -- Set when keys:rotate has moved every record key off this key: it may then be destroyed.
  retired_at timestamptz
);

create table key_checks (
  name text primary key,
  value bytea not null,
  created_at timestamptz not null default now()
);

create table record_keys (
  context text primary key,
  master_key_id text,
  parent text references record_keys (context) on delete cascade,
  -- A key that wraps other keys (a partner's): rotation gives it new material, not only a new
  -- wrapping, so a key row of a purged referral in an old backup opens with nothing still alive.
  wraps_keys boolean not null default false,
  wrapped_key bytea not null,
  created_at timestamptz not null default now(),
  check ((master_key_id is null) <> (parent is null))
);
create index record_keys_master_idx on record_keys (master_key_id) where master_key_id is not null;
create index record_keys_parent_idx on record_keys (parent) where parent is not null;

insert into record_keys (context, master_key_id, wraps_keys, wrapped_key, created_at)
  select 'partner:' || id, 'legacy', true, wrapped_key, created_at from partners where length(wrapped_key) > 0;
insert into record_keys (context, parent, wrapped_key, created_at)
  select 'referral:' || id, 'partner:' || partner_id, wrapped_key, created_at from referrals
  where length(wrapped_key) > 0;
insert into record_keys (context, master_key_id, wrapped_key, created_at)
  select 'report:' || id, 'legacy', wrapped_key, created_at from reports where length(wrapped_key) > 0;
insert into record_keys (context, master_key_id, wrapped_key, created_at)
  select 'conversation:' || id, 'legacy', wrapped_key, created_at from conversations
  where length(wrapped_key) > 0;
insert into record_keys (context, master_key_id, wrapped_key, created_at)
  select 'outbox:' || id, 'legacy', wrapped_key, created_at from outbox where length(wrapped_key) > 0;
insert into record_keys (context, master_key_id, wrapped_key, created_at)
  select 'simulator:' || id, 'legacy', wrapped_key, created_at from simulator_messages
  where length(wrapped_key) > 0;
insert into record_keys (context, master_key_id, wrapped_key, created_at)
  select 'note:' || id, 'legacy', wrapped_key, created_at from queue_notes where length(wrapped_key) > 0;

alter table partners drop column wrapped_key;
alter table referrals drop column wrapped_key;
alter table reports drop column wrapped_key;
alter table conversations drop column wrapped_key;
alter table outbox drop column wrapped_key;
alter table simulator_messages drop column wrapped_key;
alter table queue_notes drop column wrapped_key;

-- Staff TOTP secrets were sealed with the master key itself; the first start with keys moves each
-- onto its own record key ('staff:<id>'), so rotation has only record keys to re-wrap.

create function destroy_record_key() returns trigger language plpgsql as $$
begin
  delete from record_keys where context = tg_argv[0] || ':' || old.id::text;
  return old;
end
$$;
create trigger partners_destroy_key after delete on partners
  for each row execute function destroy_record_key('partner');
create trigger referrals_destroy_key after delete on referrals
  for each row execute function destroy_record_key('referral');
create trigger reports_destroy_key after delete on reports
  for each row execute function destroy_record_key('report');
create trigger conversations_destroy_key after delete on conversations
  for each row execute function destroy_record_key('conversation');
create trigger outbox_destroy_key after delete on outbox
  for each row execute function destroy_record_key('outbox');
create trigger simulator_messages_destroy_key after delete on simulator_messages
  for each row execute function destroy_record_key('simulator');
create trigger queue_notes_destroy_key after delete on queue_notes
  for each row execute function destroy_record_key('note');
create trigger staff_users_destroy_key after delete on staff_users
  for each row execute function destroy_record_key('staff');

-- The audit chain: entries from here on are chained with an HMAC under a key derived from HASH_KEY
-- (`keyed`); older entries keep their SHA-256 chain and are vouched for by the first keyed entry,
-- which records how many there were and their head hash.
alter table audit_log add column keyed boolean not null default false;
alter table audit_log alter column keyed drop default;
