/**
 * Lines inside an article container that are not the article: editor credits (责任编辑), source and copyright lines,
 * share/QR prompts, toolbars, and the headings that start related-link or comment sections (everything after such a
 * heading is cut). Pure string tests; they take one line of text and never see markup.
 */

const editorCredit = /^[（(【[]?\s*(责任编辑|责编|编辑|校对|审核|审校|监制|主编|值班编辑|实习编辑|美编|终审|初审|复审|责任校对|统筹|策划)\s*[:：|｜/丨]/;
const editorSpaced = /^(编辑|责编|校对)\s+[\u4e00-\u9fa5]{2,4}(\s|$)/;
const sourceLine = /^[（(【[]?\s*(本文|文章|稿件|新闻|信息|图片|资料|内容)?来源\s*[:：|｜丨]/;
const copyright = /(版权所有|版权归|copyright|©|未经(授权|许可|允许)[，,]?不得转载|禁止转载|转载请(注明|联系)|免责声明|特别声明|^声明[:：]|本文仅代表作者|不代表.{0,12}(观点|立场)|违者必究|原创文章，|仅提供信息(存储|发布))/i;
const prompt = /^(分享到|分享至|分享[:：]|扫一扫|扫描二维码|扫码|用微信扫|微信扫一扫|长按二维码|长按识别|点击进入|点击查看|点击阅读|打开.{0,6}app|下载.{0,8}客户端|关注.{0,12}(公众号|微信|微博|客户端))/i;
const toolbar = /(正文已结束|alt\+4|我要反馈|我要纠错|【纠错】|打印本页|关闭窗口|^字号[:：]?|^字体[:：]|【打印】|\[打印\]|返回顶部|^阅读原文$|^查看原文$)/i;
const shortWord = /^(举报|收藏|点赞|评论|转发|阅读|在看|赞|赏|分享|关注|打印|关闭|顶|踩|更多|展开全文|收起|全文|余下全文|下一页|上一页|首页|尾页|图集|\+1)\s*[\d,]*$/;
const tagLine = /^(标签|关键词|关键字|tags?)\s*[:：>]*/i;
const noLetters = /^[\d\s.,:;|/\\+\-·•>»<«()（）[\]【】#*=_~]*$/;

/** Headings after which an article never continues. */
const sectionEnd = /^[【[]?(相关阅读|相关新闻|相关文章|相关推荐|相关报道|相关链接|相关稿件|延伸阅读|推荐阅读|热门推荐|热点推荐|为您推荐|为你推荐|猜你喜欢|你可能感兴趣|您可能感兴趣|更多精彩|网友评论|发表评论|全部评论|我要评论|热门评论|最新评论|上一篇|下一篇|返回首页|返回列表|往期回顾|往期推荐|精彩推荐|大家都在看|今日推荐)[】\]]?\s*[:：>]*/;

/** True when a line is furniture wherever it appears in the article container. */
export function isBoilerplateLine(line: string): boolean {
  if (noLetters.test(line)) return true;
  if (line.length > 150) return false;
  return (
    editorCredit.test(line) ||
    (line.length < 40 && editorSpaced.test(line)) ||
    (line.length < 80 && sourceLine.test(line)) ||
    copyright.test(line) ||
    prompt.test(line) ||
    toolbar.test(line) ||
    shortWord.test(line) ||
    (line.length < 40 && tagLine.test(line))
  );
}

/** True when a line starts the related-links / comments part of a page. */
export function isSectionEnd(line: string): boolean {
  return line.length < 40 && sectionEnd.test(line);
}

const byline = /^[（(【[]?\s*(采写|撰文|作者|执笔|记者|文|文\/图|图\/文)\s*[:：/｜|]/;

/** Editor credits and bylines: the article ends with them (the byline itself is kept as text, trimmed later). */
export function isClosingLine(line: string): boolean {
  return line.length < 40 && (editorCredit.test(line) || byline.test(line));
}
