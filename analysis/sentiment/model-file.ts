/**
 * The sentiment model file format: "PSM1", a uint32 header length, a JSON header (layout, bits, bias, scale,
 * negators, combination weights, provenance), then one int8 weight per hash bucket of the general model, followed
 * (release 2 on) by the social model's and the gate's buckets, each part with its own bits/bias/scale in the header.
 * Takes/gives bytes, so training writes the same bytes for the same input (no timestamps in the header).
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
  /**
   * Optional parts over the same features, on fewer buckets (index = general index >>> (bits − part.bits)):
   * `social`, trained on hand-labeled social-media posts only; `gate`, the log-odds that a text is such a post.
   * Release-1 files have neither, and then the combiner's social/gate weights are 0.
   */
  social?: ModelPartHeader;
  gate?: ModelPartHeader;
  training: Record<string, string | number>;
}

export interface ModelPartHeader {
  bits: number;
  bias: number;
  /** weight = int8 · scale (written by encodeModel). */
  scale: number;
}

export interface ModelData {
  header: ModelHeader;
  /** One int8 per bucket; the weight is quantized · header.scale. Kept as int8: 4× less memory to miss in cache. */
  quantized: Int8Array;
  social?: Int8Array;
  gate?: Int8Array;
}

/** Float weights of each part, as training gives them. */
export interface ModelWeights {
  general: Float32Array;
  social?: { weights: Float32Array; bias: number };
  gate?: { weights: Float32Array; bias: number };
}

const PARTS = ['social', 'gate'] as const;

const MAGIC = 'PSM1';

function quantize(weights: Float32Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / scale);
  return { q, scale };
}

export function encodeModel(header: ModelHeader, weights: Float32Array | ModelWeights): Buffer {
  const parts: ModelWeights = weights instanceof Float32Array ? { general: weights } : weights;
  const general = quantize(parts.general);
  const full: ModelHeader = { ...header, scale: general.scale };
  const blobs = [Buffer.from(general.q.buffer)];
  for (const name of PARTS) {
    const part = parts[name];
    if (!part) continue;
    const { q, scale } = quantize(part.weights);
    full[name] = { bits: Math.log2(part.weights.length), bias: part.bias, scale };
    blobs.push(Buffer.from(q.buffer));
  }
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return Buffer.concat([Buffer.from(MAGIC, 'ascii'), len, json, ...blobs]);
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
  const sizes = [1 << header.bits];
  for (const name of PARTS) {
    const part = header[name];
    if (part === undefined) continue;
    if (!(part.bits >= 1 && part.bits <= header.bits)) throw bad(`${name} part has ${part.bits} bits, the general part ${header.bits}`);
    sizes.push(1 << part.bits);
  }
  const expected = sizes.reduce((a, b) => a + b, 0);
  if (bytes.length - 8 - len !== expected) throw bad(`expected ${expected} weights, found ${bytes.length - 8 - len}`);
  let at = bytes.byteOffset + 8 + len;
  const take = (size: number): Int8Array => {
    const out = new Int8Array(size);
    out.set(new Int8Array(bytes.buffer, at, size));
    at += size;
    return out;
  };
  const data: ModelData = { header, quantized: take(sizes[0]!) };
  for (const name of PARTS) if (header[name] !== undefined) data[name] = take(1 << header[name].bits);
  return data;
}
