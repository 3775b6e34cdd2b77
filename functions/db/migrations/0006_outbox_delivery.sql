-- Twilio's delivery reports for everything the outbox sent, alerts included.
alter table outbox add column delivery_status text;
alter table outbox add column delivery_error text;
