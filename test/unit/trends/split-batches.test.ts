import { describe, expect, it } from 'vitest';
import { splitBatches } from '../../../infra/elasticsearch/index-documents.js';

describe('splitBatches', () => {
  const entries = (sizes: number[]) => sizes.map((bytes, i) => ({ bytes, i }));

  it('closes a batch at the count limit', () => {
    expect(splitBatches(entries([1, 1, 1, 1, 1]), 2, 1000).map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it('closes a batch before it would pass the byte limit, and sends an oversized document alone', () => {
    expect(splitBatches(entries([40, 40, 40, 200, 10]), 100, 100).map((b) => b.map((e) => e.i))).toEqual([[0, 1], [2], [3], [4]]);
  });
});
