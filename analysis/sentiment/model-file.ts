/**
 * The sentiment model file format: "PSM1", a uint32 header length, a JSON header (layout, bits, bias, scale,
 * negators, combination weights, provenance), then one int8 weight per hash bucket. Takes/gives bytes, so training
 * writes the same bytes for the same input (no timestamps in the header).
 */
import { AnalysisError } from '../errors.js';
import type { CombineWeights } from './score-sentiment.js';

export interface ModelHeader {
  format: 'pulse-sentiment-hashed-lr';
  /** Release number of the model, bumped by hand when training changes meaningfully. */
  release: string;
  layout: string;
  bits: number;
  /** Features counted once per text. */
  binary: boolean;
  bias: number;
  /** weight = int8 · scale */
  scale: number;
  negators: string[];
  combine: CombineWeights;
  training: Record<string, string | number>;
}

export interface ModelData {
  header: ModelHeader;
  /** One int8 per bucket; the weight is quantized · header.scale. Kept as int8: 4× less memory to miss in cache. */
  quantized: Int8Array;
}

const MAGIC = 'PSM1';

export function encodeModel(header: ModelHeader, weights: Float32Array): Buffer {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / scale);
  const json = Buffer.from(JSON.stringify({ ...header, scale }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return Buffer.concat([Buffer.from(MAGIC, 'ascii'), len, json, Buffer.from(q.buffer)]);
}

export function decodeModel(bytes: Buffer, file = '(buffer)'): ModelData {
  const bad = (why: string): AnalysisError => new AnalysisError('ANALYSIS_RESOURCE_INVALID', `sentiment model ${file}: ${why}`, { file });
  if (bytes.length < 8 || bytes.toString('ascii', 0, 4) !== MAGIC) throw bad('not a PSM1 model file');
  const len = bytes.readUInt32LE(4);
  if (8 + len > bytes.length) throw bad('truncated header');
  let header: ModelHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', 8, 8 + len)) as ModelHeader;
  } catch (error) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `sentiment model ${file}: unreadable header`, { file }, { cause: error });
  }
  if (header.format !== 'pulse-sentiment-hashed-lr') throw bad(`unknown format ${String(header.format)}`);
  const size = 1 << header.bits;
  if (bytes.length - 8 - len !== size) throw bad(`expected ${size} weights, found ${bytes.length - 8 - len}`);
  const quantized = new Int8Array(size);
  quantized.set(new Int8Array(bytes.buffer, bytes.byteOffset + 8 + len, size));
  return { header, quantized };
}
