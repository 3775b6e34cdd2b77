/**
 * Caps on live-update streams: each one holds a connection and polls the database, so one session
 * (a page opened in many tabs, a script) may not open more than a few, nor all sessions together
 * more than a node can keep. Counted per app node, in memory: a stream lives on one node.
 */

export class StreamSlots {
  private readonly bySession = new Map<string, number>();
  private total = 0;
  readonly perSession: number;
  readonly perNode: number;

  constructor(perSession: number, perNode: number) {
    this.perSession = perSession;
    this.perNode = perNode;
  }

  /** A release function (safe to call more than once), or null when a cap is reached. */
  take(sessionKey: string): (() => void) | null {
    const mine = this.bySession.get(sessionKey) ?? 0;
    if (mine >= this.perSession || this.total >= this.perNode) return null;
    this.bySession.set(sessionKey, mine + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.bySession.get(sessionKey) ?? 1) - 1;
      if (left > 0) this.bySession.set(sessionKey, left);
      else this.bySession.delete(sessionKey);
    };
  }

  get open(): number {
    return this.total;
  }
}
