/** `pulse services up|down|status` — the real Redis and Elasticsearch, without Docker. */
import type { PulseCommand } from '../cli-context.js';
import { servicesDown, servicesStatus, servicesUp } from '../../../infra/services/services.js';
import type { ServiceState } from '../../../infra/services/service-state.js';

const progress = (msg: string): void => void process.stderr.write(`[services] ${msg}\n`);

const describe = (s: ServiceState): string =>
  `${s.name.padEnd(14)} ${s.running ? 'up  ' : 'DOWN'}  ${s.url}${s.running ? (s.startedByUs ? '  (started by pulse)' : '  (already running)') : ''}`;

export const command: PulseCommand = {
  register(program, ctx) {
    const services = program.command('services').description('start, stop or inspect the local Redis and Elasticsearch (no Docker needed)');
    services
      .command('up')
      .description('start Redis (apt redis-server) and Elasticsearch (Maven Central zip) on 127.0.0.1, reusing running ones')
      .action(async () => {
        for (const s of await servicesUp(ctx.config(), progress)) console.log(describe(s));
      });
    services
      .command('down')
      .description('stop the services that `pulse services up` started')
      .action(async () => servicesDown(ctx.config(), progress));
    services
      .command('status')
      .description('show whether Redis and Elasticsearch answer')
      .action(async () => {
        const states = await servicesStatus(ctx.config());
        for (const s of states) console.log(describe(s));
        if (states.some((s) => !s.running)) process.exitCode = 1;
      });
  },
};
