/**
 * The API's routing table: every endpoint Waymark serves under /api, with who may call it. The
 * Astro endpoint is a one-line shim around the router built from this list, and the fuzz suite
 * walks this list, so a new route is served and fuzzed the moment it is added here.
 */
import { cmsStatus, publishWebhook } from './cms/publish-webhook.ts';
import type { Config } from './config/load-config.ts';
import { itemAttachment } from './console/attachment-api.ts';
import { queueEvents } from './console/events.ts';
import { claimNextItem, itemCommandRoute, listQueue } from './console/queue-api.ts';
import { HSDS_LISTS, partnerHsdsList, publicHsdsList } from './directory/hsds-api.ts';
import { health, ready } from './health/health.ts';
import { json } from './http/json.ts';
import { defineRoutes } from './http/route.ts';
import { createRouter } from './http/router.ts';
import { intakeOpenApiDocument } from './referrals/intake-openapi.ts';
import {
  addPartner,
  answerPartner,
  confirmReferral,
  deactivatePartner,
  intakeAccept,
  intakeDecline,
  intakeExport,
  intakeQueue,
  intakeRequestInfo,
  intakeShow,
  listReferrals,
  reactivatePartner,
  referItem,
  searchPartners,
  showReferral,
  withdraw,
} from './referrals/referral-api.ts';
import { lookupReport, replyToReport } from './reports/follow-up.ts';
import { createChallenge } from './reports/proof-of-work.ts';
import { REPORT_BODY_BYTES } from './reports/read-report-body.ts';
import { submitReport } from './reports/submit-report.ts';
import { inboundSms } from './sms/inbound.ts';
import { mediaRoute } from './sms/media/thread-media.ts';
import { SIMULATOR_PHONE_BODY_BYTES, simulatorPhoneRoute } from './sms/simulator/phone-api.ts';
import { simulatorMediaRoute } from './sms/simulator/simulator-media.ts';
import { simulatorTwilio } from './sms/simulator/simulator-twilio.ts';
import { smsStatus } from './sms/status-callback.ts';
import { replyWindowRoute, whatsappTemplateRoute } from './sms/whatsapp-templates.ts';
import {
  staffChangeRole,
  staffCreate,
  staffDeactivate,
  staffList,
  staffReactivate,
  staffResetAuthenticator,
  staffRevokeSessions,
} from './staff/staff-api.ts';
import {
  campaignReachRoute,
  exactStatisticsRoute,
  excludeFromStatisticsRoute,
  htcdsStatisticsRoute,
  publishedStatisticsRoute,
  refreshStatisticsRoute,
} from './statistics/statistics-api.ts';

