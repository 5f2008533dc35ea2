// What `npm run eval:seg` measures is what `pulse segment` prints: the real command, run as a user runs it, on the
// SIGHAN dev files, gives the same lines and the same F1 as eval:seg's shipped configuration.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SegEvalRun } from '../../../../analysis/eval/eval-seg.js';
import { scoreSegmentation } from '../../../../analysis/eval/score-segmentation.js';
import { rawCorpusPath, scorePrintedLines, segmentationCorpora } from '../../../../analysis/eval/segmentation-eval.js';
import { sharedData } from '../../../helpers/shared-data.js';

const pulse = fileURLToPath(new URL('../../../../workers/cli/pulse.mjs', import.meta.url));
const evalSeg = fileURLToPath(new URL('../../../../analysis/eval/eval-seg.ts', import.meta.url));
const dataDir = sharedData('segmentation', 'pulse segment = eval:seg parity');

describe.skipIf(!dataDir)('pulse segment prints what eval:seg scores (SIGHAN dev sets in ../shared)', () => {
  it('gives identical lines and identical P/R/F1 on PKU and MSR', { timeout: 180_000 }, () => {
    // eval:seg's own child process, shipped configuration, asked for its lines.
    const evalRun = spawnSync(process.execPath, ['--import', 'tsx', evalSeg, '--child', 'shipped', '--lines'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 150_000,
    });
    expect(evalRun.status, evalRun.stderr).toBe(0);
    const measured = JSON.parse(evalRun.stdout) as SegEvalRun;
    for (const corpus of segmentationCorpora) {
      const cli = spawnSync(process.execPath, [pulse, 'segment', rawCorpusPath(corpus, dataDir)], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: 150_000,
      });
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stderr).toMatch(/segment: done, 500 lines/);
      const printed = cli.stdout.split('\n');
      expect(printed.pop()).toBe(''); // every line ends with a newline
      expect(printed).toEqual(measured.lines![corpus]);
      const cliCounts = scorePrintedLines(printed, corpus, dataDir);
      expect(cliCounts).toEqual(measured.scores[corpus]);
      expect(cliCounts.mismatched).toBe(0);
      const score = scoreSegmentation(cliCounts);
      expect(score.f1).toBe(scoreSegmentation(measured.scores[corpus]!).f1);
      // Sanity: a real segmentation, not an empty or one-character-per-word output.
      expect(score.f1).toBeGreaterThan(0.8);
    }
  });
});
