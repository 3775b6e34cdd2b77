/**
 * Each table has one owning module (or folder) that writes it; other capabilities call it. Read
 * from the source: an `insert into`, `update` or `delete from` a table anywhere else fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const OWNERS: Record<string, string> = {
  queue_items: 'functions/queue/',
  job_runs: 'functions/jobs/job-store.ts',
  content_documents: 'functions/cms/content-snapshot.ts',
  content_version: 'functions/cms/content-snapshot.ts',
  directory_verifications: 'functions/directory/verifications.ts',
  sms_media: 'functions/sms/media/media-store.ts',
  statistics_items: 'functions/statistics/',
  triage_corrections: 'functions/triage/corrections-store.ts',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('table owners', () => {
  const files = sources('functions').map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  for (const [table, owner] of Object.entries(OWNERS)) {
    it(`only ${owner} writes ${table}`, () => {
      const write = new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+${table}\\b`, 'i');
      const writers = files.filter((f) => write.test(f.text)).map((f) => f.file);
      expect(writers.length, `something writes ${table}`).toBeGreaterThan(0);
      expect(writers.filter((file) => !file.startsWith(owner))).toEqual([]);
    });
  }
});
