-- The SLA's first clock stops at the first answer: a reply (SMS or through the receipt) or a call
-- an operator records. Claiming an item does not stop it; closing stops the second clock.
alter table queue_items add column first_response_at timestamptz;

update queue_items q set first_response_at = e.first
  from (select item_id, min(at) as first from queue_events where kind in ('reply', 'call') group by item_id) e
 where e.item_id = q.id;

-- A call an operator records is a queue event of its own.
alter table queue_events drop constraint queue_events_kind_check;
alter table queue_events add constraint queue_events_kind_check
  check (kind in (
    'claimed', 'released', 'reassigned', 'escalated', 'closed', 'priority', 'note', 'reply', 'referred', 'call'));
