/**
 * Dataset → CSV that Excel opens with Chinese intact: UTF-8 with a BOM, CRLF rows, RFC 4180 quoting, lists joined
 * by "; " (analysis versions contain "|"), JSON cells as JSON text. Text cells a spreadsheet would run as a formula
 * get a leading ' so opening an export never executes anything (OWASP's CSV-injection advice: a first character of
 * =, +, -, @, tab or CR; \0 as ASVS 1.2.10 adds). A text cell that is a plain negative number (-0.5, -12) is left as
 * it is: a spreadsheet reads it as that number and nothing else, and number columns are never touched.
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
  if (column.type === 'list') return quote(guardFormula((value as string[]).join(CSV_LIST_SEPARATOR)));
  if (column.type === 'json') return quote(JSON.stringify(value));
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return quote(guardFormula(String(value)));
}

const formulaStart = /^[=+\-@\t\r\0]/;
// Only a number after the sign: "-2+3+cmd|' /C calc'!A0" is a formula; "-0.5", "-12", "-1,234", "-.5", "-1e-3" and
// "-5%" are numbers a spreadsheet shows as such, so they keep their form.
const plainNegativeNumber = /^-(?=[\d.])(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;

export function guardFormula(text: string): string {
  return formulaStart.test(text) && !plainNegativeNumber.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
