/**
 * Resolves settings once, at an entry point: defaults < config file (YAML, optional) < environment < overrides.
 * Returns a frozen PulseConfig; an invalid value fails with one line naming the field, where it came from and the value.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { configFields, type PulseConfig } from './config-fields.js';
import { ConfigError } from '../errors.js';

export interface LoadConfigOptions {
  /** Environment to read; the entry point passes `process.env`. */
  env?: Record<string, string | undefined>;
  /** Optional YAML file with camelCase keys (e.g. `redisUrl:`); @default pulse.config.yaml if present */
  file?: string;
  /** Highest precedence, e.g. CLI flags or test settings. */
  overrides?: Partial<Record<keyof PulseConfig, unknown>>;
}

export function loadConfig(options: LoadConfigOptions = {}): PulseConfig {
  const env = options.env ?? {};
  const file = options.file ?? env['PULSE_CONFIG'] ?? 'pulse.config.yaml';
  const fromFile = readConfigFile(file, options.file !== undefined);
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(configFields)) {
    let origin = 'default';
    let raw: unknown;
    if (fromFile[key] !== undefined) [raw, origin] = [fromFile[key], `config file ${file}`];
    const envValue = env[f.env];
    // An empty string counts as unset, so `REDIS_URL= pulse demo` falls back instead of failing.
    if (envValue !== undefined && envValue !== '') [raw, origin] = [envValue, 'environment'];
    const override = options.overrides?.[key as keyof PulseConfig];
    if (override !== undefined) [raw, origin] = [override, 'override'];
    const parsed = f.schema.safeParse(raw);
    if (!parsed.success) {
      const name = origin === 'environment' ? f.env : key;
      const shown = typeof raw === 'string' ? JSON.stringify(redactUrl(raw)) : String(raw);
      throw new ConfigError(`invalid config: ${name} (${origin}) ${parsed.error.issues[0]?.message ?? 'is invalid'}, got ${shown}`);
    }
    out[key] = parsed.data;
  }
  return Object.freeze(out) as PulseConfig;
}

function readConfigFile(file: string, required: boolean): Record<string, unknown> {
  if (!existsSync(file)) {
    if (required) throw new ConfigError(`invalid config: file ${file} does not exist`);
    return {};
  }
  const parsed: unknown = parseYaml(readFileSync(file, 'utf8'));
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`invalid config: ${file} must be a YAML mapping`);
  const known = new Set(Object.keys(configFields));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new ConfigError(`invalid config: ${file} has unknown key "${key}"`);
  }
  return parsed as Record<string, unknown>;
}

/** Hides the password of a URL such as redis://user:secret@host — config errors must never print secrets. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    // Unparsable (the very case a config error reports): mask whatever sits between "//user:" and "@".
    return value.replace(/(\/\/[^/@\s]*?:)\S*@/, '$1***@');
  }
}
