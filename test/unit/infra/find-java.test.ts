import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJava21, javaMajor } from '../../../infra/services/find-java.js';
import { isLoopbackUrl } from '../../../infra/services/service-state.js';
import { traversableByOthers } from '../../../infra/services/es-state-dir.js';

/** A JDK folder whose `java -version` answers like OpenJDK 17 does (on stderr). */
function fakeJdk(version: string): string {
  const home = mkdtempSync(join(tmpdir(), 'pulse-jdk-'));
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin/java'), `#!/bin/sh\necho 'openjdk version "${version}" 2025-04-15' >&2\n`);
  chmodSync(join(home, 'bin/java'), 0o755);
  return home;
}

describe('local services: finding what they need', () => {
  it('refuses a configured Java older than 21, saying what is needed', () => {
    const java17 = fakeJdk('17.0.15');
    expect(javaMajor(join(java17, 'bin/java'))).toBe(17);
    expect(() => findJava21(java17)).toThrow(/Java 17, but Elasticsearch 9 needs Java 21\+/);
    expect(javaMajor(join(fakeJdk('1.8.0_392'), 'bin/java'))).toBe(8);
  });

  it('finds a Java 21+ JDK under /usr/lib/jvm when one is installed', () => {
    const home = findJava21();
    expect(javaMajor(join(home, 'bin/java'))).toBeGreaterThanOrEqual(21);
  });

  it('only starts services for loopback URLs', () => {
    expect(isLoopbackUrl('http://127.0.0.1:9200')).toBe(true);
    expect(isLoopbackUrl('redis://localhost:6379')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:9200')).toBe(true);
    expect(isLoopbackUrl('http://es.internal:9200')).toBe(false);
  });

  it('notices a state directory the unprivileged Elasticsearch user could not reach', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-private-')); // mkdtemp makes it 0700
    expect(traversableByOthers(join(dir, 'state'))).toBe(false);
    expect(traversableByOthers(tmpdir())).toBe(true);
  });
});
