/** `pulse report`: gathers the report data from Elasticsearch, renders the self-contained HTML and writes it. */
import type { Client } from '@elastic/elasticsearch';
import type { PulseConfig } from '../../../infra/config/config-fields.js';
import { gatherReportData, type ReportOptions } from './report-data.js';
import { renderReport } from './render-report.js';
import { writeOutput } from '../output-file.js';
import { openLineSink } from '../formats/write-lines.js';

export interface WriteReportOptions extends ReportOptions {
  out: string;
}

export interface WriteReportResult {
  out: string;
  bytes: number;
  documents: number;
  /** Seller ads left out of the report's range; null when they are included. */
  sellerAdsLeftOut: number | null;
}

export async function writeReport(
  es: Client,
  config: Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl' | 'timezone'>,
  options: WriteReportOptions,
): Promise<WriteReportResult> {
  const data = await gatherReportData(es, config, options);
  const html = renderReport(data);
  // Same contract as exports: a temporary file renamed at the end, ExportWriteError naming the path on failure.
  await writeOutput(options.out, async (path) => {
    const sink = openLineSink(path);
    await sink.write(html).catch(async (error: unknown) => {
      await sink.destroy();
      throw error;
    });
    await sink.close();
  });
  return { out: options.out, bytes: Buffer.byteLength(html), documents: data.overview.volume, sellerAdsLeftOut: data.sellerAdsLeftOut };
}
