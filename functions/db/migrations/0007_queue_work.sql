-- Working the queue: who holds an item, escalations, outcomes, and every event for the floor view.
alter table queue_items add column claimed_by uuid references staff_users (id) on delete set null;
alter table queue_items add column claimed_at timestamptz;
alter table queue_items add column escalated boolean not null default false;
alter table queue_items add column outcome text;
alter table queue_items add column closed_at timestamptz;
create index queue_items_claimed_idx on queue_items (claimed_by) where status = 'claimed';

create table queue_events (
  id bigserial primary key,
  item_id uuid not null references queue_items (id) on delete cascade,
  at timestamptz not null,
  actor_id uuid references staff_users (id) on delete set null,
  kind text not null check (kind in ('claimed', 'released', 'reassigned', 'escalated', 'closed', 'priority', 'note', 'reply')),
  details jsonb not null default '{}'
);
create index queue_events_item_idx on queue_events (item_id, id);
create index queue_events_at_idx on queue_events (at);

-- Operators' notes on an item, encrypted like everything else written about a person.
create table queue_notes (
  id bigserial primary key,
  item_id uuid not null references queue_items (id) on delete cascade,
  author_id uuid references staff_users (id) on delete set null,
  wrapped_key bytea not null,
  body bytea not null,
  created_at timestamptz not null
);
