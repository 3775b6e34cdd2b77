/**
 * A server's data folder with an empty embedded cluster already in it, for tests whose subject is
 * not the first start. Creating a cluster runs PGlite's initdb (about 2 s of CPU in a process of
 * its own); a copy of one made earlier takes milliseconds. The cluster is blank (no migrations),
 * so the server still migrates it, writes its keys and publishes the first-admin link as on any
 * first start. The first-start path itself is tested where it is the subject (start-up,
 * embedded-folder) and measured by the benches, which never use this.
 *
 * The template is made once per PGlite version and kept in node_modules/.cache; test processes
 * running side by side may ask at once, so it is made aside and renamed into place.
 */
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Where the test templates (this folder, and the in-memory ones of databases.ts) are kept. */
export const TEMPLATES_DIR = path.resolve('node_modules/.cache/waymark-tests');

/** The installed PGlite's version: a template made by another version is not used. */
export async function pgliteVersion(): Promise<string> {
  const pkg = await readFile(path.resolve('node_modules/@electric-sql/pglite/package.json'), 'utf8');
  return (JSON.parse(pkg) as { version: string }).version;
}

let made: Promise<string> | undefined;

function template(): Promise<string> {
  made ??= (async () => {
    const folder = path.join(TEMPLATES_DIR, `pglite-folder-${await pgliteVersion()}`);
    if (existsSync(path.join(folder, 'PG_VERSION'))) return folder;
    const building = `${folder}.${process.pid}`;
    await rm(building, { recursive: true, force: true });
    await mkdir(TEMPLATES_DIR, { recursive: true });
    await (await PGlite.create(building)).close();
    try {
      await rename(building, folder);
    } catch {
      // Another process renamed its copy first: use that one.
      await rm(building, { recursive: true, force: true });
    }
    return folder;
  })();
  return made;
}

/** Puts a blank cluster in `folder` (a new or empty folder), as openPglite(folder) would make it. */
export async function blankCluster(folder: string): Promise<void> {
  await cp(await template(), folder, { recursive: true });
  await chmod(folder, 0o700);
}

/** Puts a blank cluster where the server looks for its embedded database (DATA_DIR/pglite). */
export async function withBlankDatabase(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await blankCluster(path.join(dataDir, 'pglite'));
}
