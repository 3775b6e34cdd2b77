-- Statistics that protect people: the few categorical facts the figures need, kept in plain columns,
-- and the monthly aggregates computed from them.
--
-- Why plain columns: a report's country, type of exploitation and whether children are involved sit
-- in its encrypted payload; decrypting every report at every refresh would not scale and would put
-- every report's key in the statistics job's hands. These three answers are coarse categories (a
-- country code, one of eight kinds, yes/no/unsure) that say nothing about who reported or who is
-- concerned, unlike the description, place, contact or attachments, which stay encrypted. The
-- queue already keeps priority, reasons and the "minor" flag in plain columns for the same reason.
--
-- The facts of an item live as long as the item, and a little longer only when retention deletes
-- the item before its month is sealed: the row then keeps a snapshot (priority, durations) until the
-- month's figures are frozen, and is deleted with every other fact of that month when it is. Sealed
-- months keep aggregates only.

-- One row per queue item (a web report or an SMS/WhatsApp conversation). A trigger creates it for
-- every new item, so no way of queueing can forget it; report intake then fills the report's answers.
create table statistics_items (
  id bigserial primary key,
  item_id uuid unique references queue_items (id) on delete set null,
  -- The day (UTC) the item arrived, for campaign reach; its month, for everything else.
  day date not null,
  month date not null,
  channel text not null check (channel in ('web', 'sms', 'whatsapp')),
  country text check (country ~ '^[A-Z]{2}$'),
  exploitation text,
  children text check (children in ('yes', 'no', 'unsure')),
  -- A report queued before this migration: its answers are read once from its payload by the
  -- statistics refresh (functions/statistics/backfill-facts.ts).
  pending boolean not null default false,
  excluded boolean not null default false,
  -- Snapshot taken when the item is deleted before its month is sealed.
  final_priority text,
  final_minor boolean,
  first_response_seconds integer,
  close_seconds integer
);
create index statistics_items_month_idx on statistics_items (month);
create index statistics_items_pending_idx on statistics_items (id) where pending;

create table statistics_referrals (
  id bigserial primary key,
  referral_id uuid unique references referrals (id) on delete set null,
  month date not null,
  -- The need referred for: one service kind, 'multiple', or 'not-recorded' (referrals made before
  -- statistics existed; their packets are sealed for the partner alone).
  service text not null default 'not-recorded',
  final_status text
);
create index statistics_referrals_month_idx on statistics_referrals (month);

create function statistics_month(at timestamptz) returns date language sql immutable as $$
  select date_trunc('month', at at time zone 'UTC')::date
$$;

-- What counts as the first response to an item: a person claimed, answered, referred or closed it.
create function statistics_first_response_seconds(item uuid, created timestamptz) returns integer
language sql stable as $$
  select floor(extract(epoch from min(e.at) - created))::integer from queue_events e
  where e.item_id = item and e.kind in ('claimed', 'reply', 'referred', 'closed')
$$;

create function statistics_item_created() returns trigger language plpgsql as $$
begin
  insert into statistics_items (item_id, day, month, channel, country, pending)
  select new.id, (new.created_at at time zone 'UTC')::date, statistics_month(new.created_at),
         case when new.source = 'report' then 'web' else coalesce(c.channel, 'sms') end,
         c.country, false
  from (select 1) one left join conversations c on new.source = 'sms' and c.id = new.source_id
  on conflict (item_id) do nothing;
  return new;
end
$$;
create trigger queue_items_statistics after insert on queue_items
  for each row execute function statistics_item_created();

create function statistics_item_deleted() returns trigger language plpgsql as $$
begin
  update statistics_items set
    final_priority = old.priority,
    final_minor = old.minor,
    first_response_seconds = statistics_first_response_seconds(old.id, old.created_at),
    close_seconds = case when old.status = 'closed'
      then floor(extract(epoch from old.closed_at - old.created_at))::integer end
  where item_id = old.id;
  return old;
end
$$;
create trigger queue_items_statistics_snapshot before delete on queue_items
  for each row execute function statistics_item_deleted();

create function statistics_referral_created() returns trigger language plpgsql as $$
begin
  insert into statistics_referrals (referral_id, month) values (new.id, statistics_month(new.created_at))
  on conflict (referral_id) do nothing;
  return new;
end
$$;
create trigger referrals_statistics after insert on referrals
  for each row execute function statistics_referral_created();

create function statistics_referral_deleted() returns trigger language plpgsql as $$
begin
  update statistics_referrals set final_status = old.status where referral_id = old.id;
  return old;
end
$$;
create trigger referrals_statistics_snapshot before delete on referrals
  for each row execute function statistics_referral_deleted();

-- What is already there: conversations have their channel and country in plain columns; reports
-- are read once by the next refresh; referrals keep 'not-recorded'.
insert into statistics_items (item_id, day, month, channel, country, pending)
  select q.id, (q.created_at at time zone 'UTC')::date, statistics_month(q.created_at),
         case when q.source = 'report' then 'web' else coalesce(c.channel, 'sms') end,
         c.country, q.source = 'report'
  from queue_items q left join conversations c on q.source = 'sms' and c.id = q.source_id;
insert into statistics_referrals (referral_id, month)
  select id, statistics_month(created_at) from referrals;

-- Monthly aggregates, exact. `dimension` is '' for the month's total, a dimension name
-- ('country'), or two joined by '|' for a cross-tabulation ('country|exploitation'); `category`
-- likewise ('', 'NP', 'NP|labour'). Only staff with statistics:exact ever see these numbers.
create table statistics_cells (
  month date not null,
  measure text not null check (measure in ('items', 'referrals')),
  dimension text not null,
  category text not null,
  count integer not null,
  primary key (month, measure, dimension, category)
);

-- Items per day, country and channel: what campaign reach compares with a campaign's dates.
create table statistics_days (
  day date not null,
  country text not null,
  channel text not null,
  count integer not null,
  primary key (day, country, channel)
);

-- A month is sealed once every duration it reports is final; its aggregates then never change, and
-- the facts it was computed from are deleted.
create table statistics_months (
  month date primary key,
  sealed_at timestamptz,
  refreshed_at timestamptz not null
);

-- The published, suppressed tables, computed at each refresh: public pages read only this.
create table statistics_releases (
  id bigserial primary key,
  created_at timestamptz not null,
  body jsonb not null
);

-- Campaign reach: reads of each public page per day, and nothing else (no cookie, address, agent or
-- referrer): a number per path per day.
create table reach_counts (
  day date not null,
  path text not null,
  reads integer not null,
  primary key (day, path)
);
