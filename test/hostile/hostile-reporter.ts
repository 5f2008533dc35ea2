/** Repeats the `hostile <case>: …` lines the hostile tests print in one block at the end of the run (as CI shows it). */
import type { Reporter } from 'vitest/node';

export default class HostileReporter implements Reporter {
  private lines: string[] = [];

  onUserConsoleLog(log: { content: string }): void {
    for (const line of log.content.split('\n')) if (line.startsWith('hostile ')) this.lines.push(line);
  }

  onTestRunEnd(): void {
    if (this.lines.length > 0) process.stdout.write(`\nhostile cases:\n${this.lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
}
