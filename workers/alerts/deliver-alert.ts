/**
 * Sends one alert to the optional webhook as JSON ({ text, alert }: `text` makes chat webhooks show something useful).
 * Returns whether it was accepted; never throws, so one bad endpoint does not stop the other alerts.
 */
import type { Logger } from '../../infra/logger.js';
import type { Alert } from './alert.js';

export interface DeliveryOptions {
  webhookUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  logger: Logger;
}

export async function deliverToWebhook(alert: Alert, options: DeliveryOptions): Promise<boolean> {
  if (!options.webhookUrl) return true;
  const post = options.fetch ?? fetch;
  try {
    const res = await post(options.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ text: `${alert.title}\n${alert.explanation}`, alert }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (res.ok) return true;
    options.logger.warn({ status: res.status, key: alert.key, webhook: safeOrigin(options.webhookUrl) }, 'alert webhook refused the alert; will retry next run');
  } catch (error) {
    options.logger.warn({ err: (error as Error).message, key: alert.key, webhook: safeOrigin(options.webhookUrl) }, 'alert webhook unreachable; will retry next run');
  }
  return false;
}

/** Webhook URLs often carry a token in the path: log only the origin. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid url>';
  }
}
