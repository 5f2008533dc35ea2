/** Finds a JDK whose `java` is version 21 or newer (Elasticsearch 9 needs it): the configured one, then /usr/lib/jvm. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from '../errors.js';
import { run } from './system-tools.js';

export function javaMajor(javaBin: string): number | undefined {
  const r = run(javaBin, ['-version'], { timeoutMs: 20_000 });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (!m) return undefined;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

export function findJava21(configured?: string): string {
  const candidates: string[] = [];
  if (configured) candidates.push(configured);
  const jvm = '/usr/lib/jvm';
  if (existsSync(jvm)) candidates.push(...readdirSync(jvm).sort().reverse().map((d) => join(jvm, d)));
  for (const home of candidates) {
    const bin = join(home, 'bin', 'java');
    if (!existsSync(bin)) continue;
    const major = javaMajor(bin);
    if (major !== undefined && major >= 21) return home;
    if (home === configured) throw new ServiceError('TOOL_MISSING', `ES_JAVA_HOME=${configured} is Java ${major ?? '?'}, but Elasticsearch 9 needs Java 21+`);
  }
  throw new ServiceError('TOOL_MISSING', 'Elasticsearch 9 needs Java 21+ and none was found under /usr/lib/jvm: install a JDK 21+ and set ES_JAVA_HOME to it (or use Docker: `docker compose up -d`)');
}
