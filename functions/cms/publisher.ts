/**
 * Chooses how this node publishes: a deploy hook when DEPLOY_HOOK_URL is set, otherwise an
 * in-process rebuild of its own dist folder. In-process rebuilds are per node: with several app
 * nodes, each needs the webhook (or, better, use a deploy hook and a shared build).
 */
import type { Config } from '../config/load-config.ts';
import type { Logger } from '../http/logger.ts';
import type { StaticSite } from '../server/static-files.ts';
import { createRebuildQueue, type Publisher } from './rebuild-queue.ts';
import { deployHookBuilder, inProcessBuilder } from './site-builders.ts';

export function createPublisher(config: Config, site: StaticSite, distDir: string, log: Logger): Publisher {
  if (config.cms.deployHookUrl) {
    return createRebuildQueue('deploy-hook', deployHookBuilder(config.cms.deployHookUrl), log);
  }
  return createRebuildQueue('in-process', inProcessBuilder(distDir, site), log);
}
