/**
 * Where the local Elasticsearch keeps its distribution and data: under the state directory, unless we run as root and
 * the unprivileged `pulse-es` user could not reach it (a clone under /root, mode 0700). Then a folder under
 * /var/lib/pulse named after the state directory, so each checkout still has its own node.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isRoot } from './system-tools.js';

/** true when every existing ancestor of `dir` lets "others" traverse it. */
export function traversableByOthers(dir: string): boolean {
  let current = resolve(dir);
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

export function esStateDir(stateDir: string): string {
  const wanted = resolve(stateDir);
  if (!isRoot() || traversableByOthers(wanted)) return wanted;
  const tag = createHash('sha1').update(wanted).digest('hex').slice(0, 10);
  return resolve('/var/lib/pulse', `state-${tag}`);
}
