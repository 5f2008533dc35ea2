/**
 * Where the real shared data sits (../shared/data beside the repository, as in CI), and a one-line reason to skip
 * when it is absent: tests read it at run time and never copy it into the repository.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const sharedDataDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** The folder's path when it exists; otherwise undefined, after saying on stderr which tests are skipped and why. */
export function sharedData(subdir: string, skipped: string): string | undefined {
  const dir = `${sharedDataDir}${subdir}/`;
  if (existsSync(dir)) return dir;
  process.stderr.write(`SKIPPED: ${skipped}: ${dir} is absent (the real data lives in ../shared beside the repository)\n`);
  return undefined;
}
