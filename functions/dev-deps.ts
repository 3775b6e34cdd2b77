/** `astro dev` has no custom server in front of it: boot the dependencies once, on first use. */
import { boot } from './boot.ts';
import { loadConfig } from './config/load-config.ts';
import type { Deps } from './deps.ts';

let booting: Promise<Deps> | undefined;

export function devDeps(): Promise<Deps> {
  booting ??= boot(loadConfig()).then((b) => b.deps);
  return booting;
}
