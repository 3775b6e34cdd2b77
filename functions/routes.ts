/**
 * The API's routing table: every endpoint Waymark serves under /api, with who may call it. The
 * Astro endpoint is a one-line shim around the router built from this list, and the fuzz suite
 * walks this list, so a new route is served and fuzzed the moment it is added here.
 */
import { health } from './health/health.ts';
import { json } from './http/json.ts';
import { defineRoutes } from './http/route.ts';
import { createRouter } from './http/router.ts';
import { lookupReport, replyToReport } from './reports/follow-up.ts';
import { createChallenge } from './reports/proof-of-work.ts';
import { submitReport } from './reports/submit-report.ts';
import { inboundSms } from './sms/inbound.ts';
import { simulatorTwilio } from './sms/simulator/simulator-twilio.ts';
import { smsStatus } from './sms/status-callback.ts';

export const routes = defineRoutes([
  { method: 'GET', path: '/api/health', access: 'public', handler: (req, { deps }) => health(req, deps) },
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
    maxBodyBytes: 12 * 1024 * 1024,
    handler: submitReport,
  },
  { method: 'POST', path: '/api/reports/lookup', access: 'public', handler: lookupReport },
  { method: 'POST', path: '/api/reports/reply', access: 'public', handler: replyToReport },
  // Twilio's webhooks: public, but every request must carry a valid X-Twilio-Signature.
  { method: 'POST', path: '/api/sms/inbound', access: 'public', handler: inboundSms },
  { method: 'POST', path: '/api/sms/status', access: 'public', handler: smsStatus },
  // Twilio's Messages API as the simulator's carrier; Basic auth with the simulator's token.
  {
    method: 'POST',
    path: '/api/simulator/twilio/2010-04-01/Accounts/:accountSid/Messages.json',
    access: 'public',
    handler: simulatorTwilio,
  },
]);

export const handleApi = createRouter(routes);
