import { describe, expect, it } from 'vitest';
import {
  CONTACT_PLACEHOLDER,
  analyzeMicrobiz,
  classifySpeaker,
  compileSpeakerRules,
  countSpeakerCues,
  explainSpeaker,
  redactContacts,
} from '../../../../analysis/microbiz/index.js';

// Posts as the analyzer hands them over: contacts redacted first, the count passed along.
const speak = (raw: string) => {
  const r = redactContacts(raw);
  return classifySpeaker({ text: r.text, tokens: [], contactCount: r.count });
};

describe('classifySpeaker', () => {
  it('recognises a recruiting ad with emoji, an income promise and a disguised contact', () => {
    const s = speak('🌟诚招代理🌟 宝妈学生都能做，一部手机在家就能操作，多劳多得，有意者加V：ab_cd2025 💰💰');
    expect(s.type).toBe('seller_ad');
    expect(s.confidence).toBeGreaterThan(0.8);
  });

  it('recognises a product ad by prices and a sales pitch, without any contact', () => {
    expect(speak('枸杞原浆今日特价，原价¥168现价¥99，两盒包邮，手慢无～').type).toBe('seller_ad');
  });

  it('recognises a consumer complaint', () => {
    expect(speak('在朋友那里买的眼霜，用了一周眼周起了一圈疹子，找卖家要求退货，她说已经拆封了不给退。').type).toBe('consumer');
  });

  it("recognises an agent's own account", () => {
    expect(speak('去年跟着上家做代理，进货就花了两万，到现在还压着一半货，真后悔当初没听家里人的。').type).toBe('agent');
  });

  it('recognises a news report', () => {
    expect(speak('记者从区市场监管局了解到，该局近日查处一起以微商代理为名的传销案件，涉案金额四百余万元。').type).toBe('media');
  });

  it("leaves a bystander's general question as other", () => {
    expect(speak('大家觉得微商这个行业以后会被直播带货取代吗？').type).toBe('other');
  });

  it('treats a redacted contact as an advertising signal', () => {
    // The fitted weight (speaker.v3) is moderate: in the fixtures a contact almost always comes with a prompt such
    // as 加V or 私我, which carries most of the evidence. Here the contact alone must move the scores towards an ad.
    const plain = explainSpeaker({ text: '新到一批绿茶，口感清香', tokens: [], contactCount: 0 });
    const withContact = explainSpeaker({ text: `新到一批绿茶，口感清香，${CONTACT_PLACEHOLDER}`, tokens: [], contactCount: 1 });
    expect(withContact.fired).toContain('contacts×1');
    expect(withContact.scores.seller_ad).toBeGreaterThan(plain.scores.seller_ad);
    for (const c of ['consumer', 'agent', 'media', 'other'] as const) expect(withContact.scores[c]).toBeLessThanOrEqual(plain.scores[c]);
    expect(speak('新茶到了，今年的春茶特价，加V：tea_2025ab').type).toBe('seller_ad');
  });

  it('explains itself: class scores and the cues that fired', () => {
    const e = explainSpeaker({ text: '记者获悉，警方通报了此案', tokens: [], contactCount: 0 });
    expect(e.type).toBe('media');
    expect(e.fired.some((f) => f.startsWith('news_style×'))).toBe(true);
    expect(e.scores.media).toBeGreaterThan(e.scores.seller_ad);
    expect(e.confidence).toBeGreaterThan(0);
    expect(e.confidence).toBeLessThanOrEqual(1);
  });

  it('gives a defined answer for empty text', () => {
    // No cue fires: the biases and the "impersonal" signal decide (speaker.v3: consumer, the largest class after ads).
    const s = classifySpeaker({ text: '', tokens: [], contactCount: 0 });
    expect(['seller_ad', 'consumer', 'agent', 'media', 'other']).toContain(s.type);
    expect(s.confidence).toBeGreaterThan(0.2);
    expect(s.confidence).toBeLessThanOrEqual(1);
  });
});

describe('cue scopes (speaker.v3 rules format)', () => {
  // A two-group file written for the test: what the mechanism does, independent of the fitted weights.
  const rules = compileSpeakerRules({
    version: 'test',
    bias: {},
    cues: [
      { name: 'pitch', cap: 3, weights: { seller_ad: 1 }, terms: ['月入过万', '包邮'] },
      { name: 'ask', cap: 3, scope: 'tail', weights: { seller_ad: 1 }, terms: ['私我'] },
    ],
    signals: {},
    tailChars: 10,
    quoted: { cap: 3, weights: { consumer: 1 } },
  });
  const hits = (text: string) => Array.from(countSpeakerCues(text, rules));

  it('counts a slogan inside quotation marks as "quoted", not as the writer\'s own pitch', () => {
    expect(rules.cueNames).toEqual(['pitch', 'ask', 'quoted']);
    expect(hits('这个“月入过万”的面膜我也买过，包邮的')).toEqual([1, 0, 1]);
    expect(hits('说是「月入过万」，还有‘包邮’')).toEqual([0, 0, 2]);
    expect(hits('她说"月入过万"')).toEqual([0, 0, 1]);
    const e = explainSpeaker({ text: '这个“月入过万”的面膜我也买过', tokens: [], contactCount: 0 }, rules);
    expect(e.type).toBe('consumer');
    expect(e.fired).toContain('quoted×1');
  });

  it('scores quoted cues the same when quotes are looked for only in texts with an opening mark', () => {
    // explainSpeaker skips the quote search when its signal pass saw no opening mark; countSpeakerCues always searches.
    const texts = ['这个“月入过万”的面膜我也买过，包邮的', '说是「月入过万」，还有‘包邮’', '她说"月入过万"', '『包邮』私我', '月入过万，包邮，私我', '”月入过万”', '没有引号的一句话'];
    for (const text of texts) {
      const fired = explainSpeaker({ text, tokens: [], contactCount: 0 }, rules).fired;
      const expected = hits(text).flatMap((n, cue) => (n > 0 ? [`${rules.cueNames[cue]}×${n}`] : []));
      expect(fired).toEqual(expected);
    }
  });

  it('does not let a stray opening mark swallow the rest of the post', () => {
    expect(hits(`“${'很长的一句话'.repeat(10)}月入过万，包邮”`)).toEqual([2, 0, 0]);
    expect(hits('“没有闭合 月入过万')).toEqual([1, 0, 0]);
  });

  it('counts a tail-scoped group only near the end of the post', () => {
    expect(hits('私我之前先看看这一大段介绍的内容吧好吗')).toEqual([0, 0, 0]);
    expect(hits('先看看这一大段介绍的内容，想要的私我')).toEqual([0, 1, 0]);
  });
});

describe('analyzeMicrobiz', () => {
  it('returns aspects and speaker together', () => {
    const r = redactContacts('招代理啦！不用囤货，月入过万，想做的私我 vx：zz_top888');
    const out = analyzeMicrobiz({ text: r.text, tokens: [], contactCount: r.count, sentimentOf: () => 0.5 });
    expect(out.speaker.type).toBe('seller_ad');
    expect(out.aspects.map((a) => a.name).sort()).toEqual(['income', 'recruiting', 'stockpiling']);
    expect(out.aspects.every((a) => a.label === 'pos')).toBe(true);
  });
});
