import { describe, expect, it } from 'vitest';
import { createMicrobizStep } from '../../../../analysis/microbiz/index.js';
import { createSegmenter } from '../../../../analysis/segment.js';
import type { Sentiment } from '../../../../analysis/analyzed-document.js';

const segmenter = createSegmenter();
const neutral: Sentiment = { score: 0, label: 'neu', confidence: 1 };

/** Runs the step on a title + body as analyze-document joins them; gives every window it asked to score. */
function windowsOf(title: string, body: string): { words: string[]; plain: string | undefined }[] {
  const titleWords = title ? segmenter.cut(title) : [];
  const words = titleWords.length > 0 ? [...titleWords, '。', ...segmenter.cut(body)] : segmenter.cut(body);
  const plain = title ? `${title}。${body}` : body;
  const asked: { words: string[]; plain: string | undefined }[] = [];
  createMicrobizStep()({
    docId: 'd1',
    title,
    text: body,
    words,
    plain,
    tokens: segmenter.contentTokens(words),
    emoticons: [],
    sentimentOf(window, windowPlain) {
      asked.push({ words: [...window], plain: windowPlain });
      return neutral;
    },
  });
  return asked;
}

describe('createMicrobizStep aspect windows', () => {
  const posts: [string, string][] = [
    ['', '这个面霜的质量真的好。可是申请退款太难了，客服一直拖。'],
    ['代理体验', '上级让我囤货，说好的退款一直不给！发货也很慢？价格倒是便宜。质量一般般…'],
    ['', '今天天气不错。面膜质量很好，效果明显。和朋友去吃饭了；晚上看电影。退货退款被拒，客服不理人。\n发货速度还行。'],
    ['招代理', '零门槛加入，月入过万！囤货压力大吗？不用囤货。售后退款无忧。'],
    ['', '申请退款好几天了。今天天气不错，出去走走。退款还是没到账，退货也没人管！'],
    ['退款', '朋友圈卖货的那家。面膜用着还行。退款流程太麻烦。']
  ];

  it('passes each window its text: exactly the joined words, for adjacent and scattered sentences', () => {
    let scattered = 0;
    let total = 0;
    for (const [title, body] of posts) {
      for (const w of windowsOf(title, body)) {
        total++;
        expect(w.plain).toBe(w.words.join(''));
        const text = title ? `${title}。${body}` : body;
        if (!text.includes(w.words.join(''))) scattered++;
      }
    }
    expect(total).toBeGreaterThan(4);
    expect(scattered).toBeGreaterThan(0); // a window of non-adjacent sentences was built from several slices
  });
});
