/**
 * Collects the `scenario <name>: in N / searchable N / duplicates N / lost N` lines the fault tests print and
 * repeats them together after the run, so a CI log shows every scenario's figures in one block.
 */
import type { Reporter } from 'vitest/node';

export default class ScenarioReporter implements Reporter {
  private lines: string[] = [];

  onUserConsoleLog(log: { content: string }): void {
    for (const line of log.content.split('\n')) if (line.startsWith('scenario ')) this.lines.push(line);
  }

  onTestRunEnd(): void {
    if (this.lines.length === 0) return;
    process.stdout.write(`\nfault scenarios:\n${this.lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
}
