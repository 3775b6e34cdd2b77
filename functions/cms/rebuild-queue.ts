/**
 * Runs site rebuilds one at a time and coalesces publishes: a publish while a build runs marks the
 * site dirty, and however many arrive, exactly one more build follows (it reads the dataset as it is
 * then, so it includes them all). The status is what the console and the logs show.
 */
import type { Logger } from '../http/logger.ts';

export interface RebuildStatus {
  mode: 'in-process' | 'deploy-hook';
  state: 'idle' | 'building';
  /** Another build will follow the running one. */
  pending: boolean;
  builds: number;
  failures: number;
  lastRequestedAt?: string;
  lastStartedAt?: string;
  lastFinishedAt?: string;
  lastDurationMs?: number;
  lastError?: string;
}

export interface Publisher {
  /** Asks for a rebuild; answers whether a build starts now or is queued behind the running one. */
  request(): 'started' | 'queued';
  status(): RebuildStatus;
  /** Resolves once no build runs and none is pending (tests, shutdown). */
  idle(): Promise<void>;
}

export function createRebuildQueue(
  mode: RebuildStatus['mode'],
  build: () => Promise<void>,
  log: Logger,
  now: () => Date = () => new Date(),
): Publisher {
  const status: RebuildStatus = { mode, state: 'idle', pending: false, builds: 0, failures: 0 };
  let running: Promise<void> | undefined;

  async function loop() {
    do {
      status.pending = false;
      status.state = 'building';
      const started = performance.now();
      status.lastStartedAt = now().toISOString();
      log.info('site rebuild started', { job: `publish:${mode}` });
      try {
        await build();
        status.builds += 1;
        status.lastError = undefined;
        log.info('site rebuild finished', {
          job: `publish:${mode}`,
          durationMs: Math.round(performance.now() - started),
          count: status.builds,
        });
      } catch (error) {
        status.failures += 1;
        status.lastError = (error as Error).message.slice(0, 2000);
        // The build's own message (which document, which field) is for staff: GET /api/cms/status.
        log.error('site rebuild failed', { job: `publish:${mode}`, errorName: (error as Error).name });
      }
      status.lastDurationMs = Math.round(performance.now() - started);
      status.lastFinishedAt = now().toISOString();
    } while (status.pending);
    status.state = 'idle';
  }

  return {
    request() {
      status.lastRequestedAt = now().toISOString();
      if (running) {
        status.pending = true;
        return 'queued';
      }
      running = loop().finally(() => {
        running = undefined;
      });
      return 'started';
    },
    status: () => ({ ...status }),
    idle: async () => {
      while (running) await running;
    },
  };
}
