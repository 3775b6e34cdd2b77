/**
 * One interface for every way a person reaches the hotline: a web report or an SMS conversation
 * today, each a "channel" in its own folder beside this file. The console's rooms ask the channel
 * for what they need (the thread, the fields it holds, how to answer, what to call the other side
 * of a linked pair) instead of branching on "report or SMS", so a new channel is one new folder
 * and one line in channels.ts.
 */
import type { Translate, UiKey } from '#kernel/i18n/ui.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { Priority } from '../queue/priority.ts';
import type { ExploitationType } from '../referrals/referral-schema.ts';

export interface ThreadEntry {
  direction: 'in' | 'out';
  text: string;
  at: Date;
  /** Delivery status of an outgoing text, for channels that have one. */
  status?: string;
  reasons?: string[];
}

/** One thing the person told, with a readable label and value in the operator's language. */
export interface ThreadField {
  label: string;
  value: string;
  /** The person's own words: shown isolated, in their direction. */
  own?: boolean;
}

export interface ThreadAttachment {
  id: string;
  mediaType: string;
  byteSize: number;
}

export interface LoadedThread {
  thread: ThreadEntry[];
  lang: string | null;
  optedOut: boolean;
  /** The other side of a linked pair (a conversation that quoted a report's receipt, and back). */
  linkedItemId: string | null;
  /** Channel-specific facts the item page turns into fields (a report's answers). */
  facts?: unknown;
  attachments: ThreadAttachment[];
}

/** What a thread already tells that a referral can start from (the operator still decides). */
export interface KnownFacts {
  country?: string;
  area?: string;
  /** In the referral standard's (HTCDS) terms. */
  exploitationTypes: ExploitationType[];
}

/** How an operator answers on this channel. */
export interface ReplyTools {
  /** Texts are billed per segment: show the counter. */
  segmentCounter: boolean;
  /** Canned texts written for this channel. */
  templates: boolean;
  maxLength: number;
}

export interface ThreadChannel {
  kind: 'report' | 'sms';
  tools: ReplyTools;
  /** What the item page calls the other side of a linked pair. */
  linkedLabel: UiKey;
  load(deps: Deps, sourceId: string): Promise<LoadedThread | null>;
  /** The labelled fields of the loaded thread, in the operator's language. */
  fields(loaded: LoadedThread, t: Translate, locale: string): ThreadField[];
  /** What is known, for pre-filling a referral. */
  known(loaded: LoadedThread): KnownFacts;
  /** Adds the operator's answer, in the caller's transaction. */
  reply(tx: Queryable, deps: Deps, sourceId: string, message: string, now: Date): Promise<void>;
  /** Keeps the person's own record in step with a priority a person chose. */
  setPriority(tx: Queryable, sourceId: string, priority: Priority): Promise<void>;
  /** One attachment's bytes, decrypted, or null when there is none with that id. */
  attachment(
    deps: Deps,
    sourceId: string,
    attachmentId: string,
  ): Promise<{ mediaType: string; bytes: Buffer } | null>;
}
