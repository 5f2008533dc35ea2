/**
 * Dataset → Parquet (hyparquet-writer), written incrementally one row group per chunk so memory stays bounded.
 * Timestamps become TIMESTAMP_MILLIS (UTC instants), lists and JSON cells JSON text; every column is nullable.
 */
import { statSync } from 'node:fs';
import { ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer';
import type { Cell, Column, Dataset, DatasetRecord, FormatOptions, FormatWriteResult } from '../dataset.js';

export interface ParquetOptions extends FormatOptions {
  /** Records per row group. @default 10_000 */
  rowGroupSize?: number;
}

export async function writeParquet(dataset: Dataset, path: string, options: ParquetOptions = {}): Promise<FormatWriteResult> {
  const schema: SchemaElement[] = [{ name: 'root', num_children: dataset.columns.length }, ...dataset.columns.map(schemaElement)];
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema,
    kvMetadata: Object.entries(dataset.meta).map(([key, value]) => ({ key, value })),
    createdBy: 'pulse export',
  });
  const chunkSize = options.rowGroupSize ?? 10_000;
  let chunk: DatasetRecord[] = [];
  let records = 0;
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    await writer.write({
      columnData: dataset.columns.map((c) => ({ name: c.name, data: chunk.map((r) => parquetValue(r[c.name] ?? null, c)) })),
      rowGroupSize: chunk.length,
    });
    chunk = [];
    options.onRecords?.(records);
  };
  for await (const record of dataset.records) {
    chunk.push(record);
    records++;
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();
  await writer.finish();
  return { records, bytes: statSync(path).size };
}

function schemaElement(column: Column): SchemaElement {
  const base = { name: column.name, repetition_type: 'OPTIONAL' } as const;
  switch (column.type) {
    case 'int':
      return { ...base, type: 'INT64' };
    case 'double':
      return { ...base, type: 'DOUBLE' };
    case 'timestamp':
      return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' };
    case 'list':
    case 'json':
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'JSON' };
    case 'string':
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8' };
  }
}

function parquetValue(value: Cell, column: Column): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'int':
      return BigInt(Math.round(value as number));
    case 'double':
      return value as number;
    case 'timestamp':
      return new Date(Date.parse(value as string));
    case 'list':
    case 'json':
      return JSON.stringify(value);
    case 'string':
      return String(value);
  }
}
