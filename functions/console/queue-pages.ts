/**
 * The hotline's console pages, as the page table declares them: the queue, one item, and the
 * supervisor's floor. Each page's `load` gathers what it shows; its form actions are the item
 * commands of queue-commands.ts, the same the API runs.
 */

import { isLocale } from '#kernel/i18n/locales.ts';
import type { UiKey } from '#kernel/i18n/ui.ts';
import { HttpError } from '../http/http-error.ts';
import { OUTCOMES } from '../queue/claims.ts';
import { PRIORITIES } from '../queue/priority.ts';
import { hotlineList } from '../referrals/referral-views.ts';
import { listThreadMedia } from '../sms/media/thread-media.ts';
import { OPERATOR_TEMPLATES } from '../sms/templates.ts';
import { replyOptions, sendWhatsAppTemplate, templateRequestSchema } from '../sms/whatsapp-templates.ts';
import { can } from '../staff/roles.ts';
import { activeHotlineStaff } from '../staff/staff-lifecycle.ts';
import {
  excludedFromStatistics,
  exclusionSchema,
  setExcludedFromStatistics,
} from '../statistics/exclude-item.ts';
import { channelOf } from '../threads/channels.ts';
import { barChart } from './dashboard-svg.ts';
import { floor } from './floor.ts';
import { itemDetail } from './item-detail.ts';
import type { PageAction, StaffPageContext } from './page-table.ts';
import { staffPage } from './page-table.ts';
import {
  claimNextFor,
  ITEM_COMMANDS,
  type ItemCommandName,
  parseForm,
  validItemId,
} from './queue-commands.ts';
import { openQueue } from './queue-view.ts';
import { contactsBefore } from './search.ts';

const itemActions = Object.fromEntries(
  (Object.keys(ITEM_COMMANDS) as ItemCommandName[]).map((name) => {
    const command = ITEM_COMMANDS[name];
    const action: PageAction = {
      permission: command.permission,
      async run(context, form) {
        const id = validItemId(context.params.id);
        const input = parseForm(command.schema, form);
        // biome-ignore lint/suspicious/noExplicitAny: each command's input is its own schema's
        await command.run(context.deps, context.session, id, input as any);
        return command.after === 'item' ? `/console/items/${id}` : '/console/';
      },
    };
    return [name, action];
  }),
);

async function loadQueue({ deps, session }: StaffPageContext) {
  return { items: await openQueue(deps.db, deps.config, session.user.id, deps.now()) };
}

export type QueuePageData = Awaited<ReturnType<typeof loadQueue>>;

export const queuePage = staffPage({
  path: '/console/',
  access: { permission: 'queue:read' },
  otherwise: { permission: 'referral:intake', location: '/console/intake' },
  load: loadQueue,
  actions: {
    next: {
      permission: 'queue:claim',
      async run({ deps, session }) {
        const item = await claimNextFor(deps, session);
        return item ? `/console/items/${item.id}` : '/console/';
      },
    },
  },
});

/** An outgoing text's status in a few words an operator reads (Twilio has a dozen). */
function deliveryOf(status: string): 'auto' | 'queued' | 'sent' | 'delivered' | 'failed' {
  if (status === 'twiml') return 'auto';
  if (['delivered', 'read', 'received'].includes(status)) return 'delivered';
  if (['failed', 'undelivered', 'canceled'].includes(status)) return 'failed';
  if (status === 'sent') return 'sent';
  return 'queued';
}

function declaredKind(type: string | null): 'image' | 'audio' | 'document' | null {
  if (type?.startsWith('image/')) return 'image';
  if (type?.startsWith('audio/')) return 'audio';
  if (type === 'application/pdf') return 'document';
  return null;
}

