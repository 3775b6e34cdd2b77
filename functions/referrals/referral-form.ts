/**
 * The console's referral form (plain HTML, works without JavaScript) turned into the same request
 * the API takes. A field reaches the packet only when its "share" box is ticked, so the operator
 * decides field by field what the partner sees; the preview and the sent packet come from here.
 */
import { z } from 'zod';
import { type CreateReferral, createReferralSchema, type Packet } from './referral-schema.ts';

const list = (value: string) =>
  value
    .split(/[\s,;]+/)
    .map((v) => v.trim())
    .filter(Boolean);

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export type FormProblems = { field: string; message: string }[];

/** Every field the form carries, so the preview can send them again unchanged. */
export function formEntries(form: FormData): [string, string][] {
  return [...form.entries()]
    .filter(([k, v]) => typeof v === 'string' && k !== 'csrf' && k !== 'action')
    .map(([k, v]) => [k, String(v)]);
}

export function referralFromForm(
  form: FormData,
  now: Date,
): { ok: true; value: CreateReferral } | { ok: false; problems: FormProblems } {
  const shared = (name: keyof Packet) => form.get(`share_${name}`) === 'on';
  const packet: Record<string, unknown> = { needs: form.getAll('needs').map(String) };
  if (shared('sex')) packet.sex = text(form, 'sex');
  if (shared('ageRange')) packet.ageRange = text(form, 'ageRange');
  if (shared('nationality')) packet.nationality = list(text(form, 'nationality').toUpperCase());
  if (shared('languages')) packet.languages = list(text(form, 'languages').toLowerCase());
  if (shared('exploitationTypes')) packet.exploitationTypes = form.getAll('exploitationTypes').map(String);
  if (shared('currentLocation')) {
    packet.currentLocation = {
      country: text(form, 'locationCountry').toUpperCase(),
      ...(text(form, 'locationArea') ? { area: text(form, 'locationArea') } : {}),
    };
  }
  if (shared('safeContact')) {
    packet.safeContact = {
      method: text(form, 'contactMethod'),
      ...(text(form, 'contactValue') ? { value: text(form, 'contactValue') } : {}),
      ...(text(form, 'contactTimes') ? { times: text(form, 'contactTimes') } : {}),
    };
  }
  if (shared('summary')) packet.summary = text(form, 'summary');

  const basis = text(form, 'basis');
  const at = text(form, 'consentAt');
  const consent =
    basis === 'emergency-exception'
      ? { basis, justification: text(form, 'justification') }
      : {
          basis,
          givenBy: text(form, 'givenBy'),
          method: text(form, 'consentMethod'),
          ...(at ? { at: new Date(at) } : {}),
          confirmed: form.get('consentConfirmed') === 'on',
        };
  const parsed = createReferralSchema
    .superRefine((r, ctx) => {
      if (r.consent.basis === 'consent' && r.consent.at && r.consent.at > now)
        ctx.addIssue({ code: 'custom', path: ['consent', 'at'], message: 'consent cannot be in the future' });
    })
    .safeParse({ partnerId: text(form, 'partnerId'), packet, consent });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  };
}

export const rerouteParam = z.uuid();
