/**
 * Alert: what the alert runner raises, self-explaining (baseline, observed value, top keywords, example posts) and
 * keyed so the same condition for the same scope and period is raised once.
 */
import { createHash } from 'node:crypto';
import type { KeywordCount } from '../../analysis/trends/trend-row.js';

export type AlertKind = 'volume_burst' | 'negative_share_burst' | 'crawler_silent' | 'crawler_errors' | 'crawler_stale';

export interface AlertExample {
  docId: string;
  title: string;
  url: string;
  sourceId: string;
  publishedAt: string | null;
  sentimentScore: number;
}

export interface Alert {
  /** Dedupe key: kind|scope|period; the same key is never raised twice. */
  key: string;
  kind: AlertKind;
  severity: 'warning' | 'critical';
  /** Which slice of the data: "all sources", "source forum-a", "aspect refunds". */
  scope: string;
  /** Period the alert is about (bursts), or the crawl run's finish time (crawler health). */
  period: string;
  title: string;
  /** Several plain lines that explain the alert without opening anything else. */
  explanation: string;
  observed?: number;
  baseline?: { mean: number; std: number; periods: number };
  z?: number;
  topKeywords?: KeywordCount[];
  examples?: AlertExample[];
  analysisVersions?: string[];
  raisedAt: string;
}

/** Stable document id for the alert store. */
export const alertId = (key: string): string => createHash('sha1').update(key, 'utf8').digest('hex');