export async function loadItem({ deps, session, params, t, locale }: StaffPageContext) {
  const item = await itemDetail(deps, session.user.id, validItemId(params.id));
  const role = session.user.role;
  const may = {
    exclude: can(role, 'statistics:exclude'),
    refer: can(role, 'referral:create'),
    confirm: can(role, 'referral:confirm'),
    assign: can(role, 'queue:assign'),
    media: can(role, 'media:view'),
  };
  const channel = channelOf(item.source);
  const kilobytes = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'kilobyte',
    maximumFractionDigits: 0,
  });
  // Photos and voice notes a texter sent: opened (and audited) one by one, never preloaded.
  const media = may.media ? await listThreadMedia(deps, item.id) : [];
  // WhatsApp's window, for a conversation that still has its thread (retention may have taken it).
  const options =
    item.source === 'sms'
      ? await replyOptions(deps, item.id).catch((error: unknown) => {
          if (error instanceof HttpError && error.status === 404) return null;
          throw error;
        })
      : null;
  return {
    item: {
      ...item,
      thread: item.thread.map((m) => ({ ...m, delivery: m.status ? deliveryOf(m.status) : undefined })),
    },
    fields: item.loaded ? channel.fields(item.loaded, t, locale) : [],
    attachments: (item.loaded?.attachments ?? []).map((a, n) => ({
      ...a,
      n: n + 1,
      href: `/api/console/queue/${item.id}/attachments/${a.id}`,
      size: kilobytes.format(Math.max(1, a.byteSize / 1000)),
    })),
    media: media.map((m, n) => ({
      id: m.id,
      n: n + 1,
      // Until the bytes are in, what Twilio declared says what is coming ("voice note 1: being fetched").
      kind: m.kind ?? declaredKind(m.declaredType),
      state: m.state,
      type: m.type ?? m.declaredType ?? '',
      size: m.size === null ? '' : kilobytes.format(Math.max(1, m.size / 1000)),
      href: m.state === 'stored' ? `/api/media/${m.id}` : null,
    })),
    mediaFetching: media.filter((m) => m.state === 'pending' || m.state === 'fetching').length,
    whatsapp:
      options?.channel === 'whatsapp'
        ? { open: options.open, closesAt: options.closesAt, templates: options.templates }
        : null,
    linkedLabel: t(channel.linkedLabel),
    contacts: await contactsBefore(deps, item),
    excluded: may.exclude ? await excludedFromStatistics(deps, item.id) : null,
    tools: channel.tools,
    templates: channel.tools.templates
      ? Object.values(OPERATOR_TEMPLATES[isLocale(item.lang) ? item.lang : 'en'])
      : [],
    outcomes: OUTCOMES,
    priorities: PRIORITIES,
    referrals: may.refer ? await hotlineList(deps.db, deps.now(), item.id) : [],
    colleagues: may.assign ? await activeHotlineStaff(deps.db) : [],
    may,
  };
}
export type ItemPageData = Awaited<ReturnType<typeof loadItem>>;

export const itemPage = staffPage({
  path: '/console/items/:id',
  access: { permission: 'conversation:read' },
  load: loadItem,
  actions: {
    ...itemActions,
    // WhatsApp's window has closed: the approved template, by the same command and schema as the API.
    template: {
      permission: 'conversation:reply',
      async run({ deps, session, params }, form) {
        const id = validItemId(params.id);
        const locale = form.get('locale');
        const request = templateRequestSchema.parse(typeof locale === 'string' && locale ? { locale } : {});
        await sendWhatsAppTemplate(deps, session.user.id, id, request);
        return `/console/items/${id}`;
      },
    },
    // The statistics capability's own command and schema, as its API route calls them.
    statistics: {
      permission: 'statistics:exclude',
      async run({ deps, session, params }, form) {
        const id = validItemId(params.id);
        const input = exclusionSchema.parse({ exclude: form.get('exclude') === 'true' });
        await setExcludedFromStatistics(deps, session.user.id, id, input.exclude);
        return `/console/items/${id}`;
      },
    },
  },
});

export async function loadFloor({ deps, locale, t }: StaffPageContext) {
  const view = await floor(deps.db, deps.config, deps.now());
  const hour = new Intl.DateTimeFormat(locale, { hour: '2-digit' });
  return {
    view,
    waitingChart: barChart(
      t('console.waitingByPriority'),
      PRIORITIES.map((p) => ({
        label: t(`console.priority.${p}` as UiKey),
        value: view.waiting[p],
        tone: p,
      })),
    ),
    breachChart: barChart(
      t('console.breachesOverTime'),
      view.breachesByHour.map((h) => ({
        label: hour.format(h.hour),
        value: h.breaches,
        tone: 'emergency' as const,
      })),
      { width: 640 },
    ),
  };
}
export type FloorPageData = Awaited<ReturnType<typeof loadFloor>>;

export const floorPage = staffPage({
  path: '/console/floor',
  access: { permission: 'queue:floor' },
  load: loadFloor,
});
