/**
 * `pulse analyze [file]` — reads lines of plain text or JSONL (`{"text": …, "title"?: …, "id"?: …}`) from a file or
 * stdin and writes one JSON object per input line: label, score, confidence, keywords, the micro-business fields
 * (aspects with their own sentiment, speaker, a provisional clusterId), redaction counts, flags and
 * analysisVersion. A bad line gets `{line, error}`; it never stops the run. Streams with bounded memory; progress
 * on stderr. No Redis here, so no shared copy-paste clusters: the cluster id is each line's own (said in --help).
 */
import { createAnalyzer, textDocument, type Analyzer } from '../../../analysis/index.js';
import type { PulseCommand } from '../cli-context.js';
import { streamLines } from './segment.js';

interface AnalyzeCliOptions {
  withText?: boolean;
  explain?: boolean;
}

interface InputRecord {
  text: string;
  title: string;
  id?: string | number;
}

function parseLine(line: string): InputRecord | { error: string } {
  if (!line.trimStart().startsWith('{')) return { text: line, title: '' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'INVALID_JSON' };
  }
  const v = value as { text?: unknown; title?: unknown; id?: unknown };
  if (typeof v.text !== 'string') return { error: 'NO_TEXT_FIELD' };
  const id = typeof v.id === 'string' || typeof v.id === 'number' ? v.id : undefined;
  return { text: v.text, title: typeof v.title === 'string' ? v.title : '', ...(id !== undefined ? { id } : {}) };
}

export function analyzeLine(analyzer: Analyzer, line: string, lineNo: number, options: AnalyzeCliOptions, now: Date): string {
  const record = parseLine(line);
  if ('error' in record) return JSON.stringify({ line: lineNo, error: record.error });
  // The same document eval:sentiment scores for a labelled row (analysis/text-document.ts).
  const doc = analyzer.analyze(textDocument(record, now.toISOString()), now);
  return JSON.stringify({
    line: lineNo,
    ...(record.id !== undefined ? { id: record.id } : {}),
    label: doc.sentiment.label,
    score: Number(doc.sentiment.score.toFixed(4)),
    confidence: Number(doc.sentiment.confidence.toFixed(4)),
    keywords: doc.keywords,
    aspects: doc.aspects,
    speaker: doc.speaker,
    clusterId: doc.clusterId,
    // Without the shared cluster store of `pulse workers`, every line founds its own cluster.
    clusterProvisional: true,
    redactions: doc.redactions,
    flags: doc.flags,
    emoticons: doc.emoticons,
    ...(options.withText ? { title: doc.title, text: doc.text, tokens: doc.tokens } : {}),
    ...(options.explain ? { evidence: analyzer.analyzeText(`${record.title}\n${record.text}`).sentiment.evidence } : {}),
    analysisVersion: doc.analysisVersion,
  });
}

export const command: PulseCommand = {
  register(program) {
    program
      .command('analyze')
      .description(
        'analyze lines of text or JSONL ({"text":…}) from a file or stdin; writes JSONL with sentiment, keywords, aspects ' +
          '(each with its sentiment), speaker type, redaction counts and a provisional cluster id (the line\'s own; ' +
          'copy-paste clusters are assigned only by `pulse workers`, through Redis)',
      )
      .argument('[file]', 'input file (default: stdin)')
      .option('--with-text', 'include the normalized (contact-redacted) title, text and tokens')
      .option('--explain', 'include the lexicon evidence: which words moved the score')
      .addHelpText(
        'after',
        [
          '',
          'Output fields per line: line, id (if given), label, score, confidence, keywords, aspects [{name, score, label,',
          'confidence, terms}], speaker {type, confidence}, clusterId, clusterProvisional, redactions {contacts}, flags,',
          'emoticons, analysisVersion.',
          '',
          'clusterId is PROVISIONAL here: this command runs without Redis, so each line gets its own id as its cluster',
          '(identical lines share it, near-copies do not), and clusterProvisional is true. Copy-paste waves are grouped',
          'into one cluster only in the pipeline (`pulse workers`), whose analyze stage matches MinHash bands against',
          'every earlier document in the shared Redis store.',
        ].join('\n'),
      )
      .action(async (file: string | undefined, opts: AnalyzeCliOptions) => {
        const analyzer = createAnalyzer();
        const now = new Date();
        await streamLines({ file, label: 'analyze', transform: (line, n) => analyzeLine(analyzer, line, n, opts, now) });
      });
  },
};
