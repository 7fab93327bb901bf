// Datasets: the one loader used by the Web Worker (fetchBytes over HTTP) and by Node (tests, the
// command-line runner; fetchBytes from disk). Plain TypeScript only: no node:*, no DOM beyond the
// DecompressionStream / ReadableStream globals that browsers, workers and Node 20 all have.
//
// Image datasets (mnist, fashion) come from public/data/<name>.tlds, built by scripts/build-data.mjs
// (format documented there and in docs/data.md). The last VALIDATION_SIZE training images are held
// out as the validation set; everything is a view on the one decoded buffer, nothing is copied.
// 2-D datasets (circles, xor, gauss, spiral) are generated from the seed, after TensorFlow
// Playground's dataset.ts, with coordinates scaled to roughly [-1, 1].
import type { DatasetName } from '../config/schema';
import { Rng, deriveSeed } from './rng';

export interface Split {
  n: number;
  dim: number;
  /** Row-major n*dim. Images: Uint8Array (xScale 1/255); 2-D data: Float32Array (xScale 1). */
  x: Uint8Array | Float32Array;
  xScale: number;
  labels: Uint8Array;
}

export interface Dataset {
  name: DatasetName;
  /** [28, 28, 1] for images, [2] for 2-D data. */
  inputShape: number[];
  dim: number;
  numClasses: number;
  classNames: string[];
  train: Split;
  val: Split;
  test: Split;
  /** Human-readable provenance. */
  source: string;
}

export type FetchBytes = (path: string, onProgress?: (loaded: number, total: number) => void) => Promise<Uint8Array>;

export interface LoadProgress {
  dataset: DatasetName;
  phase: 'download' | 'decode';
  loaded: number;
  total: number;
}

export interface TldsHeader {
  name: string;
  source: string;
  license: string;
  rows: number;
  cols: number;
  classes: string[];
  counts: { train: number; test: number };
}

export interface DecodedTlds {
  header: TldsHeader;
  trainX: Uint8Array;
  trainY: Uint8Array;
  testX: Uint8Array;
  testY: Uint8Array;
}

/** The last VALIDATION_SIZE training images form the validation set. */
export const VALIDATION_SIZE = 5000;

export const TLDS_MAGIC = 'TLDS0001';

/** Sizes of the generated 2-D datasets. */
export const SYNTH_SIZES = { train: 2000, val: 500, test: 1000 } as const;

/** Playground-style noise level (0..0.5) used for each 2-D dataset. */
export const SYNTH_NOISE: Record<'circles' | 'xor' | 'gauss' | 'spiral', number> = {
  circles: 0.1,
  xor: 0.1,
  gauss: 0.25,
  spiral: 0.2,
};

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
export const SYNTH_CLASSES = ['orange', 'blue'];

// ---------------------------------------------------------------------------------------------
// Loading

const imageCache = new Map<DatasetName, Promise<Dataset>>();

/** Forgets cached image datasets (frees their ~55 MB each once nothing else holds them). */
export function clearDatasetCache(): void {
  imageCache.clear();
}

export async function loadDataset(
  name: DatasetName,
  opts: { seed: number; fetchBytes: FetchBytes; onProgress?: (p: LoadProgress) => void },
): Promise<Dataset> {
  if (name === 'mnist' || name === 'fashion') {
    let p = imageCache.get(name);
    if (!p) {
      p = loadImageDataset(name, opts.fetchBytes, opts.onProgress);
      imageCache.set(name, p);
      p.catch(() => {
        if (imageCache.get(name) === p) imageCache.delete(name);
      });
    }
    return p;
  }
  if (name === 'circles' || name === 'xor' || name === 'gauss' || name === 'spiral') {
    const ds = makeSynthetic(name, opts.seed);
    opts.onProgress?.({ dataset: name, phase: 'decode', loaded: 1, total: 1 });
    return ds;
  }
  throw new Error(`unknown dataset "${String(name)}"`);
}

