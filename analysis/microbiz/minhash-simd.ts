/**
 * The MinHash inner loop (near-duplicates.ts) as a 160-byte WebAssembly SIMD function: four hash functions per
 * instruction instead of one. Takes the shingle hashes and the seeds, gives the same 16-bit minima as the JS loop
 * (a unit test pins them to the straightforward definition). Never required: without SIMD support it returns null
 * and the caller keeps its JS loop. The module is assembled here from the listing below; nothing runs at import.
 */

/** Seeds are processed in groups of four lanes; the seed table is padded to whole groups. */
const LANES = 4;
const SEED_BASE = 0;
const OUT_BASE = 256;
const PAIR_BASE = 1024;
const PAGE = 65_536;

export interface SimdMinHash {
  /** Room for `count` shingle hashes (the view is invalidated by the next call). */
  pairs(count: number): Int32Array;
  /** For seed j: mins[2j] = min over shingles of the high 16 bits of fmix32(pair ^ seed), mins[2j + 1] = low 16 bits. */
  run(count: number, mins: Uint32Array): void;
}

const u32leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const i32leb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const section = (id: number, body: number[]): number[] => [id, ...u32leb(body.length), ...body];
const splat4 = (x: number): number[] => {
  const b = [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff];
  return [...b, ...b, ...b, ...b];
};

// Opcodes (core and SIMD proposal, final encodings).
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (i: number) => [0x20, i],
  set: (i: number) => [0x21, i],
  tee: (i: number) => [0x22, i],
  i32: (n: number) => [0x41, ...i32leb(n)],
  geU: [0x4f],
  add: [0x6a],
  shl: [0x74],
  v128load: (offset: number) => [0xfd, 0x00, 0x00, ...u32leb(offset)],
  v128load32splat: (offset: number) => [0xfd, 0x09, 0x00, ...u32leb(offset)],
  v128store: (offset: number) => [0xfd, 0x0b, 0x00, ...u32leb(offset)],
  v128const: (x: number) => [0xfd, 0x0c, ...splat4(x)],
  and: [0xfd, 0x4e],
  xor: [0xfd, 0x51],
  shrU: [0xfd, 0xad, 0x01],
  mul: [0xfd, 0xb5, 0x01],
  minU: [0xfd, 0xb7, 0x01],
};

/** mins(count): locals 0 = count, 1 = group byte offset, 2 = pair byte offset, 3 = end; v128 4 = seeds, 5 = hi, 6 = lo, 7 = v. */
function moduleBytes(groups: number): Uint8Array<ArrayBuffer> {
  const [count, g, k, end, seed, hi, lo, v] = [0, 1, 2, 3, 4, 5, 6, 7];
  const xorShr = (bits: number): number[] => [...op.get(v), ...op.get(v), ...op.i32(bits), ...op.shrU, ...op.xor, ...op.set(v)];
  const code = [
    ...[2, 3, 0x7f, 4, 0x7b], // locals: 3 × i32, 4 × v128
    ...op.get(count), ...op.i32(2), ...op.shl, ...op.i32(PAIR_BASE), ...op.add, ...op.set(end),
    ...op.i32(0), ...op.set(g),
    ...op.block, ...op.loop, // for each group of four seeds
    ...op.get(g), ...op.i32(groups * 16), ...op.geU, ...op.brIf(1),
    ...op.get(g), ...op.v128load(SEED_BASE), ...op.set(seed),
    ...op.v128const(0xffff), ...op.tee(hi), ...op.set(lo),
    ...op.i32(PAIR_BASE), ...op.set(k),
    ...op.block, ...op.loop, // for each shingle
    ...op.get(k), ...op.get(end), ...op.geU, ...op.brIf(1),
    ...op.get(k), ...op.v128load32splat(0), ...op.get(seed), ...op.xor, ...op.set(v), // v = pair ^ seed
    ...xorShr(16),
    ...op.get(v), ...op.v128const(0x85ebca6b), ...op.mul, ...op.set(v),
    ...xorShr(13),
    ...op.get(v), ...op.v128const(0xc2b2ae35), ...op.mul, ...op.set(v),
    ...xorShr(16), // v = fmix32(pair ^ seed)
    ...op.get(hi), ...op.get(v), ...op.i32(16), ...op.shrU, ...op.minU, ...op.set(hi),
    ...op.get(lo), ...op.get(v), ...op.v128const(0xffff), ...op.and, ...op.minU, ...op.set(lo),
    ...op.get(k), ...op.i32(4), ...op.add, ...op.set(k),
    ...op.br(0), ...op.end, ...op.end,
    ...op.get(g), ...op.i32(1), ...op.shl, ...op.get(hi), ...op.v128store(OUT_BASE),
    ...op.get(g), ...op.i32(1), ...op.shl, ...op.get(lo), ...op.v128store(OUT_BASE + 16),
    ...op.get(g), ...op.i32(16), ...op.add, ...op.set(g),
    ...op.br(0), ...op.end, ...op.end,
    ...op.end,
  ];
  const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 1, 0x7f, 0]), // type 0: (i32) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0, 1]), // one memory, at least one page
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('mins'), 0x00, 0]),
    ...section(10, [1, ...u32leb(code.length), ...code]),
  ]);
}

/** The SIMD kernel for these seeds, or null when this runtime has no WebAssembly SIMD. */
export function createSimdMinHash(seeds: Uint32Array): SimdMinHash | null {
  const groups = Math.ceil(seeds.length / LANES);
  if (typeof WebAssembly !== 'object' || OUT_BASE + groups * 32 > PAIR_BASE || groups * 16 > OUT_BASE) return null;
  const bytes = moduleBytes(groups);
  if (!WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const memory = instance.exports['memory'] as WebAssembly.Memory;
  const mins = instance.exports['mins'] as (count: number) => void;
  let words = new Int32Array(memory.buffer);
  words.set(seeds, SEED_BASE / 4);
  return {
    pairs(count) {
      const need = PAIR_BASE + count * 4;
      if (need > memory.buffer.byteLength) {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
        words = new Int32Array(memory.buffer);
      }
      return words.subarray(PAIR_BASE / 4, PAIR_BASE / 4 + count);
    },
    run(count, out) {
      mins(count);
      const base = OUT_BASE / 4;
      for (let j = 0; j < seeds.length; j++) {
        const group = (j / LANES) | 0;
        const lane = j % LANES;
        out[2 * j] = words[base + group * 8 + lane]!;
        out[2 * j + 1] = words[base + group * 8 + LANES + lane]!;
      }
    },
  };
}
