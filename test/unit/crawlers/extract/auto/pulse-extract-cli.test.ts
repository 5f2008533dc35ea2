/**
 * `pulse extract` as a user runs it: a saved GBK page without a charset declaration, a missing file (one error line,
 * exit 1, the other pages still printed), --json lines, and a URL served on loopback (allowed by
 * PULSE_CRAWL_ALLOW_PRIVATE, refused without it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSources } from '../../../../../crawlers/index.js';
import { sourceEntry } from '../../../../../workers/cli/commands/extract.js';

const pulse = fileURLToPath(new URL('../../../../../workers/cli/pulse.mjs', import.meta.url));

const paragraphs = [
  '微商代理小王说，去年冬天她囤了三万元的货，到现在还有一半没有卖出去，上级代理却不肯退款。',
  '记者走访了多家代理点，发现类似的情况并不少见，不少人表示被“拉人头”的模式套住。',
  '律师提醒，以发展下线数量计酬的模式可能涉嫌传销，消费者应保留聊天记录和转账凭证。',
];
const html = `<html><head><title>微商囤货难退款_示例网</title></head><body><div class="nav"><a href="/">首页</a><a href="/n">新闻</a></div>
<h1>微商囤货难退款</h1><div class="info">2024年03月05日 14:20 来源：示例日报 作者：张三</div>
<div class="article">${paragraphs.map((p) => `<p>${p}</p>`).join('')}<p>责任编辑：赵六</p></div>
<div class="footer">版权所有 © 示例网</div></body></html>`;

function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Async spawn: the loopback server below lives in this process and must keep answering.
    const child = spawn(process.execPath, [pulse, ...args], { env: { ...process.env, PULSE_CRAWL_ALLOW_PRIVATE: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-extract-'));
  // GBK bytes and no charset declaration anywhere: the decoder must sniff it, as the crawler does.
  writeFileSync(join(dir, 'gbk.html'), iconv.encode(html, 'gbk'));
  server = createServer((req, res) => {
    if (req.url === '/a.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=gbk' });
      res.end(iconv.encode(html, 'gbk'));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('pulse extract', () => {
  it('prints a source entry that the sources file accepts as it is (automatic list and detail)', () => {
    const [source] = parseSources({ sources: parse(sourceEntry('https://news.example.cn/shehui/2024/0305/123456.shtml')) as unknown });
    expect(source).toMatchObject({ id: 'news-example-cn', type: 'html', startUrls: ['https://news.example.cn/shehui/'], topics: ['微商'] });
  });

  it('prints title, time, author, body preview, rules and a source entry for a saved GBK page', async () => {
    const out = await run(['extract', join(dir, 'gbk.html')]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('title:     微商囤货难退款   [h1]');
    expect(out.stdout).toContain('published: 2024-03-05T14:20:00+08:00   [text]');
    expect(out.stdout).toContain('author:    张三   [text:作者]');
    expect(out.stdout).toContain(paragraphs[0]);
    expect(out.stdout).toMatch(/source entry:\n\s+- id: \S+\n\s+type: html\n\s+schedule: .+\n\s+topics:/);
    expect(out.stdout).not.toContain('责任编辑');
  });

  it('--json: one object per page with the whole body; a missing file is one error line and exit 1', async () => {
    const out = await run(['extract', '--json', join(dir, 'missing.html'), join(dir, 'gbk.html')]);
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe(`pulse extract: no such file: ${join(dir, 'missing.html')}`);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const page = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(page).toMatchObject({
      file: join(dir, 'gbk.html'),
      kind: 'article',
      title: '微商囤货难退款',
      publishedAt: '2024-03-05T14:20:00+08:00',
      author: '张三',
      body: paragraphs.join('\n\n'),
      rules: { title: 'h1', publishedAt: 'text', author: 'text:作者' },
    });
  });

  it('--tz reads the page time in another zone', async () => {
    const out = await run(['extract', '--json', '--tz', 'Europe/Berlin', join(dir, 'gbk.html')]);
    expect(JSON.parse(out.stdout)).toMatchObject({ publishedAt: '2024-03-05T14:20:00+01:00' });
  });

  it('fetches a URL through the crawler path when the config allows loopback, and refuses it otherwise', async () => {
    const allowed = await run(['extract', '--json', `${base}/a.html`], { PULSE_CRAWL_ALLOW_PRIVATE: '127.0.0.1' });
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ url: `${base}/a.html`, title: '微商囤货难退款', author: '张三' });
    const refused = await run(['extract', `${base}/a.html`]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`pulse extract: cannot fetch ${base}/a.html: .*internal address`));
  }, 60_000);
});
