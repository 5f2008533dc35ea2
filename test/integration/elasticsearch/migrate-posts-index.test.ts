import { afterAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { createEsClient, indexDocuments, queryTrends } from '../../../infra/index.js';
import { migratePostsIndex } from '../../../infra/elasticsearch/migrate-posts-index.js';
import { aliasTargets, putPostsTemplate } from '../../../infra/elasticsearch/ensure-index.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const ns = testNamespace('es-migrate');
const config = ns.config;
const es = createEsClient(config);
const alias = `${config.indexPrefix}-posts`;

afterAll(async () => {
  await dropNamespace(es, config.indexPrefix);
  await es.close();
});

describe('migratePostsIndex', () => {
  it('copies an older index version into the current one (search_after + bulk) and moves the alias atomically', async () => {
    // An "older deploy": v0 behind the alias, holding documents.
    await putPostsTemplate(es, config.indexPrefix);
    await es.indices.create({ index: `${config.indexPrefix}-posts-v0`, aliases: { [alias]: { is_write_index: true } } });
    const docs = Array.from({ length: 25 }, (_, i) => makeAnalyzedDocument({ n: i, label: i % 5 === 0 ? 'neg' : 'neu' }));
    expect((await indexDocuments(es, config, docs, { refresh: true })).failed).toEqual([]);

    const progress: number[] = [];
    const result = await migratePostsIndex(es, config, { onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ from: `${config.indexPrefix}-posts-v0`, to: `${config.indexPrefix}-posts-v1`, copied: 25, upToDate: false });
    expect(progress.at(-1)).toBe(25);
    expect(await aliasTargets(es, alias)).toEqual([{ index: `${config.indexPrefix}-posts-v1`, isWriteIndex: true }]);
    expect((await es.count({ index: `${config.indexPrefix}-posts-v1` })).count).toBe(25);
    // Documents keep their ids and stay queryable through the alias.
    const got = await es.get({ index: alias, id: docs[7]!.docId });
    expect(got.found).toBe(true);
    const rows = await queryTrends(es, config, { interval: 'day', timezone: 'Asia/Shanghai', from: '2026-11-20', to: '2026-11-21' });
    expect(rows[0]).toMatchObject({ volume: 25, negativeShare: 5 / 25 });

    // New writes go to v1; a second run has nothing to do.
    await indexDocuments(es, config, [makeAnalyzedDocument({ n: 'after' })], { refresh: true });
    expect((await es.count({ index: `${config.indexPrefix}-posts-v1` })).count).toBe(26);
    expect(await migratePostsIndex(es, config)).toMatchObject({ upToDate: true, to: `${config.indexPrefix}-posts-v1` });
  });
});
