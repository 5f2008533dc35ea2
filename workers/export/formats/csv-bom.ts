/**
 * Dataset → CSV that Excel opens with Chinese intact: UTF-8 with a BOM, CRLF rows, RFC 4180 quoting, lists joined
 * by "; " (analysis versions contain "|"), JSON cells as JSON text. Text cells a spreadsheet would run as a formula
 * (starting with =, +, @, tab) get a leading ' so opening an export never executes anything.
 */
import type { Cell, Column, Dataset, FormatOptions, FormatWriteResult } from '../dataset.js';
import { writeDatasetLines } from './write-lines.js';

export const CSV_BOM = '\uFEFF';
export const CSV_LIST_SEPARATOR = '; ';

export function writeCsv(dataset: Dataset, path: string, options: FormatOptions = {}): Promise<FormatWriteResult> {
  return writeDatasetLines(dataset, path, options, {
    header: CSV_BOM + dataset.columns.map((c) => quote(c.name)).join(',') + '\r\n',
    line: (record) => dataset.columns.map((c) => csvCell(record[c.name] ?? null, c)).join(',') + '\r\n',
  });
}

export function csvCell(value: Cell, column: Column): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'list') return quote(guard((value as string[]).join(CSV_LIST_SEPARATOR)));
  if (column.type === 'json') return quote(JSON.stringify(value));
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return quote(guard(String(value)));
}

function guard(text: string): string {
  return /^[=+@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
