/**
 * The per-host request schedule the domain throttle books its slots in: an interface (so crawlers/ stays free of
 * Redis — workers/ composes a shared implementation) and the in-process default. A booking never sleeps; the
 * caller sleeps the returned wait.
 */

export interface SlotBooking {
  /** true: a slot was booked `waitMs` from now. false: the host is booked further ahead than the horizon. */
  booked: boolean;
  /** Milliseconds from now until the booked slot (or, when not booked, until the first free slot). */
  waitMs: number;
}

export interface HostSlots {
  /**
   * Books the host's next free slot: at least `intervalMs` after the slot booked before it (and at least that
   * booking's own interval), never in the past. A slot more than `horizonMs` away is not booked, so a caller that
   * would give up anyway holds nothing.
   */
  reserve(host: string, intervalMs: number, horizonMs: number): Promise<SlotBooking>;
}

/** One process's schedule (the default: one crawl run spaces its own requests). */
export function createMemoryHostSlots(clock: () => number = Date.now): HostSlots {
  const last = new Map<string, { at: number; intervalMs: number }>();
  return {
    async reserve(host, intervalMs, horizonMs) {
      const now = clock();
      const prev = last.get(host);
      const slot = prev ? Math.max(now, prev.at + Math.max(prev.intervalMs, intervalMs)) : now;
      const waitMs = slot - now;
      if (waitMs > horizonMs) return { booked: false, waitMs };
      last.set(host, { at: slot, intervalMs });
      return { booked: true, waitMs };
    },
  };
}
