/**
 * Root of the `pulse` CLI. Each file in ./commands exports `command: PulseCommand`; they are discovered here so that
 * adding a command never means editing this file. Errors that carry a code print as one line, not a stack trace.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { createCliContext, type PulseCommand } from './cli-context.js';

const program = new Command('pulse')
  .description('Pulse — monitor public discourse about micro-business (微商): crawl → analyze → index → trends')
  .showHelpAfterError();

// `pulse segment big.txt | head` closes our stdout early: that is the reader being done, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const ctx = createCliContext(process.env);
const dir = fileURLToPath(new URL('./commands/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
// A command's file is named after it (`pulse workers` → workers.ts): only that one is imported, so a long-running
// worker does not hold every other command's dependencies (the Elasticsearch client, exporters, the analyzer) in
// memory. Help, a mistyped command or a command whose file is named otherwise (index-setup.ts) load them all.
const load = async (file: string): Promise<void> => {
  const mod = (await import(pathToFileURL(dir + file).href)) as { command?: PulseCommand };
  mod.command?.register(program, ctx);
};
const wanted = process.argv[2] ?? '';
const named = files.find((f) => f === `${wanted}.ts`);
if (named) await load(named);
if (!program.commands.some((c) => c.name() === wanted)) for (const file of files.filter((f) => f !== named)) await load(file);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = 1;
  const e = error as { code?: unknown; message?: string };
  // Typed errors of ours have a SCREAMING_SNAKE code and a message that already names the fix.
  if (typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code)) console.error(`pulse: ${e.message}`);
  else console.error(error);
}
