/**
 * alerts queue: one alert pass — volume and negative-share bursts from Elasticsearch, crawler health from the last run
 * of each source — each alert raised once (the alert store dedupes), to the log and the optional webhook.
 */
import type { Processor } from 'bullmq';
import type { Client } from '@elastic/elasticsearch';
import type { Redis } from 'ioredis';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import { configClock } from '../../infra/config/clock.js';
import type { Logger } from '../../infra/logger.js';
import { runAlerts, type RunAlertsOptions, type RunAlertsResult } from '../alerts/run-alerts.js';
import { lastSourceRuns } from '../source-runs.js';

export interface AlertsProcessorDeps {
  config: PulseConfig;
  es: Client;
  redis: Redis;
  log: Logger;
}

export function alertsProcessor(deps: AlertsProcessorDeps): Processor<unknown, Pick<RunAlertsResult, 'alreadyRaised' | 'deliveryFailures'> & { raised: number }> {
  return async () => runAlertPass(deps);
}

export async function runAlertPass(deps: AlertsProcessorDeps, options: RunAlertsOptions = {}): Promise<{ raised: number; alreadyRaised: number; deliveryFailures: number }> {
  const result = await runAlertPassFully(deps, options);
  return { raised: result.raised.length, alreadyRaised: result.alreadyRaised, deliveryFailures: result.deliveryFailures };
}

/** The same pass, returning the alerts themselves (the demo prints them). */
export async function runAlertPassFully(deps: AlertsProcessorDeps, options: RunAlertsOptions = {}): Promise<RunAlertsResult> {
  const crawlRuns = await lastSourceRuns(deps.redis, deps.config.queuePrefix);
  return runAlerts({ es: deps.es, config: deps.config, logger: deps.log, now: configClock(deps.config) }, { ...options, crawlRuns });
}
