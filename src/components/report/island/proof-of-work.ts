/**
 * The report form's proof of work (functions/reports/proof-of-work.ts checks it): a challenge
 * fetched and solved in the background while the reporter writes, kept fresh until the form is sent.
 */
import { type Challenge, encodeSolution, isChallenge, solve } from './solve.ts';

const CHALLENGE_URL = '/api/reports/challenge';
/** Challenges expire after 20 minutes; a solution older than this is replaced before sending. */
const FRESH_MS = 15 * 60_000;
/** After a failed fetch, try again at the next keystroke only after this long. */
const RETRY_MS = 30_000;

/**
 * Fetches and solves a challenge in the background. Never throws: if anything fails (offline,
 * server error, no WebCrypto on an insecure origin) the result is null and the form is sent
 * without a proof of work, under the plain form's rules. A report must never be lost.
 */
export function proofOfWork() {
  let job: { at: number; ttl: number; value?: string | null; result: Promise<string | null> } | undefined;
  const fresh = () => job !== undefined && Date.now() - job.at < job.ttl;
  const attempt = async (at: number): Promise<string | null> => {
    const response = await fetch(CHALLENGE_URL, { cache: 'no-store', credentials: 'same-origin' });
    const challenge: unknown = response.ok ? await response.json() : null;
    if (!isChallenge(challenge)) return null;
    const subtle = crypto.subtle;
    const n = await solve(challenge as Challenge, (data) => subtle.digest('SHA-256', data), {
      cancelled: () => job?.at !== at,
    });
    return n === null ? null : encodeSolution(challenge, n);
  };
  return {
    /** Starts (or keeps) a fresh attempt and returns its result. */
    start(): Promise<string | null> {
      if (job && fresh()) return job.result;
      const at = Date.now();
      const current: NonNullable<typeof job> = { at, ttl: FRESH_MS, result: Promise.resolve(null) };
      current.result = attempt(at)
        .catch(() => null)
        .then((value) => {
          current.value = value;
          if (value === null) current.ttl = RETRY_MS;
          return value;
        });
      job = current;
      return current.result;
    },
    /** The solution, if one is ready and fresh now. */
    ready: (): string | null => (fresh() && job?.value) || null,
    /** A solution is spent once sent (e.g. the page came back from the back/forward cache). */
    reset() {
      job = undefined;
    },
  };
}
