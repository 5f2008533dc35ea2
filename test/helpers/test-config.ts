/** The config tests run with: the same loader as production, fed the process environment (the test edge). */
import { loadConfig } from '../../infra/config/load-config.js';
import type { PulseConfig } from '../../infra/config/config-fields.js';

export function testConfig(overrides: Partial<Record<keyof PulseConfig, unknown>> = {}): PulseConfig {
  return loadConfig({ env: process.env, overrides: { logLevel: 'warn', ...overrides } });
}
