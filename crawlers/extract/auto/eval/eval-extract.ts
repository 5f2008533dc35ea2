/**
 * `npm run eval:extract [-- --strict] [-- --verbose]`: automatic extraction over the 62 shared article pages, scored per
 * field against the hand-written expectations. Prints the counts and every miss; --strict exits 1 below the targets
 * (body ≥ 58/62, date ≥ 58/62, title ≥ 60/62, author ≥ 80% of the pages that name one).
 * In-sample: the extractor was developed on these pages; the maintainers' held-out set is the real measure.
 */
import { checkPage, extractSharedPage, loadExpectations, sharedPagesDir, sharedPagesPresent, wallMinute } from './article-expectations.js';

const strict = process.argv.includes('--strict');
const verbose = process.argv.includes('--verbose');

if (!sharedPagesPresent()) {
  console.error(`eval:extract: shared pages not found at ${sharedPagesDir} (the ../shared data folder next to the repository)`);
  process.exit(strict ? 1 : 0);
}

const pages = loadExpectations();
const totals = { title: 0, date: 0, body: 0, author: 0, authorPages: 0, spurious: 0 };
const misses: string[] = [];
const started = performance.now();
for (const exp of pages) {
  const got = extractSharedPage(exp.page);
  const v = checkPage(exp, got);
  totals.title += Number(v.title);
  totals.date += Number(v.date);
  totals.body += Number(v.body);
  if (v.author !== null) {
    totals.authorPages++;
    totals.author += Number(v.author);
  }
  totals.spurious += Number(v.spuriousAuthor);
  const art = got.kind === 'article' ? got : undefined;
  if (!v.title) misses.push(`${exp.page} title: got "${art?.title.value ?? got.kind}" (${art?.title.rule ?? ''}), expected "${exp.title}"`);
  if (!v.date) misses.push(`${exp.page} date: got ${art?.publishedAt ? `${wallMinute(art.publishedAt.value)} (${art.publishedAt.rule})` : 'none'}, expected ${exp.publishedAt}`);
  if (v.author === false) misses.push(`${exp.page} author: got "${art?.author?.value ?? ''}" (${art?.author?.rule ?? 'none'}), expected ${exp.author?.join(' or ')}`);
  if (v.spuriousAuthor && verbose) misses.push(`${exp.page} author: got "${art?.author?.value}" (${art?.author?.rule}) on a page that names none`);
  for (const p of v.bodyProblems) misses.push(`${exp.page} body (${art?.body.rule ?? ''}): ${p}`);
}
const ms = performance.now() - started;
const n = pages.length;
const authorShare = totals.authorPages ? totals.author / totals.authorPages : 1;
const targets = [
  { name: 'body', got: totals.body, need: 58, of: n },
  { name: 'date', got: totals.date, need: 58, of: n },
  { name: 'title', got: totals.title, need: 60, of: n },
  { name: 'author', got: totals.author, need: Math.ceil(0.8 * totals.authorPages), of: totals.authorPages },
];
for (const m of misses) console.log(`  miss ${m}`);
console.log(`eval:extract over ${n} shared article pages (in-sample; ${(ms / n).toFixed(1)} ms/page):`);
for (const t of targets) console.log(`  ${t.name.padEnd(6)} ${String(t.got).padStart(2)}/${t.of}  (target ≥ ${t.need})${t.got >= t.need ? '' : '  BELOW TARGET'}`);
console.log(`  author ${(authorShare * 100).toFixed(0)}% of the ${totals.authorPages} pages naming one; a name returned on ${totals.spurious} of the ${n - totals.authorPages} pages naming none`);
if (strict && targets.some((t) => t.got < t.need)) {
  console.error('eval:extract: below target (--strict)');
  process.exit(1);
}
