/**
 * The SMS simulator as a page of the page table, for administrators: text the hotline as a phone
 * would, and read its answers. Refused outright when a real Twilio account is configured; shows
 * only phones it texted from.
 */
import type { PageData, StaffPageContext } from '../../console/page-table.ts';
import { staffPage } from '../../console/page-table.ts';
import { HttpError } from '../../http/http-error.ts';
import type { ApiHandler } from '../../http/router.ts';
import { type PhoneMessage, phoneThread, requireSimulatorMode, textAsPhone } from './simulate.ts';

// A phone number, or a WhatsApp sender as Twilio writes one (`whatsapp:+…`).
const PHONE = /^(whatsapp:)?\+[1-9][0-9]{6,14}$/;
const DEFAULT_PHONE = '+9779800000001';

/** The API's front door, passed in so that this module does not import the route table it is in. */
export function simulatorPage(handleApi: () => ApiHandler) {
  return staffPage({
    path: '/console/simulator',
    access: { permission: 'simulator:use' },
    async load(context: StaffPageContext, state) {
      const { deps, session, form, url, t } = context;
      let phone = String(form?.get('phone') ?? url.searchParams.get('phone') ?? DEFAULT_PHONE).trim();
      const country = String(form?.get('country') ?? '')
        .trim()
        .toUpperCase();
      let problem = state?.problem as string | undefined;
      let off = false;
      let thread: PhoneMessage[] = [];
      try {
        await requireSimulatorMode(deps, session.user.id);
        if (!PHONE.test(phone)) {
          problem = t('console.simulatorPhoneInvalid');
          phone = DEFAULT_PHONE;
        }
        thread = await phoneThread(deps, session.user.id, phone);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        off = error.code === 'simulator-off';
        problem = off ? t('console.simulatorOff') : t('console.simulatorNotSimulated');
      }
      return { phone, country, problem, off, thread };
    },
    actions: {
      default: {
        async run({ deps, session, t }, form) {
          await requireSimulatorMode(deps, session.user.id);
          const phone = String(form.get('phone') ?? '').trim();
          const country = String(form.get('country') ?? '')
            .trim()
            .toUpperCase();
          const body = String(form.get('message') ?? '');
          if (!PHONE.test(phone))
            throw new HttpError(422, 'phone-invalid', t('console.simulatorPhoneInvalid'));
          if (body.length > 1600) throw new HttpError(422, 'message-long', t('console.error.messageLong'));
          // A photo or a voice note, as an MMS or WhatsApp message carries it: the media job fetches it.
          const files = form.getAll('media').filter((f): f is File => f instanceof File && f.size > 0);
          const media = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
          if (body.trim() || media.length > 0) {
            const response = await textAsPhone(deps, handleApi(), session.user.id, {
              from: phone,
              body,
              country: /^[A-Z]{2}$/.test(country) ? country : undefined,
              media,
            });
            if (!response.ok) return { state: { problem: `${response.status}` } };
          }
          return `/console/simulator?phone=${encodeURIComponent(phone)}`;
        },
      },
    },
  });
}
export type SimulatorPageData = PageData<ReturnType<typeof simulatorPage>>;
