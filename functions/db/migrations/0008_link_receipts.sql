-- A reporter who texts their receipt code links their web report and their SMS conversation.
alter table conversations add column report_id uuid references reports (id) on delete set null;
