/** Where the training/evaluation TSVs live by default: the shared data folder next to the repository (read only). */
import { fileURLToPath } from 'node:url';

export const defaultSentimentDataDir = fileURLToPath(new URL('../../../../shared/data/sentiment/', import.meta.url));

/** Value of `--name value` in argv, or the fallback. */
export function argValue(argv: readonly string[], name: string, fallback: string): string {
  const at = argv.indexOf(name);
  const value = at >= 0 ? argv[at + 1] : undefined;
  return value ?? fallback;
}