async function loadImageDataset(
  name: 'mnist' | 'fashion',
  fetchBytes: FetchBytes,
  onProgress?: (p: LoadProgress) => void,
): Promise<Dataset> {
  const path = `data/${name}.tlds`;
  const report = throttled(name, onProgress);
  let bytes: Uint8Array;
  try {
    bytes = await fetchBytes(path, (loaded, total) => report('download', loaded, total));
  } catch (err) {
    throw new Error(`could not load ${path}: ${errorMessage(err)} (run \`npm run data\` to rebuild it)`);
  }
  report('download', bytes.length, bytes.length, true);
  const d = await decodeTlds(bytes, (loaded, total) => report('decode', loaded, total));
  const h = d.header;
  if (h.name !== name) throw new Error(`${path} holds dataset "${h.name}", expected "${name}"`);
  if (h.counts.train <= VALIDATION_SIZE) {
    throw new Error(`${path}: only ${h.counts.train} training images, need more than ${VALIDATION_SIZE}`);
  }
  const dim = h.rows * h.cols;
  const nTrain = h.counts.train - VALIDATION_SIZE;
  const split = (x: Uint8Array, y: Uint8Array, from: number, n: number): Split => ({
    n,
    dim,
    x: x.subarray(from * dim, (from + n) * dim),
    xScale: 1 / 255,
    labels: y.subarray(from, from + n),
  });
  const fallback = name === 'mnist' ? MNIST_CLASSES : FASHION_CLASSES;
  const classNames =
    Array.isArray(h.classes) && h.classes.length > 0 && h.classes.every((c) => typeof c === 'string')
      ? h.classes.slice()
      : fallback.slice();
  return {
    name,
    inputShape: [h.rows, h.cols, 1],
    dim,
    numClasses: classNames.length,
    classNames,
    train: split(d.trainX, d.trainY, 0, nTrain),
    val: split(d.trainX, d.trainY, nTrain, VALIDATION_SIZE),
    test: split(d.testX, d.testY, 0, h.counts.test),
    source: `${h.source}. Licence: ${h.license}. Validation: last ${VALIDATION_SIZE} of the ${h.counts.train} training images.`,
  };
}

/** Rate-limits progress reports to about one per percent, so a worker does not flood postMessage. */
function throttled(dataset: DatasetName, onProgress?: (p: LoadProgress) => void) {
  let lastPhase = '';
  let last = -Infinity;
  return (phase: LoadProgress['phase'], loaded: number, total: number, force = false) => {
    if (!onProgress) return;
    const step = total > 0 ? total / 100 : 1 << 20;
    if (phase === lastPhase && loaded === last) return;
    const final = total > 0 && loaded >= total;
    if (!force && !final && phase === lastPhase && loaded - last < step) return;
    lastPhase = phase;
    last = loaded;
    onProgress({ dataset, phase, loaded, total });
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------
// .tlds decoding

/** Gunzips a .tlds file and returns views on its header and four arrays (no copies). */
export async function decodeTlds(
  gzipped: Uint8Array,
  onProgress?: (loaded: number, total: number) => void,
): Promise<DecodedTlds> {
  const raw = await gunzip(gzipped, onProgress);
  return parseTlds(raw);
}

/** Parses an already-decompressed .tlds payload. */
export function parseTlds(raw: Uint8Array): DecodedTlds {
  if (raw.length < 12) throw new Error(`not a .tlds dataset: only ${raw.length} bytes after gunzip`);
  let magic = '';
  for (let i = 0; i < 8; i++) magic += String.fromCharCode(raw[i]);
  if (magic !== TLDS_MAGIC) {
    throw new Error(`not a .tlds dataset: bad magic ${JSON.stringify(magic)} (expected "${TLDS_MAGIC}")`);
  }
  const headerLen = new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(8, true);
  if (12 + headerLen > raw.length) throw new Error(`.tlds header length ${headerLen} runs past the end of the file`);
  let header: TldsHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(raw.subarray(12, 12 + headerLen))) as TldsHeader;
  } catch (err) {
    throw new Error(`.tlds header is not valid JSON: ${errorMessage(err)}`);
  }
  const posInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (!header || !posInt(header.rows) || !posInt(header.cols) || !header.counts) {
    throw new Error('.tlds header lacks rows, cols or counts');
  }
  const { train, test } = header.counts;
  if (!posInt(train) || !posInt(test)) throw new Error('.tlds header has bad counts');
  const dim = header.rows * header.cols;
  let off = 12 + headerLen;
  const expected = off + (train + test) * (dim + 1);
  if (raw.length !== expected) {
    throw new Error(`.tlds payload is ${raw.length} bytes, expected ${expected} for ${train}+${test} images of ${dim} pixels`);
  }
  const take = (n: number) => {
    const v = raw.subarray(off, off + n);
    off += n;
    return v;
  };
  const trainX = take(train * dim);
  const trainY = take(train);
  const testX = take(test * dim);
  const testY = take(test);
  const numClasses = Array.isArray(header.classes) ? header.classes.length : 0;
  if (numClasses > 0) {
    for (const y of [trainY, testY]) {
      for (let i = 0; i < y.length; i++) {
        if (y[i] >= numClasses) throw new Error(`.tlds label ${y[i]} at index ${i} is out of range 0..${numClasses - 1}`);
      }
    }
  }
  return { header, trainX, trainY, testX, testY };
}

