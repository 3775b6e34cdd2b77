/**
 * The partner intake API's contract: zod schemas of what each route takes and returns, and the
 * OpenAPI 3.1 document generated from them (served at GET /api/intake/openapi.json). Tests check
 * real responses against these schemas, so the document cannot drift from the API.
 */
import { z } from 'zod';
import { json } from '../http/json.ts';
import { htcdsExportSchema } from './export-referral.ts';
import { declineSchema, messageSchema, packetSchema, REFERRAL_STATUSES } from './referral-schema.ts';

const when = z.iso.datetime();

export const intakeSummarySchema = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  fields: z.array(z.string()),
  consentBasis: z.enum(['consent', 'emergency-exception']),
  createdAt: when,
  sentAt: when.nullable(),
  ackDueAt: when.nullable(),
  acknowledgedAt: when.nullable(),
  escalatedAt: when.nullable(),
  overdue: z.boolean(),
});

export const intakeDetailSchema = intakeSummarySchema.extend({
  packet: packetSchema.nullable().describe('Null once the hotline withdrew the referral.'),
  consent: z.object({
    givenBy: z.string().nullable(),
    method: z.string().nullable(),
    at: when.nullable(),
    scope: z.object({ partnerName: z.string(), fields: z.array(z.string()), purpose: z.string() }),
    confirmedAt: when.nullable(),
  }),
  events: z.array(
    z.object({
      at: when,
      side: z.enum(['hotline', 'partner', 'system']),
      kind: z.string(),
      actor: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
});

const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
});

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' });
const jsonBody = (s: z.ZodType) => ({ content: { 'application/json': { schema: schema(s) } } });
const errors = {
  '401': { description: 'Not signed in', ...problemBody() },
  '403': { description: 'Not a caseworker, or the CSRF check failed', ...problemBody() },
};
function problemBody() {
  return { content: { 'application/problem+json': { schema: schema(problem) } } };
}
const idParameter = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
const notFound = { '404': { description: 'No such referral for your organisation', ...problemBody() } };
const decision = (summary: string, body?: z.ZodType) => ({
  post: {
    summary,
    parameters: idParameter,
    ...(body ? { requestBody: { required: true, ...jsonBody(body) } } : {}),
    responses: {
      '204': { description: 'Done' },
      '409': { description: 'The referral is no longer open', ...problemBody() },
      ...(body ? { '422': { description: 'Invalid body', ...problemBody() } } : {}),
      ...notFound,
      ...errors,
    },
  },
});

export function intakeOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waymark partner intake API',
      version: '1.0.0',
      description:
        "Referrals sent to one partner organisation. Every route answers only for the caseworker's own organisation: another organisation's referral is 404. Sign in through the console (session cookie); state-changing requests need the session's CSRF token in X-CSRF-Token.",
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'waymark-staff' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
    security: [{ session: [] }],
    paths: {
      '/api/intake/referrals': {
        get: {
          summary: 'The intake queue: open referrals first',
          responses: {
            '200': {
              description: 'Referrals',
              ...jsonBody(z.object({ referrals: z.array(intakeSummarySchema) })),
            },
            ...errors,
          },
        },
      },
      '/api/intake/referrals/{id}': {
        get: {
          summary: 'One referral with its packet and the exchange with the hotline (audited)',
          parameters: idParameter,
          responses: {
            '200': { description: 'The referral', ...jsonBody(z.object({ referral: intakeDetailSchema })) },
            ...notFound,
            ...errors,
          },
        },
      },
      '/api/intake/referrals/{id}/accept': decision('Accept the referral'),
      '/api/intake/referrals/{id}/decline': decision('Decline the referral, with a reason', declineSchema),
      '/api/intake/referrals/{id}/request-info': decision('Ask the hotline for information', messageSchema),
      '/api/intake/referrals/{id}/export': {
        get: {
          summary: "Export for the partner's case system in HTCDS field names (audited)",
          parameters: idParameter,
          responses: {
            '200': { description: 'HTCDS JSON', ...jsonBody(htcdsExportSchema) },
            ...notFound,
            ...errors,
          },
        },
      },
    },
  };
}

export async function intakeOpenApiDocument(): Promise<Response> {
  return json(intakeOpenApi());
}
