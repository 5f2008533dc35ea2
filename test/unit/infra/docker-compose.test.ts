/**
 * docker-compose.yml cannot run here (no Docker engine), so its promises are checked as data: the Elasticsearch and
 * Kibana images share the major version of the JS client and of the local integ-test node, Redis keeps AOF and
 * noeviction, security is on with passwords from the env file, every service has a health check or is one-shot.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configFields } from '../../../infra/config/config-fields.js';

interface Service {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string> | string[];
  healthcheck?: unknown;
  restart?: string;
  profiles?: string[];
}

const compose = parse(readFileSync(new URL('../../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const major = (v: string): string => v.split('.')[0]!;
const require = createRequire(import.meta.url);
const clientVersion = (require('@elastic/elasticsearch/package.json') as { version: string }).version;
const localVersion = configFields.esVersion.schema.parse(undefined);
const stackDefault = (image: string | undefined): string => /\$\{STACK_VERSION:-([\d.]+)\}/.exec(image ?? '')?.[1] ?? '';
const env = (s: Service): string => JSON.stringify(s.environment ?? {});

describe('docker-compose.yml', () => {
  it('runs Elasticsearch and Kibana of the same major as the client and the local node', () => {
    const es = stackDefault(services['elasticsearch']?.image);
    const kibana = stackDefault(services['kibana']?.image);
    expect(es).toBe(kibana);
    expect(major(es)).toBe(major(clientVersion));
    expect(major(es)).toBe(major(localVersion));
  });

  it('keeps Redis durable and never evicting, behind a password', () => {
    const cmd = (services['redis']?.command as string[]).join(' ');
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
    expect(cmd).toMatch(/--requirepass \$\{REDIS_PASSWORD/);
  });

  it('ships with security on and passwords from the env file, published on loopback only', () => {
    expect(env(services['elasticsearch']!)).toContain('xpack.security.enabled=true');
    expect(env(services['elasticsearch']!)).toContain('ELASTIC_PASSWORD=${ELASTIC_PASSWORD:?');
    const raw = readFileSync(new URL('../../../docker-compose.yml', import.meta.url), 'utf8');
    for (const line of raw.split('\n').filter((l) => /^\s*ports:/.test(l))) expect(line).toContain('127.0.0.1:');
    expect(raw).not.toMatch(/PASSWORD[:=]\s*["']?[a-z0-9-]{6,}["']?\s*$/im);
  });

  it('has health checks on the long-running services and a one-shot setup that applies templates and saved objects', () => {
    for (const name of ['redis', 'elasticsearch', 'kibana']) expect(services[name]?.healthcheck, name).toBeTruthy();
    const setup = services['setup']!;
    expect(setup.restart).toBe('no');
    const cmd = JSON.stringify(setup.command);
    expect(cmd).toContain('index setup');
    expect(cmd).toContain('kibana import');
  });
});
