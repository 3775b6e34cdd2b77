-- Learning from the floor: when staff change an item's priority, the message text and the
-- corrected label become a local training example for the triage model. The text is encrypted
-- under the example's own data key (in record_keys, as 'triage-correction:<id>'), and the example
-- goes when its queue item goes (retention); its key goes with it.
create table triage_corrections (
  id uuid primary key,
  item_id uuid not null unique references queue_items (id) on delete cascade,
  body bytea not null,
  priority text not null check (priority in ('emergency', 'urgent', 'standard', 'noise')),
  minor boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create trigger triage_corrections_destroy_key after delete on triage_corrections
  for each row execute function destroy_record_key('triage-correction');

-- The version of the triage model that last sorted the item (null: the rules alone).
alter table queue_items add column triage_model text;
