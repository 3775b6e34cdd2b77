import { describe, expect, it } from 'vitest';
import { StreamSlots } from '../../../functions/console/stream-slots.ts';

describe('live-update stream slots', () => {
  it('caps streams per session and per node, and frees a slot once however often it is released', () => {
    const slots = new StreamSlots(3, 5);
    const a = [slots.take('a'), slots.take('a'), slots.take('a')];
    expect(a.every(Boolean)).toBe(true);
    expect(slots.take('a')).toBeNull();
    const b = [slots.take('b'), slots.take('b')];
    expect(b.every(Boolean)).toBe(true);
    // The node is full: even a session with no stream yet is refused.
    expect(slots.take('c')).toBeNull();
    a[0]!();
    a[0]!();
    expect(slots.open).toBe(4);
    expect(slots.take('c')).not.toBeNull();
    expect(slots.take('a')).toBeNull();
    b[0]!();
    expect(slots.take('a')).not.toBeNull();
  });
});
