/**
 * Audit checkpoints: the chain's head and length, MAC'd with the audit key and appended as one JSON
 * line to a file outside the database (AUDIT_CHECKPOINT_FILE, by default in DATA_DIR). Ship that
 * file to write-once storage and a cut tail, a rewritten entry or a re-computed chain cannot hide:
 * `npm run audit:verify` finds every checkpoint's entry where it was, with the same head.
 *
 * Each node writes one whenever the log grew by CHECKPOINT_EVERY_ENTRIES entries, at least every
 * CHECKPOINT_EVERY_MINUTES while it grows, and when it stops; CLIs that append write one at exit.
 * Entries after the newest checkpoint are what a cut could still remove unnoticed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { type AuditKeys, type ChainPoint, chainHead, lastSeq } from './audit.ts';

export const CHECKPOINT_EVERY_ENTRIES = 100;
export const CHECKPOINT_EVERY_MINUTES = 5;

const lineSchema = z.object({
  at: z.string(),
  seq: z.number().int().min(0),
  entries: z.number().int().min(0),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

function checkpointMac(keys: AuditKeys, p: ChainPoint): Buffer {
  return createHmac('sha256', keys.auditKey)
    .update(`waymark audit checkpoint\0${p.at}\0${p.seq}\0${p.entries}\0${p.head}`)
    .digest();
}

/** Appends the chain's current head; returns it. */
export async function writeCheckpoint(
  db: Queryable,
  keys: AuditKeys,
  file: string,
  now: Date,
): Promise<ChainPoint> {
  const head = await chainHead(db);
  const point: ChainPoint = {
    at: now.toISOString(),
    seq: head.seq,
    entries: head.entries,
    head: head.head.toString('hex'),
  };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(
    file,
    `${JSON.stringify({ ...point, mac: checkpointMac(keys, point).toString('hex') })}\n`,
    {
      mode: 0o600,
    },
  );
  return point;
}

export interface ReadCheckpoints {
  /** False when the file does not exist. */
  found: boolean;
  points: ChainPoint[];
  /** Lines that are not a checkpoint or whose MAC is wrong: forged or damaged. */
  rejected: number[];
}

export async function readCheckpoints(keys: AuditKeys, file: string): Promise<ReadCheckpoints> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, points: [], rejected: [] };
    throw error;
  }
  const result: ReadCheckpoints = { found: true, points: [], rejected: [] };
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(line));
    } catch {
      result.rejected.push(index + 1);
      return;
    }
    const { mac, ...point } = parsed;
    if (!timingSafeEqual(checkpointMac(keys, point), Buffer.from(mac, 'hex')))
      result.rejected.push(index + 1);
    else result.points.push(point);
  });
  return result;
}

/** A node's checkpoint writer: call `tick` often (it decides), and `flush` when stopping. */
export function createCheckpointer(deps: { db: Queryable; keys: AuditKeys; file: string; now: () => Date }) {
  let written: { seq: number; at: number } | null = null;
  const write = async () => {
    const point = await writeCheckpoint(deps.db, deps.keys, deps.file, deps.now());
    written = { seq: point.seq, at: deps.now().getTime() };
  };
  return {
    async tick(): Promise<void> {
      const seq = await lastSeq(deps.db);
      if (written && seq === written.seq) return;
      const due =
        !written ||
        seq - written.seq >= CHECKPOINT_EVERY_ENTRIES ||
        deps.now().getTime() - written.at >= CHECKPOINT_EVERY_MINUTES * 60_000;
      if (due) await write();
    },
    async flush(): Promise<void> {
      if (!written || (await lastSeq(deps.db)) !== written.seq) await write();
    },
  };
}
