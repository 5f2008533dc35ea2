/** The one pino logger factory. Stages take a `Logger` in their options and bind context with `child()`. */
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Write human-readable lines to stderr instead of JSON (the CLI's default for people). */
  pretty?: boolean;
  name?: string;
}

export function createLogger(options: LoggerOptions): Logger {
  const redact = { paths: ['password', '*.password', 'auth', '*.auth', 'headers.authorization'], censor: '***' };
  const stream = pino.destination({ dest: 2, sync: true });
  return pino({ level: options.level, name: options.name ?? 'pulse', redact, base: { pid: process.pid } }, stream);
}
