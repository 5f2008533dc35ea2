/**
 * Dataset: what every export format writes — a fixed list of typed columns and a stream of flat records. Formats
 * know nothing of trends or documents; datasets know nothing of files.
 */
export type ColumnType = 'string' | 'int' | 'double' | 'timestamp' | 'list' | 'json';

export interface Column {
  name: string;
  type: ColumnType;
}

/** string/timestamp: string (ISO with offset for timestamps); int/double: number; list: string[]; json: any JSON value. */
export type Cell = string | number | string[] | unknown[] | Record<string, unknown> | null;
export type DatasetRecord = Record<string, Cell>;

export interface Dataset {
  name: string;
  columns: Column[];
  records: AsyncIterable<DatasetRecord>;
  /** Metadata worth carrying into the file (parquet key-value metadata, a JSONL consumer's first look). */
  meta: Record<string, string>;
}

export interface FormatWriteResult {
  records: number;
  bytes: number;
}

export interface FormatOptions {
  /** Called every few hundred records with the count so far. */
  onRecords?: (records: number) => void;
}
