/**
 * Master key rotation: records written before it read after it with only the new key; a node on the
 * old key fails loudly instead of writing what nobody could read; and a copy of the key rows taken
 * before a purge opens nothing once the purge, the rotation and the old key's destruction are done.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeKeys } from '../../../functions/config/secrets.ts';
import { decryptText, unwrapDataKey } from '../../../functions/crypto/envelope.ts';
import { checkKeys, KeyCheckError, registerKeys } from '../../../functions/crypto/key-registry.ts';
import {
  createRecordKey,
  findRecordKey,
  MasterKeyRetiredError,
  MasterKeyUnavailableError,
} from '../../../functions/crypto/record-keys.ts';
import { rotateMasterKey } from '../../../functions/crypto/rotate-master-key.ts';
import { closeItem } from '../../../functions/queue/claims.ts';
import { openPacket } from '../../../functions/referrals/packet-crypto.ts';
import { openReportKey, reportContext } from '../../../functions/reports/report-store.ts';
import { purge } from '../../../functions/retention/purge.ts';
import { conversationContext, openConversationKey } from '../../../functions/sms/conversation-store.ts';
import { receiveMessage } from '../../../functions/sms/receive-message.ts';
import { firstAdminLink } from '../../../functions/staff/first-admin.ts';
import { finishSetup } from '../../../functions/staff/sign-in.ts';
import { base32Encode, newTotpSecret, totpCode } from '../../../functions/staff/totp.ts';
import { openTotpSecret } from '../../../functions/staff/totp-secret.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { CONSENT, ORIGIN, PACKET, referralWorld } from '../../helpers/referrals.ts';
import { postJson, submitJson } from '../../helpers/report-client.ts';

const DAY = 86_400_000;
const PHONE = '+9779812345678';

interface KeyRow {
  context: string;
  master_key_id: string | null;
  parent: string | null;
  wrapped_key: Uint8Array;
}

describe.each(engines)('master key rotation on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN, RETENTION_DAYS: 'noise:7,closed:90,referral:30' });
    await registerKeys(t.db, deps.keys);
  });
  afterEach(() => t.dispose());

  const nextKeys = (from = deps.keys) =>
    makeKeys({
      encryptionKey: randomBytes(32),
      previousEncryptionKey: from.master.key,
      hashKey: from.hashKey,
      twilioAuthToken: from.twilioAuthToken,
    });
  /** What a deployment holds once the previous master key is destroyed. */
  const withoutPrevious = (keys: TestDeps['keys']) =>
    makeKeys({
      encryptionKey: keys.master.key,
      hashKey: keys.hashKey,
      twilioAuthToken: keys.twilioAuthToken,
    });

  it('reads every record written before it with only the new key, and retires the old one', async () => {
    const link = (await firstAdminLink(deps))!;
    const secret = newTotpSecret();
    await finishSetup(deps, {
      token: link.split('/').pop()!,
      password: 'a long enough password for the admin',
      secret: base32Encode(secret),
      code: totpCode(secret, deps.now()),
    });
    const world = await referralWorld(t.db, deps);
    const { receipt } = await (
      await submitJson(deps, { description: 'Twelve of us locked in the boat shed', locale: 'en' })
    ).json();
    const item = await world.newItem();
    const { referral } = await (
      await world.operator.call('POST', `/api/console/queue/${item}/referrals`, {
        partnerId: world.shelter.id,
        packet: PACKET,
        consent: CONSENT,
      })
    ).json();
    const { conversationId } = await receiveMessage(deps, {
      MessageSid: `SM${'a'.repeat(32)}`,
      AccountSid: deps.config.twilio.accountSid,
      From: PHONE,
      To: deps.config.twilio.from,
      Body: 'help they took my passport',
      NumMedia: 0,
    });
    const oldId = deps.keys.master.id;

    const next = nextKeys();
    await registerKeys(t.db, next);
    const rotation = await rotateMasterKey(t.db, next, { batchSize: 3 });
    expect(rotation).toMatchObject({ from: oldId, to: next.master.id, wrappingKeys: 2, childKeys: 1 });
    expect(rotation.dataKeys).toBe(4); // two reports, the conversation, the admin's TOTP key
    expect(await t.db.query('select 1 from record_keys where master_key_id = $1', [oldId])).toEqual([]);

    deps.keys = withoutPrevious(next);
    const lookup = await postJson(deps, '/api/reports/lookup', { receipt });
    expect(lookup.status).toBe(200);
    const packet = (
      await (await world.shelterWorker.call('GET', `/api/intake/referrals/${referral.id}`)).json()
    ).referral.packet;
    expect(packet).toMatchObject({ summary: PACKET.summary });
    const [conversation] = await t.db.query<{ sender: Uint8Array }>(
      'select sender from conversations where id = $1',
      [conversationId],
    );
    const conversationKey = await openConversationKey(t.db, deps.keys, conversationId!);
    expect(
      await decryptText(conversationKey, conversation!.sender, conversationContext.sender(conversationId!)),
    ).toBe(PHONE);
    const [admin] = await t.db.query<{ id: string; totp_secret: Uint8Array }>(
      `select id, totp_secret from staff_users where role = 'admin' and totp_secret is not null`,
    );
    expect((await openTotpSecret(t.db, deps.keys, admin!.id, admin!.totp_secret)).equals(secret)).toBe(true);

    // The old key is retired: a start with it is refused, and the new key alone passes the check.
    await expect(checkKeys(t.db, withoutPrevious(createTestDeps(t.db).keys))).rejects.toThrow(/retired/);
    expect(await checkKeys(t.db, deps.keys)).toEqual({ needsRegistration: false, warnings: [] });
  });

  it('leaves a pre-purge copy of the key rows unopenable after purge, rotation and destruction', async () => {
    const world = await referralWorld(t.db, deps);
    const start = deps.now();
    const closedItem = await world.newItem();
    const { referral } = await (
      await world.operator.call('POST', `/api/console/queue/${closedItem}/referrals`, {
        partnerId: world.shelter.id,
        packet: PACKET,
        consent: CONSENT,
      })
    ).json();
    await world.shelterWorker.call('POST', `/api/intake/referrals/${referral.id}/decline`, {
      reason: 'Full.',
    });
    await closeItem(deps, { id: world.operator.id, mayOverride: false }, closedItem, 'referred');
    const liveItem = await world.newItem();
    await world.operator.call('POST', `/api/console/queue/${liveItem}/referrals`, {
      partnerId: world.shelter.id,
      packet: PACKET,
      consent: CONSENT,
    });

    // The backup: every key row, and the ciphertext of the record about to be purged.
    const backup = await t.db.query<KeyRow>(
      'select context, master_key_id, parent, wrapped_key from record_keys',
    );
    const [{ packet: sealedPacket }] = (await t.db.query<{ packet: Uint8Array }>(
      'select packet from referrals where id = $1',
      [referral.id],
    )) as [{ packet: Uint8Array }];
    const [report] = await t.db.query<{ id: string; payload: Uint8Array }>(
      `select r.id, r.payload from reports r join queue_items q on q.source_id = r.id where q.id = $1`,
      [closedItem],
    );
    const oldMaster = deps.keys.master.key;
    const row = (context: string) => backup.find((r) => r.context === context)!;
    // Before the old master key is destroyed, the backup does open the purged referral.
    const backupPartnerKey = await unwrapDataKey(
      oldMaster,
      row(`partner:${world.shelter.id}`).wrapped_key,
      `partner:${world.shelter.id}`,
    );
    const backupReferralKey = await unwrapDataKey(
      backupPartnerKey,
      row(`referral:${referral.id}`).wrapped_key,
      `referral:${referral.id}`,
    );
    expect(await openPacket(backupReferralKey, referral.id, sealedPacket)).toMatchObject({ sex: 'Feminine' });

    deps.setNow(new Date(start.getTime() + 91 * DAY));
    expect((await purge(deps, { dryRun: false })).due.referral.count).toBe(1);
    const next = nextKeys();
    await registerKeys(t.db, next);
    await rotateMasterKey(t.db, next);
    deps.keys = withoutPrevious(next); // the old master key is destroyed

    // Every key the deployment still has: the master key, the hash and audit keys, and every record
    // key left in the database (the partners' new keys among them).
    const live = await t.db.query<{ context: string }>('select context from record_keys');
    const held = [deps.keys.master.key, deps.keys.hashKey, deps.keys.auditKey];
    for (const { context } of live) held.push((await findRecordKey(t.db, deps.keys, context))!);
    expect(held.length).toBeGreaterThan(5);
    const purged = backup.filter((r) => !live.some((l) => l.context === r.context));
    expect(purged.map((r) => r.context).sort()).toEqual(
      [`referral:${referral.id}`, reportContext.key(report!.id)].sort(),
    );
    for (const key of held) {
      for (const r of backup) {
        const opened = await unwrapDataKey(key, r.wrapped_key, r.context).catch(() => null);
        // Only a live record's own key reopens its own row (a data key wrapped under itself does not exist).
        expect(opened, `${r.context} opened`).toBeNull();
      }
      await expect(openPacket(key, referral.id, sealedPacket)).rejects.toThrow();
      await expect(decryptText(key, report!.payload, reportContext.payload(report!.id))).rejects.toThrow();
    }
  });

  it('stops a node still on the old key: it cannot read re-wrapped records nor write new ones', async () => {
    const old = deps.keys;
    const { receipt } = await (
      await submitJson(deps, { description: 'Forced to work without pay for months', locale: 'en' })
    ).json();
    const next = nextKeys();
    await registerKeys(t.db, next);
    // During the rotation an old node still writes; its key is re-wrapped like the others.
    const during = await createRecordKey(t.db, old, 'test:written-during-rotation');
    await rotateMasterKey(t.db, next);
    expect(
      (await findRecordKey(t.db, withoutPrevious(next), 'test:written-during-rotation'))!.equals(during),
    ).toBe(true);

    const [row] = await t.db.query<{ id: string }>('select id from reports');
    await expect(openReportKey(t.db, old, row!.id)).rejects.toBeInstanceOf(MasterKeyUnavailableError);
    await expect(createRecordKey(t.db, old, 'test:after-retirement')).rejects.toBeInstanceOf(
      MasterKeyRetiredError,
    );
    const reports = (await t.db.query('select id from reports')).length;
    const refused = await submitJson(deps, { description: 'Another report from an old node', locale: 'en' });
    expect(refused.status).toBe(500);
    expect(deps.logLines.join('')).toContain('MasterKeyRetiredError');
    expect((await t.db.query('select id from reports')).length).toBe(reports);
    expect((await postJson(deps, '/api/reports/lookup', { receipt })).status).toBe(500);
    deps.keys = withoutPrevious(next);
    expect((await postJson(deps, '/api/reports/lookup', { receipt })).status).toBe(200);
  });

  it.skipIf(engine.name !== 'postgres')(
    'is safe while other nodes keep writing: every key written is readable with the new key alone',
    async () => {
      const old = deps.keys;
      for (let i = 0; i < 300; i++) await createRecordKey(t.db, old, `test:before:${i}`);
      const next = nextKeys();
      await registerKeys(t.db, next);
      const oldNode = t.openPeer();
      const newNode = t.openPeer();
      const written = new Map<string, Buffer>();
      let refused = 0;
      let rotating = true;
      const writer = async (db: typeof oldNode, keys: typeof old, name: string) => {
        for (let i = 0; rotating || i < 5; i++) {
          const context = `test:${name}:${i}`;
          try {
            written.set(context, await db.transaction((tx) => createRecordKey(tx, keys, context)));
          } catch (error) {
            if (!(error instanceof MasterKeyRetiredError)) throw error;
            refused += 1;
          }
        }
      };
      const writers = [writer(oldNode, old, 'old'), writer(newNode, next, 'new')];
      await rotateMasterKey(t.db, next, { batchSize: 25 });
      rotating = false;
      await Promise.all(writers);
      expect(refused).toBeGreaterThan(0); // the old node was stopped once its key was retired
      const onlyNew = withoutPrevious(next);
      for (const [context, key] of written)
        expect((await findRecordKey(t.db, onlyNew, context))!.equals(key)).toBe(true);
      for (let i = 0; i < 300; i++)
        expect(await findRecordKey(t.db, onlyNew, `test:before:${i}`)).not.toBeNull();
      await expect(checkKeys(t.db, old)).rejects.toBeInstanceOf(KeyCheckError);
    },
    // Hundreds of keys written while the rotation runs: seconds alone, longer beside other test files.
    120_000,
  );
});
