/**
 * What goes into the media cleaner and what comes out: bytes and the type they claim to be in;
 * cleaned bytes and their final type out, or a refusal that says why in a word a caller can turn
 * into a message for the person who sent the file. Report attachments use it today; media that
 * arrives over SMS and WhatsApp can use the same contract.
 */
import type { MediaType } from './sniff-media-type.ts';

export interface CleanJob {
  bytes: Uint8Array;
  /** The type the caller expects, sniffed from the bytes or declared by the sender; the bytes must agree. */
  type: MediaType;
}

export type Refusal =
  /** The bytes are not of the expected type, or of no type the cleaner handles. */
  | 'unsupported-type'
  /** Damaged, truncated or otherwise not decodable. */
  | 'unreadable'
  /** A PDF protected by a password or encryption: its contents cannot be rebuilt. */
  | 'encrypted'
  /** Too many pixels, pages or output bytes. */
  | 'too-large'
  /** Cleaning did not finish within the time limit. */
  | 'too-slow'
  /** Cleaning needed more memory than a worker may use. */
  | 'too-much-memory'
  /** Every worker is busy and the queue is full: try again later. */
  | 'busy';

export type CleanResult =
  | { ok: true; bytes: Uint8Array; mediaType: MediaType }
  | { ok: false; refusal: Refusal };

/** A refusal raised inside the cleaning code, turned into a result at the worker's edge. */
export class CleaningRefused extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal);
    this.name = 'CleaningRefused';
    this.refusal = refusal;
  }
}
