/**
 * The size limit of a sources file, checked with a stat before the file is read: a 50 MB file took 13 s of blocked
 * event loop and 2.2 GB to parse (issue #15.6). Hand-written config for thousands of sources stays well under it.
 */
import { statSync } from 'node:fs';
import { CrawlError } from '../errors.js';

/** 5 MiB. A sources file over this is refused with SOURCE_FILE_TOO_LARGE. */
export const MAX_SOURCES_FILE_BYTES = 5 * 1024 * 1024;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Throws SOURCE_FILE_TOO_LARGE naming the file and its size; a file that cannot be stat'ed is left to the reader to report. */
export function checkSourcesFileSize(file: string, maxBytes = MAX_SOURCES_FILE_BYTES): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return;
  }
  if (size > maxBytes) {
    throw new CrawlError(
      'SOURCE_FILE_TOO_LARGE',
      `sources file ${file} is ${mb(size)} (${size} bytes), over the limit of ${mb(maxBytes)} (${maxBytes} bytes) for a sources file: is it the right file? Split it if it really holds that many sources`,
      { file },
    );
  }
}
