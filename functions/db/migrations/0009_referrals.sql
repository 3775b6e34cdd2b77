-- Partner organisations and the referrals the hotline sends them.
--
-- Each partner has its own key, stored only wrapped by the master key. A referral's packet (the
-- fields the operator chose to share) is encrypted with the referral's own data key, which is stored
-- only wrapped by the partner's key: the packet can be opened for that partner and nobody else, and
-- deleting the referral's wrapped key (or the partner's) leaves the packet unreadable for good.
create table partners (
  id uuid primary key,
  name text not null unique,
  services text[] not null,
  regions text[] not null default '{}',
  languages text[] not null default '{}',
  intake_contact text not null,
  wrapped_key bytea not null,
  -- Hours the partner has to acknowledge a referral, and days a finished referral is kept, as agreed.
  ack_hours integer check (ack_hours between 1 and 720),
  retention_days integer check (retention_days between 1 and 3650),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

alter table staff_users add constraint staff_users_partner_fk
  foreign key (partner_id) references partners (id) on delete cascade not valid;

create table referrals (
  id uuid primary key,
  item_id uuid references queue_items (id) on delete set null,
  partner_id uuid not null references partners (id) on delete cascade,
  created_by uuid references staff_users (id) on delete set null,
  status text not null check (status in (
    'awaiting-confirmation', 'sent', 'info-requested', 'accepted', 'declined', 'withdrawn')),
  -- Which fields were shared (names only; the values are in the packet).
  fields text[] not null,
  -- Consent: who gave it, how, to what and when; or the emergency exception a supervisor confirms.
  consent_basis text not null check (consent_basis in ('consent', 'emergency-exception')),
  consent_given_by text,
  consent_method text,
  consent_scope jsonb not null,
  consent_at timestamptz,
  confirmed_by uuid references staff_users (id) on delete set null,
  confirmed_at timestamptz,
  wrapped_key bytea not null,
  packet bytea not null,
  -- The emergency justification, sealed with the referral's key like the packet.
  justification bytea,
  rerouted_from uuid references referrals (id) on delete set null,
  sent_at timestamptz,
  ack_due_at timestamptz,
  acknowledged_at timestamptz,
  escalated_at timestamptz,
  decided_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (consent_basis = 'emergency-exception' or (consent_given_by is not null and consent_method is not null and consent_at is not null)),
  check (consent_basis = 'consent' or justification is not null)
);
create index referrals_partner_idx on referrals (partner_id, status, created_at);
create index referrals_item_idx on referrals (item_id);
create index referrals_ack_idx on referrals (ack_due_at) where acknowledged_at is null and escalated_at is null;

-- Every change of a referral, and the messages between the partner and the hotline (sealed).
create table referral_events (
  id bigserial primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  at timestamptz not null,
  actor_id uuid references staff_users (id) on delete set null,
  side text not null check (side in ('hotline', 'partner', 'system')),
  kind text not null check (kind in (
    'created', 'confirmed', 'sent', 'accepted', 'declined', 'info-requested', 'info-provided',
    'escalated', 'withdrawn', 'exported', 'viewed')),
  message bytea
);
create index referral_events_referral_idx on referral_events (referral_id, id);

-- Referring is part of an item's history.
alter table queue_events drop constraint queue_events_kind_check;
alter table queue_events add constraint queue_events_kind_check check (kind in (
  'claimed', 'released', 'reassigned', 'escalated', 'closed', 'priority', 'note', 'reply', 'referred'));
