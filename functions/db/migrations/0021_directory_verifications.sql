-- Help-directory entries confirmed by staff in the console: one row per entry (the emergency number,
-- or a hotline or organisation by its name, unique within its country), the latest check kept. The
-- site's build overlays these on the directory's content, so readers see the date; who checked is
-- for staff only and never published. Every confirmation is also in the audit log.
create table directory_verifications (
  country text not null check (country ~ '^[A-Z]{2}$'),
  list text not null check (list in ('emergency', 'hotlines', 'organisations')),
  -- '' for the emergency number.
  name text not null,
  last_verified date not null,
  verified_by uuid references staff_users (id) on delete set null,
  -- The staff member as the content records a check (verifiedBy): their console email.
  verified_by_name text not null,
  recorded_at timestamptz not null,
  primary key (country, list, name)
);
