/**
 * What every CLI command gets: the config (parsed once, from the process environment, at this edge), a logger, and
 * a way to fail with one clean line instead of a stack trace.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../infra/config/load-config.js';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import { createLogger, type Logger } from '../../infra/logger.js';

export interface CliContext {
  config(): PulseConfig;
  logger(): Logger;
}

export interface PulseCommand {
  /** Adds the command (and its subcommands) to the program. */
  register(program: Command, ctx: CliContext): void;
}

export function createCliContext(env: Record<string, string | undefined>): CliContext {
  let config: PulseConfig | undefined;
  let logger: Logger | undefined;
  const ctx: CliContext = {
    config: () => (config ??= loadConfig({ env })),
    logger: () => (logger ??= createLogger({ level: ctx.config().logLevel, pretty: ctx.config().logPretty })),
  };
  return ctx;
}
