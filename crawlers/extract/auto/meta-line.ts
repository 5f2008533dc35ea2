/**
 * Tells a page's metadata lines (date, source, author, counters: "2019-09-07 13:43 来源: 新京报", "作者：李在山 阅读：1644",
 * "澎湃新闻记者 贺梨萍") from article sentences, so they can be trimmed off the top and bottom of the body.
 */
import { findDates } from './date-text.js';

const metaWords = /(来源|作者|编辑|记者|通讯员|发布|时间|日期|字号|阅读|浏览|点击|评论|参与|分享|原创|发表于|采写|撰文|摄影|供稿|执笔|更新)/g;
const sentencePunct = /[，。；！？!?]/;

export function looksLikeMetaLine(line: string): boolean {
  if (line.length > 80 || sentencePunct.test(line)) return false;
  let rest = line;
  let signals = 0;
  for (const hit of findDates(line).reverse()) {
    rest = rest.slice(0, hit.start) + rest.slice(hit.end);
    signals++;
  }
  rest = rest.replace(metaWords, () => {
    signals++;
    return '';
  });
  return signals > 0 && rest.replace(/[\s:：|｜/·•()（）[\]【】\d-]/g, '').length <= 30;
}
