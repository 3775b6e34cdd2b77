/**
 * The console end to end: the first administrator sets up with the one-time link (password and
 * authenticator), signs in with a TOTP code, texts the hotline from the simulator, and sees the
 * emergency at the top of the queue with its reasons; a WhatsApp voice note sent from the simulator
 * is fetched, cleaned and plays on its item page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { base32Decode, totpCode } from '../../functions/staff/totp.ts';
import { oggOpusVoiceNote } from '../helpers/voice-note.ts';
import { axeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const PASSWORD = 'correct horse battery staple';
let secret = '';
/** Pages of the accounts the role test signs in, kept for the referral test that follows it. */
let signedIn: Record<string, import('@playwright/test').Page> = {};
/**
 * The administrator's cookies from the sign-in test: later tests start signed in with them rather
 * than signing in again, which that test already proves works.
 */
let adminCookies: Awaited<ReturnType<import('@playwright/test').BrowserContext['cookies']>> = [];

/** The newest authenticator step used for each secret: the server accepts a step once per account. */
const usedSteps = new Map<string, number>();

/**
 * A code the server has not yet accepted for this account. The server allows one step of clock
 * drift, so the next step's code is good as well as the current one's; only when both are used does
 * this wait for the next step to begin.
 */
async function freshCode(userSecret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const used = usedSteps.get(userSecret) ?? Number.NEGATIVE_INFINITY;
    // Late in a step, the current step's code could be two steps old when it arrives.
    const late = now % 30_000 > 25_000;
    const chosen = [step, step + 1].find((s) => s > used && !(late && s === step));
    if (chosen !== undefined) {
      usedSteps.set(userSecret, chosen);
      return totpCode(base32Decode(userSecret), new Date(chosen * 30_000));
    }
    await new Promise((r) => setTimeout(r, 30_000 - (now % 30_000) + 500));
  }
}

test('the first administrator sets up the account from the one-time link', async ({ page }) => {
  const link = readFileSync(path.join(process.env.WAYMARK_TEST_DATA!, 'first-admin-link.txt'), 'utf8').trim();
  await page.goto(new URL(link).pathname);
  secret = (await page.locator('[data-totp-secret]').getAttribute('data-totp-secret'))!;
  // A QR code drawn on the server, the key in groups of four, and the same key after a reload.
  await expect(page.locator('[data-totp-qr] svg path')).toHaveCount(1);
  expect((await page.locator('[data-totp-secret]').textContent())!.trim()).toBe(
    secret.match(/.{1,4}/g)!.join(' '),
  );
  await page.reload();
  expect(await page.locator('[data-totp-secret]').getAttribute('data-totp-secret')).toBe(secret);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#code').fill(await freshCode(secret));
  await page.locator('main button[type="submit"]').click();
  // Set-up ends signed in: the code just used is not needed a second time.
  await expect(page.locator('h1')).toHaveText(/Queue/);
  // The link works once.
  const again = await page.goto(new URL(link).pathname);
  expect(again?.status()).toBe(404);
});

test('sign-in needs the password and then a fresh authenticator code', async ({ page, context }) => {
  await page.goto('/console/');
  await expect(page).toHaveURL(/\/console\/login$/);
  await page.locator('#email').fill('admin');
  await page.locator('#password').fill('wrong password!!');
  await page.locator('main button[type="submit"]').click();
  await expect(page.locator('.form-errors')).toBeVisible();
  await page.locator('#password').fill(PASSWORD);
  await page.locator('main button[type="submit"]').click();
  await expect(page).toHaveURL(/second-factor$/);
  await page.locator('#code').fill('000000');
  await page.locator('main button[type="submit"]').click();
  await expect(page.locator('.form-errors')).toBeVisible();
  await page.locator('#code').fill(await freshCode(secret));
  await page.locator('main button[type="submit"]').click();
  await expect(page.locator('h1')).toHaveText(/Queue/);
  const cookie = (await context.cookies()).find((c) => c.name === 'waymark-staff');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // The browser's time zone, for times shown in it (an IANA name, nothing else), once the script ran.
  await expect
    .poll(async () => (await context.cookies()).find((c) => c.name === 'waymark-tz')?.value ?? '')
    .toMatch(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/);
  adminCookies = await context.cookies();
});

