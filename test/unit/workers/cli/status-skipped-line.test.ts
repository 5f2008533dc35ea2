/** `pulse status` prints a run's non-zero skip reasons (notArticle among them) under the source's row. */
import { describe, expect, it } from 'vitest';
import { skippedLine } from '../../../../workers/cli/commands/status.js';

describe('skippedLine', () => {
  it('lists the non-zero reasons in summary order, or nothing', () => {
    expect(skippedLine({ seen: 0, offTopic: 12, notArticle: 3, error: 0 })).toBe('  skipped: offTopic 12, notArticle 3');
    expect(skippedLine({ seen: 0 })).toBeNull();
    expect(skippedLine(undefined)).toBeNull();
  });
});
