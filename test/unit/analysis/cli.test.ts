import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pulse = fileURLToPath(new URL('../../../workers/cli/pulse.mjs', import.meta.url));
const run = (args: string[], input: string) => spawnSync(process.execPath, [pulse, ...args], { input, encoding: 'utf8', timeout: 60_000 });

describe('pulse segment', () => {
  it('writes each line as words separated by single spaces, empty lines kept', () => {
    const out = run(['segment'], '她在朋友圈招代理\n\n這個產品很好\n');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('她 在 朋友圈 招代理\n\n這個 產品 很 好\n');
    expect(out.stderr).toMatch(/segment: done, 3 lines/);
  });

  it('cuts full-width digits and letters as their half-width forms, and prints the text as written', () => {
    // The path eval:seg scores (analysis/segment-text.ts): a raw jieba cut would give １ ９ ９ ８ and Ｇ Ｄ Ｐ.
    const out = run(['segment'], '１９９８年，中国ＧＤＰ增长７．８％。\n他買了ｉＰｈｏｎｅ１２\n');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('１９９８ 年 ， 中国 ＧＤＰ 增长 ７．８ ％ 。\n他 買 了 ｉＰｈｏｎｅ１２\n');
  });
});

describe('pulse analyze', () => {
  it('writes one JSON object per line for plain text and JSONL, and an error object for a bad line', () => {
    const input = ['{"id":"a1","text":"客服态度很差，退款一直不到账[怒]"}', '这家店的东西很好，推荐', '{not json', '{"title":"x"}'].join('\n');
    const out = run(['analyze'], `${input}\n`);
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ line: 1, id: 'a1', label: 'neg', emoticons: ['[怒]'] });
    expect(lines[1]).toMatchObject({ line: 2, label: 'pos' });
    for (const l of lines.slice(0, 2)) {
      expect(l).toHaveProperty('score');
      expect(l).toHaveProperty('confidence');
      expect(l).toHaveProperty('keywords');
      expect(l).toHaveProperty('aspects');
      expect(l).toHaveProperty('speaker');
      expect(String(l.analysisVersion)).toMatch(/^seg:/);
    }
    expect(lines[2]).toEqual({ line: 3, error: 'INVALID_JSON' });
    expect(lines[3]).toEqual({ line: 4, error: 'NO_TEXT_FIELD' });
  });

  it('carries the micro-business fields: aspects with sentiment, speaker, a provisional cluster id, redactions', () => {
    const ad = '诚招代理，宝妈在家也能做，不用囤货，月入过万！咨询薇信:hello_kitty9';
    const out = run(['analyze', '--with-text'], `${JSON.stringify({ text: ad })}\n${JSON.stringify({ text: ad })}\n`);
    expect(out.status).toBe(0);
    const [first, second] = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(first!.speaker.type).toBe('seller_ad');
    expect(first!.aspects.map((a: { name: string }) => a.name)).toContain('recruiting');
    for (const a of first!.aspects) expect(a).toEqual(expect.objectContaining({ score: expect.any(Number), label: expect.any(String) }));
    expect(first!.redactions).toEqual({ contacts: 1 });
    expect(JSON.stringify(first)).not.toContain('hello_kitty9');
    // No Redis in the CLI: the cluster id is the line's own, and says so; identical lines share it.
    expect(first!.clusterProvisional).toBe(true);
    expect(first!.clusterId).toMatch(/^[0-9a-f]{40}$/);
    expect(second!.clusterId).toBe(first!.clusterId);
    expect(run(['analyze', '--help'], '').stdout).toMatch(/clusterId is PROVISIONAL/);
  });
});