test('the simulator texts the hotline through the real webhook; the emergency tops the queue', async ({
  page,
}) => {
  await page.context().addCookies(adminCookies);
  await page.goto('/console/simulator');
  await page.locator('#phone').fill('+9779800000042');
  await page.locator('#country').fill('NP');
  await page.locator('#message').fill('please help they locked us in the factory and took our passports');
  await page.locator('main form button[type="submit"]').click();
  await expect(page.locator('[data-thread] li.out')).toContainText('100');
  await page.goto('/console/');
  // Emergencies come first; among them this texter's conversation, with the reasons it is there.
  const rows = page.locator('[data-queue-item]');
  await expect(rows.first()).toContainText('Emergency');
  const first = rows.filter({ hasText: 'SMS' }).filter({ hasText: 'Emergency' }).first();
  await expect(first).toContainText('confinement');
  const itemId = await first.getAttribute('data-queue-item');

  // Claim it, answer by SMS (through the outbox and Twilio's API, here the simulator's stand-in), close it.
  await first.locator('a').click();
  // The header names the triage model that sorted the item.
  await expect(page.locator('[data-triage-model]')).toHaveText(/^[0-9a-f]{16}$/);
  await page.locator('button[value="claim"]').click();
  await page.locator('#message').fill('We are here. Are you safe to text now?');
  await expect(page.locator('[data-segments]')).toContainText('1 SMS');
  await page.locator('button[value="reply"]').click();
  await expect(page.locator('[data-thread] li.out').last()).toContainText('Are you safe to text now?');
  const item = page.url();
  // The outbox sends within a second or two; the simulated phone shows what arrived.
  await expect(async () => {
    await page.goto('/console/simulator?phone=%2B9779800000042');
    await expect(page.locator('[data-thread] li.out').last()).toContainText('Are you safe to text now?', {
      timeout: 500,
    });
  }).toPass({ timeout: 45_000 });
  await page.goto(item);
  await page.locator('#note').fill('Asked about safety; texter is in a factory near the ring road.');
  await page.locator('button[value="note"]').click();
  await expect(page.locator('main')).toContainText('near the ring road');
  await page.locator('#outcome').selectOption('helped');
  await page.locator('button[value="close"]').click();
  await expect(page.locator(`[data-queue-item="${itemId}"]`)).toHaveCount(0);

  // A WhatsApp voice note with no text: fetched from the (simulated) Twilio by the media job, at
  // least urgent until someone has listened, and playable on the item page.
  await page.goto('/console/simulator');
  await page.locator('#phone').fill('whatsapp:+9779800000044');
  await page.locator('#message').fill('');
  await page.locator('#media').setInputFiles({
    name: 'voice-note.ogg',
    mimeType: 'audio/ogg',
    buffer: oggOpusVoiceNote(100),
  });
  await page.locator('main form button[type="submit"]').click();
  await page.goto('/console/');
  const voice = page.locator('[data-queue-item]').filter({ hasText: 'unheard-voice-note' }).first();
  await expect(voice).toContainText('Urgent');
  await voice.locator('a').click();
  const audio = page.locator('[data-media] audio');
  await expect(async () => {
    await page.reload();
    await expect(audio).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 45_000 });
  const played = await audio.evaluate(async (element) => {
    const a = element as HTMLAudioElement;
    a.muted = true;
    await a.play();
    await new Promise((r) => setTimeout(r, 500));
    return { duration: a.duration, time: a.currentTime, error: a.error?.code ?? null };
  });
  expect(played.error).toBeNull();
  expect(played.duration).toBeGreaterThan(1);
  expect(played.time).toBeGreaterThan(0);

  // Signed in, but without the page's CSRF token: refused, and nothing is sent.
  const forged = await page.request.post('/console/simulator', {
    form: { phone: '+9779800000043', message: 'hello' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  const signedOut = await page.context().browser()!.newContext({ baseURL: page.url() });
  const anonymous = await signedOut.request.get('/console/', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
  await signedOut.close();
});

async function signIn(page: import('@playwright/test').Page, email: string, userSecret: string) {
  await page.goto('/console/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('main button[type="submit"]').click();
  await expect(page).toHaveURL(/second-factor$/);
  await page.locator('#code').fill(await freshCode(userSecret));
  await page.locator('main button[type="submit"]').click();
  // Hotline staff land on the queue, a partner's caseworkers on their intake queue.
  await expect(page).toHaveURL(/\/console\/(intake)?$/);
}

test('each role reaches exactly its own console pages, and queues update live across consoles', async ({
  browser,
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // The administrator adds a partner organisation, then an operator and a caseworker of that partner.
  await page.context().addCookies(adminCookies);
  await page.goto('/console/partners');
  await page.locator('#name').fill('Safe House Kathmandu');
  await page.locator('input[name="services"][value="shelter"]').check();
  await page.locator('input[name="services"][value="psychosocial"]').check();
  // Countries and languages are picked by name.
  await page.locator('#regions').selectOption({ label: 'Nepal' });
  await page.locator('#languages').selectOption([{ label: 'Nepali' }, { label: 'English' }]);
  await page.locator('#intakeContact').fill('intake@safehouse.example');
  await page.locator('button[value="add"]').click();
  await expect(page.locator('[data-partners]')).toContainText('Safe House Kathmandu');
  await expect(page.locator('[data-partners]')).toContainText('Nepal');
  // The form starts empty for the next partner, and Deactivate is a visible button.
  await expect(page.locator('#name')).toHaveValue('');
  const deactivate = page.locator('[data-partner-toggle]').first();
  await expect(deactivate).toBeVisible();
  expect(
    await deactivate.evaluate((b) => {
      const style = getComputedStyle(b);
      return style.color !== style.backgroundColor;
    }),
  ).toBe(true);
  const accounts: Record<string, { link: string; secret: string; page?: import('@playwright/test').Page }> =
    {};
  for (const [email, role, partner] of [
    ['op@example.org', 'operator', ''],
    ['pc@example.org', 'partner-caseworker', 'Safe House Kathmandu'],
  ] as const) {
    await page.goto('/console/staff');
    // Least privilege first: a new account is an operator unless someone chooses otherwise.
    await expect(page.locator('#role')).toHaveValue('operator');
    await page.locator('#email').fill(email);
    await page.locator('#role').selectOption(role);
    if (partner) await page.locator('#partner').selectOption({ label: partner });
    await page.locator('button[value="create"]').click();
    accounts[email] = { link: (await page.locator('[data-setup-link]').textContent())!.trim(), secret: '' };
  }
  for (const [email, account] of Object.entries(accounts)) {
    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    await other.goto(new URL(account.link).pathname);
    account.secret = (await other.locator('[data-totp-secret]').getAttribute('data-totp-secret'))!;
    await other.locator('#password').fill(PASSWORD);
    await other.locator('#code').fill(await freshCode(account.secret));
    await other.locator('main button[type="submit"]').click();
    await expect(other, email).not.toHaveURL(/\/setup\//);
    await expect(
      other.locator('nav a[href="/console/logout"], nav form[action="/console/logout"]'),
      email,
    ).toHaveCount(1);
    account.page = other;
  }
  for (const [email, account] of Object.entries(accounts)) await signIn(account.page!, email, account.secret);

  const expected: Record<string, Record<string, number>> = {
    admin: {
      '/console/': 200,
      '/console/simulator': 200,
      '/console/floor': 200,
      '/console/staff': 200,
      '/console/partners': 200,
      '/console/referrals': 200,
      '/console/intake': 403,
      '/console/search': 200,
      '/console/jobs': 200,
      '/console/no-such-room': 404,
    },
    'op@example.org': {
      '/console/': 200,
      // The simulator signs texts with the hotline's secret: administrators only.
      '/console/simulator': 403,
      '/console/floor': 403,
      '/console/staff': 403,
      '/console/partners': 403,
      '/console/referrals': 200,
      '/console/intake': 403,
      '/console/search': 200,
      '/console/jobs': 403,
    },
    'pc@example.org': {
      // A caseworker's start page is the partner's intake queue.
      '/console/': 303,
      '/console/intake': 200,
      '/console/simulator': 403,
      '/console/floor': 403,
      '/console/staff': 403,
      '/console/partners': 403,
      '/console/referrals': 403,
      '/console/search': 403,
      '/console/jobs': 403,
    },
  };
  const pages: Record<string, import('@playwright/test').Page> = {
    admin: page,
    ...Object.fromEntries(Object.entries(accounts).map(([e, a]) => [e, a.page!])),
  };
  signedIn = pages;
  for (const [who, routes] of Object.entries(expected)) {
    for (const [path, status] of Object.entries(routes)) {
      const response = await pages[who]!.request.get(path, { maxRedirects: 0 });
      expect(response.status(), `${who} ${path}`).toBe(status);
    }
  }

  // A new text arrives; the administrator's queue shows it, then shows the operator taking it, without a reload.
  await page.goto('/console/simulator');
  await page.locator('#phone').fill('+9779800000099');
  await page.locator('#message').fill('I am not in danger, I want to know how to check an agency licence');
  await page.locator('main form button[type="submit"]').click();
  await page.goto('/console/');
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  const operator = pages['op@example.org']!;
  await operator.goto('/console/');
  await operator.locator('button[value="next"]').click();
  await expect(page.locator('[data-queue-item]', { hasText: 'op@example.org' }).first()).toBeVisible({
    timeout: 15_000,
  });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test('an operator refers with consent; the partner accepts; the operator sees it accepted', async () => {
  test.setTimeout(120_000);
  const operator = signedIn['op@example.org']!;
  const caseworker = signedIn['pc@example.org']!;
  // The operator holds the text taken in the previous test.
  await operator.goto('/console/');
  await operator.locator('[data-queue-item]', { hasText: 'op@example.org' }).first().locator('a').click();
  await operator.locator('[data-refer]').click();
  const accessible = async (page: import('@playwright/test').Page) =>
    expect(await axeViolations(page), page.url()).toEqual([]);
  await accessible(operator);
  await operator.locator('label.check', { hasText: 'Safe House Kathmandu' }).locator('input').check();
  await operator.locator('input[name="needs"][value="shelter"]').check();
  await operator.locator('input[name="share_summary"]').check();
  await operator
    .locator('textarea[name="summary"]')
    .fill('Wants to check an agency licence before leaving; may need a safe place.');
  await operator.locator('input[name="share_languages"]').check();
  await operator.locator('input[name="languages"]').fill('ne');
  // What the item already told (a country, kinds of exploitation) comes ticked; the operator
  // decides, and here shares neither.
  await operator.locator('input[name="share_exploitationTypes"]').uncheck();
  await operator.locator('input[name="share_currentLocation"]').uncheck();
  // Without the person's consent confirmed, there is no referral.
  await operator.locator('button[value="preview"]').click();
  await expect(operator.locator('[data-problems]')).toContainText('consent');
  await operator.locator('#consentConfirmed').check();
  await operator.locator('button[value="preview"]').click();
  const preview = operator.locator('[data-preview]');
  await expect(preview.locator('[data-packet]')).toContainText('may need a safe place');
  // Only the ticked fields: summary, languages and needs.
  await expect(preview.locator('[data-packet] dt')).toHaveCount(3);
  await accessible(operator);
  await preview.locator('button[value="send"]').click();
  await expect(operator).toHaveURL(/\/console\/referrals\/[0-9a-f-]{36}$/);
  await expect(operator.locator('[data-status-label]')).toHaveText(/Sent/);
  const referral = operator.url();

  // The caseworker finds it in the partner's intake queue, reads exactly the packet, and accepts.
  await caseworker.goto('/console/');
  await expect(caseworker).toHaveURL(/\/console\/intake$/);
  await caseworker.locator('[data-referral] a').first().click();
  await expect(caseworker.locator('[data-packet]')).toContainText('may need a safe place');
  await expect(caseworker.locator('[data-packet] dt')).toHaveCount(3);
  await accessible(caseworker);
  await caseworker.locator('button[value="accept"]').click();
  await expect(caseworker.locator('[data-status-label]')).toHaveText(/Accepted/);
  const exported = await caseworker.request.get(`/api/intake/referrals/${referral.split('/').pop()}/export`);
  expect(await exported.json()).toMatchObject({
    standard: 'HTCDS',
    cas_ReferredOrganisation: 'Safe House Kathmandu',
  });

  // Nothing else is reachable for the caseworker: hotline pages are refused, unknown ids not found.
  expect((await caseworker.request.get(referral, { maxRedirects: 0 })).status()).toBe(403);
  expect(
    (
      await caseworker.request.get('/console/intake/7d3c9a52-1a44-4b52-9a57-0f5f1f3c2b10', {
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(404);

  // The loop is closed: the operator sees the partner's answer.
  await operator.goto(referral);
  await expect(operator.locator('[data-status-label]')).toHaveText(/Accepted/);
  await expect(operator.locator('[data-referral-history]')).toContainText('accepted');
  await accessible(operator);
});

test('an Arabic text keeps its time in order, updates the open item live, is found by number; every new room passes axe', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.context().addCookies(adminCookies);
  const admin = page;
  const accessible = async (page: import('@playwright/test').Page) =>
    expect(await axeViolations(page), page.url()).toEqual([]);
  const arabic = 'ساعدوني من فضلكم، أخذوا جوازات سفرنا';
  await admin.goto('/console/simulator?phone=%2B97455512345');
  await admin.locator('#phone').fill('+97455512345');
  await admin.locator('#message').fill(arabic);
  await admin.locator('main form button[type="submit"]').click();
  // The simulator keeps the console's menu.
  await expect(admin.locator('nav a[href="/console/"]')).toBeVisible();

  // Found by the number, written another way, through its keyed hash.
  await admin.goto('/console/search?phone=00974%20555%2012345');
  const result = admin.locator('[data-search-results] [data-result] a').first();
  await expect(result).toBeVisible();
  await accessible(admin);
  await result.click();
  const message = admin.locator('[data-thread] li.in bdi[dir="auto"]', { hasText: 'ساعدوني' });
  await expect(message).toBeVisible();
  // The time beside it is isolated, and shows its zone; no raw delivery codes such as "twiml".
  await expect(admin.locator('[data-thread] li.in small bdi').first()).toHaveText(/\d/);
  await expect(admin.locator('main')).not.toContainText('twiml');
  await expect(admin.locator('[data-time-zone]')).toBeVisible();
  await accessible(admin);

  // A second text from the same phone appears on the open item without a reload.
  await admin.evaluate(() => {
    (window as unknown as { stayed: boolean }).stayed = true;
  });
  const other = await admin.context().newPage();
  await other.goto('/console/simulator?phone=%2B97455512345');
  await other.locator('#phone').fill('+97455512345');
  await other.locator('#message').fill('نحن في المستودع الآن');
  await other.locator('main form button[type="submit"]').click();
  await expect(admin.locator('[data-thread] li.in', { hasText: 'المستودع' })).toBeVisible({
    timeout: 15_000,
  });
  expect(await admin.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await other.close();

  for (const path of [
    '/console/jobs',
    '/console/partners',
    '/console/staff',
    '/console/floor',
    '/console/',
  ]) {
    await admin.goto(path);
    await accessible(admin);
  }
  await admin.goto('/console/jobs');
  await expect(admin.locator('[data-jobs] [data-job="statistics-refresh"]')).toBeVisible();
});
