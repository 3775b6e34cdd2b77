/**
 * Turning a queue item into a referral. Consent is recorded with it (who, how, to what, when), or
 * the referral waits for a supervisor to confirm a documented emergency exception; without either
 * there is no referral. Only the fields the operator chose are sealed into the packet, for the
 * chosen partner alone.
 */

import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { touchItem } from '../queue/item-writes.ts';
import { appendAudit } from '../staff/audit.ts';
import { recordReferralNeeds } from '../statistics/item-facts.ts';
import { destroyReferralKey, newReferralKey, seal, sealPacket } from './packet-crypto.ts';
import { getPartner } from './partners.ts';
import { ackDueAt, recordEvent } from './referral-events.ts';
import { type CreateReferral, createReferralSchema, PACKET_FIELDS, type Packet } from './referral-schema.ts';

export interface Actor {
  id: string;
  /** Supervisors may refer from items others hold, and re-route referrals. */
  mayOverride: boolean;
}

export function sharedFields(packet: Packet): string[] {
  return PACKET_FIELDS.filter((f) => packet[f] !== undefined);
}

/** Withdraws a referral and destroys its packet: the partner keeps only the fact that it existed. */
export async function withdrawInTransaction(
  tx: Queryable,
  deps: Pick<Deps, 'keys'>,
  actorId: string,
  referralId: string,
  now: Date,
): Promise<void> {
  const rows = await tx.query(
    `update referrals set status = 'withdrawn', packet = '\\x', justification = null,
       decided_at = $2, updated_at = $2
     where id = $1 and status not in ('accepted', 'withdrawn') returning id`,
    [referralId, now],
  );
  if (rows.length === 0)
    throw new HttpError(409, 'referral-final', 'This referral was already accepted or withdrawn.');
  await destroyReferralKey(tx, referralId);
  await recordEvent(tx, { referralId, at: now, actorId, side: 'hotline', kind: 'withdrawn' });
  await appendAudit(tx, deps.keys, { actorId, action: 'referral.withdraw', subject: referralId }, now);
}

export async function createReferral(
  deps: Pick<Deps, 'db' | 'keys' | 'now' | 'config'>,
  actor: Actor,
  itemId: string,
  input: CreateReferral,
  options: { rerouteFrom?: string } = {},
): Promise<{ id: string; status: 'sent' | 'awaiting-confirmation' }> {
  const { partnerId, packet, consent } = createReferralSchema.parse(input);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [item] = await tx.query<{ status: string; claimed_by: string | null }>(
      'select status, claimed_by from queue_items where id = $1 for update',
      [itemId],
    );
    if (!item) throw new HttpError(404, 'not-found', 'There is no such item.');
    if (item.status === 'closed') throw new HttpError(409, 'item-closed', 'This item is closed.');
    if (item.claimed_by !== actor.id && !actor.mayOverride)
      throw new HttpError(409, 'not-yours', 'Claim this item before you refer it.');
    const partner = await getPartner(tx, partnerId);
    if (!partner?.active)
      throw new HttpError(422, 'no-such-partner', 'Choose an active partner organisation.');

    if (options.rerouteFrom) {
      if (!actor.mayOverride)
        throw new HttpError(403, 'forbidden', 'Only a supervisor can re-route a referral.');
      const [previous] = await tx.query<{ item_id: string | null; partner_id: string }>(
        'select item_id, partner_id from referrals where id = $1 for update',
        [options.rerouteFrom],
      );
      if (!previous || previous.item_id !== itemId)
        throw new HttpError(404, 'not-found', 'There is no such referral for this item.');
      if (previous.partner_id === partnerId)
        throw new HttpError(422, 'same-partner', 'Choose a different partner to re-route to.');
      await withdrawInTransaction(tx, deps, actor.id, options.rerouteFrom, now);
    }

    const id = randomUUID();
    const key = await newReferralKey(deps, tx, partnerId, id);
    const fields = sharedFields(packet);
    const confirmed = consent.basis === 'consent';
    await tx.query(
      `insert into referrals (id, item_id, partner_id, created_by, status, fields, consent_basis, consent_given_by,
         consent_method, consent_scope, consent_at, packet, justification, rerouted_from,
         sent_at, ack_due_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
      [
        id,
        itemId,
        partnerId,
        actor.id,
        confirmed ? 'sent' : 'awaiting-confirmation',
        fields,
        consent.basis,
        confirmed ? consent.givenBy : null,
        confirmed ? consent.method : null,
        JSON.stringify({ partnerId, partnerName: partner.name, fields, purpose: 'referral-for-services' }),
        confirmed ? (consent.at ?? now) : null,
        await sealPacket(key, id, packet),
        confirmed ? null : await seal(key, id, 'justification', consent.justification),
        options.rerouteFrom ?? null,
        confirmed ? now : null,
        confirmed ? ackDueAt(partner, deps.config, now) : null,
        now,
      ],
    );
    await recordReferralNeeds(tx, id, packet.needs);
    await recordEvent(tx, { referralId: id, at: now, actorId: actor.id, side: 'hotline', kind: 'created' });
    if (confirmed)
      await recordEvent(tx, { referralId: id, at: now, actorId: actor.id, side: 'hotline', kind: 'sent' });
    await tx.query(
      `insert into queue_events (item_id, at, actor_id, kind, details) values ($1, $2, $3, 'referred', $4)`,
      [itemId, now, actor.id, JSON.stringify({ referral: id, partner: partner.name })],
    );
    await touchItem(tx, itemId, now);
    await appendAudit(
      tx,
      deps.keys,
      {
        actorId: actor.id,
        action: 'referral.create',
        subject: id,
        details: { item: itemId, partner: partnerId, basis: consent.basis, fields: fields.join(',') },
      },
      now,
    );
    return { id, status: confirmed ? 'sent' : 'awaiting-confirmation' };
  });
}
