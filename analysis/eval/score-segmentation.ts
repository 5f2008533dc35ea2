/**
 * SIGHAN bakeoff scoring: precision/recall/F1 over word character spans. Takes gold and predicted word lists of the
 * same text, gives counts; refuses to score when the two do not spell the same characters.
 */
export interface SegmentationCounts {
  gold: number;
  predicted: number;
  correct: number;
  /** Lines whose prediction changed or dropped characters (not scored). */
  mismatched: number;
}

export interface SegmentationScore {
  precision: number;
  recall: number;
  f1: number;
}

function spans(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  let at = 0;
  for (const w of words) {
    out.add(`${at}:${at + w.length}`);
    at += w.length;
  }
  return out;
}

export function countSegmentation(gold: readonly string[], predicted: readonly string[], into: SegmentationCounts): void {
  if (gold.join('') !== predicted.join('')) {
    into.mismatched++;
    return;
  }
  const goldSpans = spans(gold);
  let correct = 0;
  for (const s of spans(predicted)) if (goldSpans.has(s)) correct++;
  into.gold += gold.length;
  into.predicted += predicted.length;
  into.correct += correct;
}

export function scoreSegmentation(c: SegmentationCounts): SegmentationScore {
  const precision = c.predicted === 0 ? 0 : c.correct / c.predicted;
  const recall = c.gold === 0 ? 0 : c.correct / c.gold;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
