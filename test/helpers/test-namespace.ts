/**
 * Every integration test file works in its own namespace: a BullMQ prefix and an index prefix that no other test
 * (and no user data) shares, so files can run against the same Redis and Elasticsearch without seeing each other.
 */
import { randomBytes } from 'node:crypto';
import { testConfig } from './test-config.js';
import type { PulseConfig } from '../../infra/config/config-fields.js';

export interface TestNamespace {
  id: string;
  config: PulseConfig;
}

export function testNamespace(name: string): TestNamespace {
  const safe = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 20);
  const id = `t-${safe}-${process.pid}-${randomBytes(3).toString('hex')}`;
  return { id, config: testConfig({ queuePrefix: `pulse-${id}`, indexPrefix: `pulse-${id}` }) };
}
