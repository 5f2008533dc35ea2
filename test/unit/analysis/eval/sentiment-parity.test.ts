// What `npm run eval:sentiment` scores for a text is what `pulse analyze` prints for it: the real command, fed a
// sample of ../shared/data/sentiment/dev.tsv as a user would (a text file, one post per line), against eval's own
// path (sentimentOfText). Compares the two paths, not fixed figures, so it holds whatever the shipped model is.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer, sentimentOfText } from '../../../../analysis/index.js';
import { readLabeledRows } from '../../../../analysis/sentiment/train/labeled-rows.js';
import { sharedData } from '../../../helpers/shared-data.js';

const pulse = fileURLToPath(new URL('../../../../workers/cli/pulse.mjs', import.meta.url));
const dataDir = sharedData('sentiment', 'pulse analyze = eval:sentiment parity');
const tmp = mkdtempSync(join(tmpdir(), 'pulse-sentiment-parity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!dataDir)('pulse analyze prints the sentiment eval:sentiment scores (dev.tsv sample in ../shared)', () => {
  it('gives the same label, score and confidence for every sampled row', { timeout: 180_000 }, () => {
    const rows = readLabeledRows(join(dataDir!, 'dev.tsv'));
    // Every 40th row: ~100 texts across all of dev's sources (reviews, Weibo posts with emoticons, …).
    const sample = rows.filter((_r, i) => i % 40 === 0).map((r) => r.text);
    expect(sample.length).toBeGreaterThanOrEqual(90);
    // A text file as a user has one; a line that looks like JSON would be read as JSONL, so such a row goes as JSONL.
    const input = sample.map((t) => (t.trimStart().startsWith('{') ? JSON.stringify({ text: t }) : t)).join('\n');
    const file = join(tmp, 'sample.txt');
    writeFileSync(file, `${input}\n`);
    const cli = spawnSync(process.execPath, [pulse, 'analyze', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 150_000 });
    expect(cli.status, cli.stderr).toBe(0);
    const printed = cli.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; label: string; score: number; confidence: number });
    expect(printed).toHaveLength(sample.length);

    const analyzer = createAnalyzer();
    const labels = new Set<string>();
    sample.forEach((text, i) => {
      const measured = sentimentOfText(analyzer, text);
      labels.add(measured.label);
      expect({ line: printed[i]!.line, label: printed[i]!.label, score: printed[i]!.score, confidence: printed[i]!.confidence }).toEqual({
        line: i + 1,
        label: measured.label,
        score: Number(measured.score.toFixed(4)),
        confidence: Number(measured.confidence.toFixed(4)),
      });
    });
    // Sanity: a sample the model splits, not one where every row gets the same answer.
    expect(labels.size).toBeGreaterThan(1);
  });
});