/** Gunzips with the platform's DecompressionStream into one preallocated buffer. */
async function gunzip(bytes: Uint8Array, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    const head = new TextDecoder().decode(bytes.subarray(0, 15)).replace(/[^\x20-\x7e]/g, '?');
    const hint = head.trimStart().startsWith('<') ? ' (looks like an HTML page: is the file missing on the server?)' : '';
    throw new Error(`not a gzip file (${bytes.length} bytes, starts ${JSON.stringify(head)})${hint}`);
  }
  if (typeof DecompressionStream === 'undefined') throw new Error('DecompressionStream is not available here');
  // The gzip trailer's ISIZE is the uncompressed length mod 2^32: used to preallocate.
  const n = bytes.length;
  const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip')).getReader();
  let out = new Uint8Array(isize);
  let len = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (len + value.length > out.length) {
        const grown = new Uint8Array(Math.max(out.length * 2, len + value.length));
        grown.set(out.subarray(0, len));
        out = grown;
      }
      out.set(value, len);
      len += value.length;
      onProgress?.(len, Math.max(isize, len));
    }
  } catch (err) {
    throw new Error(`corrupt gzip data: ${errorMessage(err)}`);
  }
  return len === out.length ? out : out.subarray(0, len);
}

// ---------------------------------------------------------------------------------------------
// Batches

let lutScale = NaN;
const lut = new Float32Array(256);

/**
 * Writes rows indices[start..start+count) of split into xOut (count*dim floats, scaled by xScale)
 * and their labels into yOut (Int32Array, count). No allocations: this is on the training hot path.
 */
export function fillBatch(
  split: Split,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  xOut: Float32Array,
  yOut: Int32Array,
): void {
  const dim = split.dim;
  const n = split.n;
  const labels = split.labels;
  if (start < 0 || count < 0 || start + count > indices.length) {
    throw new RangeError(`fillBatch: rows ${start}..${start + count} outside indices of length ${indices.length}`);
  }
  if (xOut.length < count * dim || yOut.length < count) {
    throw new RangeError(`fillBatch: output buffers too small for ${count} rows of ${dim}`);
  }
  const x = split.x;
  if (x instanceof Uint8Array) {
    if (split.xScale !== lutScale) {
      // Exact i/255 (not i * (1/255)) for the usual scale, so values equal Math.fround(byte / 255).
      const div = 1 / split.xScale;
      const exact = Number.isInteger(div);
      for (let i = 0; i < 256; i++) lut[i] = exact ? i / div : i * split.xScale;
      lutScale = split.xScale;
    }
    let o = 0;
    for (let b = 0; b < count; b++) {
      const r = indices[start + b];
      if (!(r >= 0 && r < n)) throw new RangeError(`fillBatch: row ${r} outside split of ${n}`);
      let p = r * dim;
      const end = p + dim;
      while (p < end) xOut[o++] = lut[x[p++]];
      yOut[b] = labels[r];
    }
  } else {
    const s = split.xScale;
    let o = 0;
    for (let b = 0; b < count; b++) {
      const r = indices[start + b];
      if (!(r >= 0 && r < n)) throw new RangeError(`fillBatch: row ${r} outside split of ${n}`);
      let p = r * dim;
      const end = p + dim;
      if (s === 1) while (p < end) xOut[o++] = x[p++];
      else while (p < end) xOut[o++] = x[p++] * s;
      yOut[b] = labels[r];
    }
  }
}

/** Number of examples of each class in a split. */
export function classCounts(split: Split, numClasses: number): number[] {
  const c = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < split.n; i++) c[split.labels[i]]++;
  return c;
}

