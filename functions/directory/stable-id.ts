/**
 * Name-based UUIDs (RFC 9562 version 5): the same directory entry always gets the same HSDS id, in
 * every export and every API answer, so that a consumer can update instead of duplicating.
 */
import { createHash } from 'node:crypto';

/** Waymark's namespace for directory ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('4f3c6a2e9b1d4e7a8c5f0d2b6e9a1c37', 'hex');

export function stableId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('/'), 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
