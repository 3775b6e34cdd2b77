/**
 * Record keys live apart from their ciphertext. Migration 0011 moves the wrapped keys of existing
 * records over unchanged, the first start with keys names the master key that wrapped them (after
 * checking it opens them) and moves staff TOTP secrets onto record keys, and the audit entries
 * written before the keyed chain stay verifiable.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeKeys } from '../../../functions/config/secrets.ts';
import { decryptText, encryptField, newDataKey, wrapDataKey } from '../../../functions/crypto/envelope.ts';
import { checkKeys, registerKeys } from '../../../functions/crypto/key-registry.ts';
import { migrate, readMigrations } from '../../../functions/db/migrate.ts';
import {
  findReferralKey,
  openPacket,
  referralKey,
  sealPacket,
} from '../../../functions/referrals/packet-crypto.ts';
import type { Packet } from '../../../functions/referrals/referral-schema.ts';
import { openReportKey, reportContext } from '../../../functions/reports/report-store.ts';
import { appendAudit, verifyAuditChain } from '../../../functions/staff/audit.ts';
import { adoptLegacyTotpSecrets, openTotpSecret } from '../../../functions/staff/totp-secret.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { PACKET } from '../../helpers/referrals.ts';

describe.each(engines)('record keys on $name', (engine) => {
  let t: TestDatabase;
  afterEach(() => t.dispose());

  describe('after every migration', () => {
    beforeEach(async () => {
      t = await engine.create();
    });

    it('leaves no wrapped key in any ciphertext table', async () => {
      const columns = await t.db.query<{ table_name: string; column_name: string }>(
        `select table_name, column_name from information_schema.columns
         where table_schema = current_schema() and column_name like '%wrapped%' order by table_name`,
      );
      expect(columns).toEqual([{ table_name: 'record_keys', column_name: 'wrapped_key' }]);
    });
  });

  describe('upgrading a database written before record keys', () => {
    const keys = makeKeys({
      encryptionKey: randomBytes(32),
      hashKey: randomBytes(32),
      twilioAuthToken: 'f'.repeat(32),
    });
    const master = keys.master.key;
    beforeEach(async () => {
      t = await engine.create({ migrate: false });
      await migrate(
        t.db,
        (await readMigrations()).filter((m) => m.version <= 9),
      );
    });

    it('moves every wrapped key, keeps it readable, and vouches for the old audit entries', async () => {
      const now = new Date('2026-10-01T12:00:00Z');
      // A report, a partner with a referral (and a withdrawn one), a staff TOTP secret, as the
      // previous release stored them.
      const reportId = randomUUID();
      const reportKey = newDataKey();
      await t.db.query(
        `insert into reports (id, receipt_hash, locale, priority, wrapped_key, payload, created_at, updated_at)
         values ($1, $2, 'en', 'urgent', $3, $4, $5, $5)`,
        [
          reportId,
          randomBytes(32),
          await wrapDataKey(master, reportKey, `report:${reportId}`),
          await encryptField(reportKey, '{"description":"Held at the quarry"}', `report:${reportId}:payload`),
          now,
        ],
      );
      const partnerId = randomUUID();
      const partnerKey = newDataKey();
      await t.db.query(
        `insert into partners (id, name, services, intake_contact, wrapped_key) values ($1, 'Old Shelter', '{shelter}', 'x@y.z', $2)`,
        [partnerId, await wrapDataKey(master, partnerKey, `partner:${partnerId}`)],
      );
      const referralIds = [randomUUID(), randomUUID()];
      for (const [i, id] of referralIds.entries()) {
        const key = newDataKey();
        await t.db.query(
          `insert into referrals (id, partner_id, status, fields, consent_basis, consent_given_by, consent_method,
             consent_scope, consent_at, wrapped_key, packet, created_at, updated_at)
           values ($1, $2, $3, '{summary}', 'consent', 'person', 'verbal-call', '{}', $4, $5, $6, $4, $4)`,
          [
            id,
            partnerId,
            i === 0 ? 'sent' : 'withdrawn',
            now,
            i === 0 ? await wrapDataKey(partnerKey, key, `referral:${id}`) : Buffer.alloc(0),
            i === 0 ? await sealPacket(key, id, PACKET as unknown as Packet) : Buffer.alloc(0),
          ],
        );
      }
      const userId = randomUUID();
      const totp = randomBytes(20);
      await t.db.query(
        `insert into staff_users (id, email, role, active, totp_secret) values ($1, 'old@example.org', 'admin', true, $2)`,
        [userId, await encryptField(master, totp, `staff:${userId}:totp`)],
      );
      let prev = Buffer.alloc(32);
      for (let i = 0; i < 3; i++) {
        const content = JSON.stringify({
          action: 'old.event',
          actor: null,
          at: now.toISOString(),
          details: {},
          subject: `o${i}`,
        });
        const hash = createHash('sha256').update(prev).update(content).digest();
        await t.db.query(
          `insert into audit_log (at, action, subject, details, prev_hash, hash) values ($1, 'old.event', $2, '{}', $3, $4)`,
          [now, `o${i}`, prev, hash],
        );
        prev = hash;
      }

      await migrate(t.db);
      const stranger = makeKeys({
        encryptionKey: randomBytes(32),
        hashKey: keys.hashKey,
        twilioAuthToken: 'f'.repeat(32),
      });
      await expect(checkKeys(t.db, stranger)).rejects.toMatchObject({ variable: 'ENCRYPTION_KEY' });
      expect((await checkKeys(t.db, keys)).needsRegistration).toBe(true);
      await registerKeys(t.db, keys);
      expect(await adoptLegacyTotpSecrets(t.db, keys)).toBe(1);
      expect(await adoptLegacyTotpSecrets(t.db, keys)).toBe(0);

      const rows = await t.db.query<{ context: string; master_key_id: string | null; parent: string | null }>(
        'select context, master_key_id, parent from record_keys order by context',
      );
      expect(rows).toEqual(
        [
          { context: `partner:${partnerId}`, master_key_id: keys.master.id, parent: null },
          { context: `referral:${referralIds[0]}`, master_key_id: null, parent: `partner:${partnerId}` },
          { context: `report:${reportId}`, master_key_id: keys.master.id, parent: null },
          { context: `staff:${userId}`, master_key_id: keys.master.id, parent: null },
        ].sort((a, b) => (a.context < b.context ? -1 : 1)),
      );
      const [report] = await t.db.query<{ payload: Uint8Array }>('select payload from reports');
      expect(
        await decryptText(
          await openReportKey(t.db, keys, reportId),
          report!.payload,
          reportContext.payload(reportId),
        ),
      ).toContain('quarry');
      const [referral] = await t.db.query<{ packet: Uint8Array }>(
        'select packet from referrals where id = $1',
        [referralIds[0]],
      );
      const key = await referralKey({ keys }, t.db, partnerId, referralIds[0]!);
      expect(await openPacket(key, referralIds[0]!, referral!.packet)).toMatchObject({
        summary: PACKET.summary,
      });
      expect(await findReferralKey({ keys }, t.db, partnerId, referralIds[1]!)).toBeNull();
      const [user] = await t.db.query<{ totp_secret: Uint8Array }>('select totp_secret from staff_users');
      expect((await openTotpSecret(t.db, keys, userId, user!.totp_secret)).equals(totp)).toBe(true);

      await t.db.transaction((tx) => appendAudit(tx, keys, { actorId: null, action: 'new.event' }, now));
      const report2 = await verifyAuditChain(t.db, keys);
      expect(report2).toMatchObject({ entries: 5, legacyEntries: 3 });
      expect(report2.problem).toBeUndefined();
      await t.db.query(`update audit_log set subject = 'changed' where subject = 'o1'`);
      expect((await verifyAuditChain(t.db, keys)).problem).toMatchObject({ kind: 'hash', seq: 2 });
    });
  });
});