export const routes = defineRoutes([
  { method: 'GET', path: '/api/health', access: 'public', handler: (req, { deps }) => health(req, deps) },
  { method: 'GET', path: '/api/ready', access: 'public', handler: async (req, { deps }) => ready(req, deps) },
  {
    method: 'GET',
    path: '/api/reports/challenge',
    access: 'public',
    handler: async (_req, { deps }) => json(createChallenge(deps.keys.hashKey, deps.now())),
  },
  {
    method: 'POST',
    path: '/api/reports',
    access: 'public',
    maxBodyBytes: REPORT_BODY_BYTES,
    handler: submitReport,
  },
  { method: 'POST', path: '/api/reports/lookup', access: 'public', handler: lookupReport },
  { method: 'POST', path: '/api/reports/reply', access: 'public', handler: replyToReport },
  // Twilio's webhooks: public, but every request must carry a valid X-Twilio-Signature.
  { method: 'POST', path: '/api/sms/inbound', access: 'public', handler: inboundSms },
  { method: 'POST', path: '/api/sms/status', access: 'public', handler: smsStatus },
  // Sanity's publish webhook: public, but every request must carry a valid signature.
  {
    method: 'POST',
    path: '/api/cms/publish',
    access: 'public',
    maxBodyBytes: 256 * 1024,
    handler: publishWebhook,
  },
  { method: 'GET', path: '/api/cms/status', access: { permission: 'content:preview' }, handler: cmsStatus },
  // Twilio's Messages API as the simulator's carrier; Basic auth with the simulator's token. It
  // exists only while no real Twilio account is configured.
  {
    method: 'POST',
    path: '/api/simulator/twilio/2010-04-01/Accounts/:accountSid/Messages.json',
    access: 'public',
    mountedWhen: (config) => config.twilio.simulated,
    handler: simulatorTwilio,
  },
  // ...and Twilio's Media resource, where the media job fetches and deletes the simulator's files.
  ...(['GET', 'DELETE'] as const).map(
    (method) =>
      ({
        method,
        path: '/api/simulator/twilio/2010-04-01/Accounts/:accountSid/Messages/:messageSid/Media/:mediaSid',
        access: 'public',
        mountedWhen: (config: Config) => config.twilio.simulated,
        handler: simulatorMediaRoute,
      }) as const,
  ),
  // The simulator's phone, for administrators: a text, a photo or a voice note to the hotline.
  {
    method: 'POST',
    path: '/api/simulator/phone',
    access: { permission: 'simulator:use' },
    maxBodyBytes: SIMULATOR_PHONE_BODY_BYTES,
    handler: simulatorPhoneRoute,
  },
  // Statistics: the published (suppressed) tables are public; exact figures need statistics:exact.
  { method: 'GET', path: '/api/statistics', access: 'public', handler: publishedStatisticsRoute },
  { method: 'GET', path: '/api/statistics/htcds', access: 'public', handler: htcdsStatisticsRoute },
  {
    method: 'GET',
    path: '/api/console/statistics/exact',
    access: { permission: 'statistics:exact' },
    handler: exactStatisticsRoute,
  },
  {
    method: 'POST',
    path: '/api/console/statistics/refresh',
    access: { permission: 'statistics:refresh' },
    handler: refreshStatisticsRoute,
  },
  {
    method: 'GET',
    path: '/api/console/statistics/reach',
    access: { permission: 'statistics:read' },
    handler: campaignReachRoute,
  },
  {
    method: 'POST',
    path: '/api/console/queue/:id/statistics',
    access: { permission: 'statistics:exclude' },
    handler: excludeFromStatisticsRoute,
  },
  // The console's queue: staff only, each route with the permission it needs.
  { method: 'GET', path: '/api/console/queue', access: { permission: 'queue:read' }, handler: listQueue },
  // Live updates: the browser keeps this open by itself, so it does not count as activity.
  {
    method: 'GET',
    path: '/api/console/events',
    access: { permission: 'queue:read' },
    background: true,
    handler: queueEvents,
  },
  {
    method: 'POST',
    path: '/api/console/queue/next',
    access: { permission: 'queue:claim' },
    handler: claimNextItem,
  },
  // Each item command, with the permission and schema the console's forms use too.
  itemCommandRoute('claim'),
  itemCommandRoute('release'),
  itemCommandRoute('escalate'),
  itemCommandRoute('priority'),
  itemCommandRoute('reassign'),
  itemCommandRoute('reply'),
  itemCommandRoute('call'),
  itemCommandRoute('close'),
  itemCommandRoute('note', 'notes'),
  {
    method: 'GET',
    path: '/api/console/queue/:id/attachments/:attachmentId',
    access: { permission: 'conversation:read' },
    handler: itemAttachment,
  },
  // WhatsApp's 24-hour window: its state, and the approved templates to send once it has closed.
  {
    method: 'GET',
    path: '/api/console/queue/:id/reply-window',
    access: { permission: 'conversation:read' },
    handler: replyWindowRoute,
  },
  {
    method: 'POST',
    path: '/api/console/queue/:id/whatsapp-template',
    access: { permission: 'conversation:reply' },
    handler: whatsappTemplateRoute,
  },
  // A photo, voice note or document a texter sent, as a sandboxed download; each view audited.
  { method: 'GET', path: '/api/media/:id', access: { permission: 'media:view' }, handler: mediaRoute },
  // Referrals, hotline side: operators refer, supervisors confirm exceptions and re-route.
  {
    method: 'POST',
    path: '/api/console/queue/:id/referrals',
    access: { permission: 'referral:create' },
    handler: referItem,
  },
  {
    method: 'GET',
    path: '/api/console/partners',
    access: { permission: 'referral:create' },
    handler: searchPartners,
  },
  {
    method: 'POST',
    path: '/api/console/partners',
    access: { permission: 'partner:manage' },
    handler: addPartner,
  },
  {
    method: 'POST',
    path: '/api/console/partners/:id/deactivate',
    access: { permission: 'partner:manage' },
    handler: deactivatePartner,
  },
  {
    method: 'POST',
    path: '/api/console/partners/:id/reactivate',
    access: { permission: 'partner:manage' },
    handler: reactivatePartner,
  },
  {
    method: 'GET',
    path: '/api/console/referrals',
    access: { permission: 'referral:create' },
    handler: listReferrals,
  },
  {
    method: 'GET',
    path: '/api/console/referrals/:id',
    access: { permission: 'referral:create' },
    handler: showReferral,
  },
  {
    method: 'POST',
    path: '/api/console/referrals/:id/confirm',
    access: { permission: 'referral:confirm' },
    handler: confirmReferral,
  },
  {
    method: 'POST',
    path: '/api/console/referrals/:id/withdraw',
    access: { permission: 'referral:create' },
    handler: withdraw,
  },
  {
    method: 'POST',
    path: '/api/console/referrals/:id/info',
    access: { permission: 'referral:create' },
    handler: answerPartner,
  },
  // Staff accounts: administrators create, deactivate and reactivate them, sign them out
  // everywhere, change their role and reset their authenticator.
  { method: 'GET', path: '/api/console/staff', access: { permission: 'staff:manage' }, handler: staffList },
  {
    method: 'POST',
    path: '/api/console/staff',
    access: { permission: 'staff:manage' },
    handler: staffCreate,
  },
  {
    method: 'POST',
    path: '/api/console/staff/:id/deactivate',
    access: { permission: 'staff:manage' },
    handler: staffDeactivate,
  },
  {
    method: 'POST',
    path: '/api/console/staff/:id/reactivate',
    access: { permission: 'staff:manage' },
    handler: staffReactivate,
  },
  {
    method: 'POST',
    path: '/api/console/staff/:id/revoke-sessions',
    access: { permission: 'staff:manage' },
    handler: staffRevokeSessions,
  },
  {
    method: 'POST',
    path: '/api/console/staff/:id/role',
    access: { permission: 'staff:manage' },
    handler: staffChangeRole,
  },
  {
    method: 'POST',
    path: '/api/console/staff/:id/reset-authenticator',
    access: { permission: 'staff:manage' },
    handler: staffResetAuthenticator,
  },
  // The directory in Open Referral HSDS shape, read-only: the public help directory for anyone, the
  // partner directory for staff who refer (every role with partner:manage also has referral:create).
  ...HSDS_LISTS.map(
    (list) =>
      ({
        method: 'GET',
        path: `/api/directory/hsds/${list}`,
        access: 'public',
        handler: publicHsdsList(list),
      }) as const,
  ),
  ...HSDS_LISTS.map(
    (list) =>
      ({
        method: 'GET',
        path: `/api/directory/partners/hsds/${list}`,
        access: { permission: 'referral:create' },
        handler: partnerHsdsList(list),
      }) as const,
  ),
  // Referrals, partner side: each caseworker sees only its own organisation's referrals.
  { method: 'GET', path: '/api/intake/openapi.json', access: 'public', handler: intakeOpenApiDocument },
  {
    method: 'GET',
    path: '/api/intake/referrals',
    access: { permission: 'referral:intake' },
    handler: intakeQueue,
  },
  {
    method: 'GET',
    path: '/api/intake/referrals/:id',
    access: { permission: 'referral:intake' },
    handler: intakeShow,
  },
  {
    method: 'POST',
    path: '/api/intake/referrals/:id/accept',
    access: { permission: 'referral:intake' },
    handler: intakeAccept,
  },
  {
    method: 'POST',
    path: '/api/intake/referrals/:id/decline',
    access: { permission: 'referral:intake' },
    handler: intakeDecline,
  },
  {
    method: 'POST',
    path: '/api/intake/referrals/:id/request-info',
    access: { permission: 'referral:intake' },
    handler: intakeRequestInfo,
  },
  {
    method: 'GET',
    path: '/api/intake/referrals/:id/export',
    access: { permission: 'referral:intake' },
    handler: intakeExport,
  },
]);

export const handleApi = createRouter(routes);
