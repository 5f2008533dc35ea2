/** `pulse config` — the effective settings (secrets hidden), or `--docs`: the table of every setting for the README. */
import type { PulseCommand } from '../cli-context.js';
import { configFields } from '../../../infra/config/config-fields.js';
import { redactUrl } from '../../../infra/config/load-config.js';

const secret = /password|apikey|salt/i;

export const command: PulseCommand = {
  register(program, ctx) {
    program
      .command('config')
      .description('print the effective configuration (secrets hidden), or --docs for the settings table')
      .option('--docs', 'markdown table of every setting: variable, default, meaning')
      .action((opts: { docs?: boolean }) => {
        if (opts.docs) {
          console.log('| variable | default | meaning |\n| --- | --- | --- |');
          for (const [key, f] of Object.entries(configFields)) {
            const parsed = f.schema.safeParse(undefined);
            const def = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : '—';
            console.log(`| \`${f.env}\` | ${secret.test(key) ? '—' : def} | ${f.doc} |`);
          }
          return;
        }
        const config = ctx.config();
        for (const [key, value] of Object.entries(config)) {
          const shown = value === undefined ? '' : secret.test(key) ? '***' : typeof value === 'string' ? redactUrl(value) : String(value);
          console.log(`${configFields[key as keyof typeof configFields].env.padEnd(28)} ${shown}`);
        }
      });
  },
};
