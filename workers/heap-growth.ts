/**
 * Sets how far a worker process's V8 heap may grow past its live data before the next full GC. V8 picks that factor
 * itself (up to 4× the live heap when GC is cheap next to the allocation rate): a crawl with ~80 MB live reached a
 * ~290 MB heap, nearly all of it garbage. A fixed, smaller factor keeps RSS near the live data at the cost of a few
 * more full GCs. Not a cap: the heap still grows with what is live, so nothing runs out of memory because of it.
 * Called once by `pulse workers`, the process's edge; tests and the demo keep V8's default.
 */
import { setFlagsFromString } from 'node:v8';

/** `percent` = 0 leaves V8's own choice. The flag is read at every full GC, so setting it after start-up takes effect. */
export function setHeapGrowingPercent(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