// ---------------------------------------------------------------------------------------------
// 2-D datasets, after TensorFlow Playground's src/dataset.ts (Apache-2.0). Playground draws points
// in about [-6, 6]; we divide by 6. Label 1 ("blue", playground's positive) / 0 ("orange").

type SynthName = 'circles' | 'xor' | 'gauss' | 'spiral';
const SCALE = 1 / 6;

/** Generates a 2-D dataset: same (name, seed) gives bit-identical arrays. */
export function makeSynthetic(name: SynthName, seed: number): Dataset {
  const rng = new Rng(deriveSeed(seed, 'data', name));
  const total = SYNTH_SIZES.train + SYNTH_SIZES.val + SYNTH_SIZES.test;
  const xy = new Float32Array(total * 2);
  const labels = new Uint8Array(total);
  const noise = SYNTH_NOISE[name];
  const uni = (a: number, b: number) => a + (b - a) * rng.next();
  let k = 0;
  const push = (x: number, y: number, positive: boolean) => {
    xy[2 * k] = x * SCALE;
    xy[2 * k + 1] = y * SCALE;
    labels[k] = positive ? 1 : 0;
    k++;
  };
  const half = total / 2;
  switch (name) {
    case 'circles': {
      const radius = 5;
      const inside = (x: number, y: number) => Math.hypot(x, y) < radius * 0.5;
      for (let i = 0; i < total; i++) {
        // First half inside the circle, second half in the ring outside; label from a noisy copy.
        const r = i < half ? uni(0, radius * 0.5) : uni(radius * 0.7, radius);
        const a = uni(0, 2 * Math.PI);
        const x = r * Math.sin(a);
        const y = r * Math.cos(a);
        const nx = uni(-radius, radius) * noise;
        const ny = uni(-radius, radius) * noise;
        push(x, y, inside(x + nx, y + ny));
      }
      break;
    }
    case 'xor': {
      const pad = 0.3;
      for (let i = 0; i < total; i++) {
        let x = uni(-5, 5);
        x += x > 0 ? pad : -pad;
        let y = uni(-5, 5);
        y += y > 0 ? pad : -pad;
        const nx = uni(-5, 5) * noise;
        const ny = uni(-5, 5) * noise;
        push(x, y, (x + nx) * (y + ny) >= 0);
      }
      break;
    }
    case 'gauss': {
      // Playground maps noise 0..0.5 to variance 0.5..4.
      const sd = Math.sqrt(0.5 + (noise / 0.5) * 3.5);
      for (let i = 0; i < total; i++) {
        const positive = i < half;
        const c = positive ? 2 : -2;
        push(c + sd * rng.normal(), c + sd * rng.normal(), positive);
      }
      break;
    }
    case 'spiral': {
      for (let i = 0; i < total; i++) {
        const positive = i < half;
        const u = rng.next(); // position along the arm (playground uses i / n)
        const r = u * 5;
        const t = 1.75 * u * 2 * Math.PI + (positive ? 0 : Math.PI);
        push(r * Math.sin(t) + uni(-1, 1) * noise, r * Math.cos(t) + uni(-1, 1) * noise, positive);
      }
      break;
    }
  }
  // Shuffle examples (points and labels together), then cut train / val / test.
  for (let i = total - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tx = xy[2 * i];
    const ty = xy[2 * i + 1];
    xy[2 * i] = xy[2 * j];
    xy[2 * i + 1] = xy[2 * j + 1];
    xy[2 * j] = tx;
    xy[2 * j + 1] = ty;
    const tl = labels[i];
    labels[i] = labels[j];
    labels[j] = tl;
  }
  const cut = (from: number, n: number): Split => ({
    n,
    dim: 2,
    x: xy.subarray(from * 2, (from + n) * 2),
    xScale: 1,
    labels: labels.subarray(from, from + n),
  });
  const { train, val, test } = SYNTH_SIZES;
  return {
    name,
    inputShape: [2],
    dim: 2,
    numClasses: 2,
    classNames: SYNTH_CLASSES.slice(),
    train: cut(0, train),
    val: cut(train, val),
    test: cut(train + val, test),
    source: `Synthetic 2-D "${name}" data after TensorFlow Playground (Apache-2.0), noise ${noise}, seed ${seed}: ${train} train / ${val} validation / ${test} test points`,
  };
}
