-- What the public site shows, decided by the database and not by one node's disk: every published
-- content document (Sanity's shape, slug flattened) with the publish sequence number that last
-- changed it. A deleted document stays as a tombstone (document null), so a node that last saw an
-- older sequence learns of the deletion too. `content_version` holds the latest sequence number;
-- a publish takes its row lock, so sequence numbers commit in order and "everything after N" is
-- a complete list of changes.
create table content_documents (
  id text primary key,
  document jsonb,
  digest text,
  seq bigint not null
);

create index content_documents_seq on content_documents (seq);

create table content_version (
  singleton boolean primary key default true check (singleton),
  seq bigint not null,
  -- Where the snapshot was seeded from ('content-files' or 'sanity:<dataset>'), for the status view.
  source text not null,
  updated_at timestamptz not null
);
