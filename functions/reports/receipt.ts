/**
 * Receipt codes: 16 random digits (about 53 bits), shown once as NNNN-NNNN-NNNN-NNNN and stored
 * only as a keyed hash. Digits survive being read aloud, typed on any keypad and written on paper.
 */
import { randomInt } from 'node:crypto';
import { keyedHash } from '../crypto/keyed-hash.ts';

export const RECEIPT_PATTERN = /^\d{4}-\d{4}-\d{4}-\d{4}$/;

export function newReceipt(): string {
  const digits = Array.from({ length: 16 }, () => randomInt(10)).join('');
  return formatReceipt(digits);
}

function formatReceipt(digits: string): string {
  return digits.match(/\d{4}/g)!.join('-');
}

/** Accepts spaces, dashes and other separators people type; returns the canonical form or null. */
export function normalizeReceipt(input: string): string | null {
  const digits = input.replace(/[\s\-–—._/]/g, '');
  return /^\d{16}$/.test(digits) ? formatReceipt(digits) : null;
}

export function receiptHash(hashKey: Uint8Array, receipt: string): Buffer {
  return keyedHash(hashKey, 'receipt', receipt);
}
