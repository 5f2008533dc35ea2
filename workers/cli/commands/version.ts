import type { PulseCommand } from '../cli-context.js';

export const command: PulseCommand = {
  register(program) {
    program.version('0.1.0', '-V, --version');
  },
};
