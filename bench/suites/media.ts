/**
 * `--only media`: the SMS/WhatsApp media suite (media-run.ts), run in this process without a
 * build. The server's modules use Vite's JSON and glob imports, so they are loaded through Vite's
 * module runner, as the tests load them.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export async function mediaBench(): Promise<string> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const { module } = await runnerImport<typeof import('./media-run.ts')>(
    fileURLToPath(new URL('./media-run.ts', import.meta.url)),
    { configFile: false, root, logLevel: 'error' },
  );
  return module.mediaBench();
}
