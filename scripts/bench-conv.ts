// npx vite-node scripts/bench-conv.ts [-- --backend wasm|cpu] [--batch 60] [--arms 3] [--rounds 3]
//                                        [--steps 2] [--only single|arms] [--im2col] [--profile VARIANT]
//
// Samples/s of a full, unmasked Conv-2 training step (forward, softmax cross-entropy, gradients,
// Adam) on random 28x28x1 data, for each way of computing the convolutions, in one process and
// interleaved round by round (the machine may be shared: compare the ratios). Columns: samples/s
// over all rounds, in the best round (the least disturbed by other processes), and per second of
// this process's CPU time (close to an unshared core: the tfjs WASM build used is single-threaded).
// Candidates that lost stay here so the comparison can be re-run:
//   before: what models.ts did: on WASM (no Conv2DBackpropFilter) the Conv3DBackpropFilterV2 route,
//           elsewhere tf.conv2d and its own gradients
//   im2col (--im2col; slow): patches [b*h*w, kh*kw*c] from kh*kw shifted slices, matMul for the value
//           and both gradients; for arms one batched matMul [arms, b*h*w, kh*kw*c] x [arms, kh*kw*c, co]
// --profile VARIANT prints the kernels that one step of VARIANT spends its time in.
import * as tf from '@tensorflow/tfjs-core';
import { conv3DBackpropFilter } from '@tensorflow/tfjs-core/dist/ops/conv3d_backprop_filter';
import { selectBackend } from '../src/engine/backend';
import { buildArchitecture } from '../src/engine/architectures';
import { biasRelu, conv2dSame, conv2dSameArms, maxPool2x2 } from '../src/engine/conv';
import { Rng } from '../src/engine/rng';
import { nodeWasmPaths } from '../src/node/wasm-paths';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const BACKEND = arg('backend', 'wasm') as 'wasm' | 'cpu';
const B = Number(arg('batch', '60'));
const ARMS = Number(arg('arms', '3'));
const ROUNDS = Number(arg('rounds', '3'));
const STEPS = Number(arg('steps', '2'));
const ONLY = arg('only', '');
const PROFILE = arg('profile', '');
const IM2COL = process.argv.includes('--im2col');

type Conv = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;
type ConvArms = (x: tf.Tensor5D, w: tf.Tensor5D) => tf.Tensor5D;
type Pool = (x: tf.Tensor4D) => tf.Tensor4D;
type BiasRelu = (x: tf.Tensor, b: tf.Tensor) => tf.Tensor;
const tfBiasRelu: BiasRelu = (x, b) => tf.relu(tf.add(x, b));
const custom = <F>(f: unknown) => tf.customGrad(f as Parameters<typeof tf.customGrad>[0]) as unknown as F;
const tB = (t: tf.Tensor) => tf.transpose(t, [0, 2, 1]) as tf.Tensor3D;

// x @ w whose gradient transposes explicitly (models.ts's fastMatMul): tfjs's own uses the
// transpose flags, ~15x slower on WASM.
const fastMatMul = custom<(a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D>((a: tf.Tensor2D, b: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor2D, [as, bs]: tf.Tensor2D[]) => [tf.matMul(dy, tf.transpose(bs)), tf.matMul(tf.transpose(as), dy)],
  };
});
const matMul = (a: tf.Tensor2D, b: tf.Tensor2D) => (BACKEND === 'wasm' ? fastMatMul(a, b) : tf.matMul(a, b));
const size = (shape: number[]) => shape.reduce((x, y) => x * y, 1);

// The route models.ts took before conv.ts: filter gradient from Conv3DBackpropFilterV2.
const convBefore = custom<Conv>((x: tf.Tensor4D, w: tf.Tensor4D, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.conv2d(x, w, 1, 'same'),
    gradFunc: (dy: tf.Tensor4D, [xs, ws]: tf.Tensor4D[]) => {
      const [b, h, wd, c] = xs.shape;
      const dx = tf.conv2dTranspose(dy, ws, [b, h, wd, c], 1, 'same');
      const x5 = tf.reshape(xs, [b, 1, h, wd, c]) as tf.Tensor5D;
      const dy5 = tf.reshape(dy, [b, 1, h, wd, dy.shape[3]]) as tf.Tensor5D;
      const [kh, kw, ci, co] = ws.shape;
      return [dx, tf.reshape(conv3DBackpropFilter(x5, dy5, [1, kh, kw, ci, co], 1, 'same'), ws.shape)];
    },
  };
});

/** [arms, b, h, w, c] -> [arms, b*h*w, 3*3*c] patches of a 3x3 'same' convolution (4-D ops: WASM
 * slices and concatenates 5-D tensors far more slowly). */
function im2col(x: tf.Tensor5D): tf.Tensor3D {
  const [a, b, h, w, c] = x.shape;
  // A tidy of its own frees the shifted slices at once (3 arms would otherwise exhaust WASM memory).
  return tf.tidy(() => {
    const xp = tf.pad(tf.reshape(x, [a * b, h, w, c]), [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const parts: tf.Tensor[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) parts.push(tf.slice(xp, [0, i, j, 0], [a * b, h, w, c]));
    return tf.reshape(tf.concat(parts, 3), [a, b * h * w, 9 * c]);
  });
}
const flipT = (w: tf.Tensor5D) => tf.transpose(tf.reverse(w, [1, 2]), [0, 1, 2, 4, 3]) as tf.Tensor5D;
const convIm2col = custom<ConvArms>((x: tf.Tensor5D, w: tf.Tensor5D, save: tf.GradSaveFunc) => {
  const [a, b, h, wd] = x.shape;
  const [, kh, kw, ci, co] = w.shape;
  const cols = im2col(x);
  save([cols, w]);
  return {
    value: tf.reshape(tf.matMul(cols, tf.reshape(w, [a, kh * kw * ci, co])), [a, b, h, wd, co]),
    gradFunc: (dy: tf.Tensor5D, [cs, ws]: tf.Tensor[]) => {
      const dyM = tf.reshape(dy, [a, b * h * wd, co]) as tf.Tensor3D;
      const dw = tf.reshape(tf.matMul(tB(cs as tf.Tensor3D), dyM), ws.shape);
      const dx = tf.matMul(im2col(dy), tf.reshape(flipT(ws as tf.Tensor5D), [a, kh * kw * co, ci]));
      return [tf.reshape(dx, [a, b, h, wd, ci]), dw];
    },
  };
});
const expand = (f: ConvArms): Conv => (x, w) => tf.squeeze(f(tf.expandDims(x) as tf.Tensor5D, tf.expandDims(w) as tf.Tensor5D), [0]);
// One network: no unstack (its gradient fails for a single output).
const one = (conv: Conv): ConvArms => (x, w) => tf.expandDims(conv(tf.squeeze(x, [0]), tf.squeeze(w, [0]))) as tf.Tensor5D;
const tfPool: Pool = (x) => tf.maxPool(x, 2, 2, 'valid');

const arch = buildArchitecture('conv2', [28, 28, 1], 10);

/**
 * Conv-2 for `arms` networks at once. The convolutions see all arms (weights [arms, kh, kw, ci, co]);
 * the dense layers hold weights per arm and loop over arms: WASM's BatchMatMul with a batch > 1
 * took 1.4 s where three 2-D matMuls took 0.09 s ([3,60,12544] x [3,12544,256]).
 */
class Model {
  readonly vars: tf.Variable[] = [];
  readonly opt: tf.Optimizer = tf.train.adam(1.2e-3);
  readonly x: tf.Tensor5D;
  readonly y: tf.Tensor2D;

  constructor(readonly arms: number, readonly conv: ConvArms, readonly pool: Pool, readonly biasRelu: BiasRelu, seed: number) {
    const rng = new Rng(seed);
    const param = (shape: number[], fanSum: number) =>
      tf.variable(tf.tensor(Float32Array.from({ length: size(shape) }, () => rng.normal() * Math.sqrt(2 / fanSum)), shape));
    for (const l of arch.layers) {
      const n = l.shape[l.shape.length - 1];
      const copies = l.kind === 'conv' ? [[arms, ...l.shape]] : Array.from({ length: arms }, () => l.shape);
      for (const shape of copies) this.vars.push(param(shape, l.fanIn + l.fanOut), tf.variable(tf.zeros([...shape.slice(0, -l.shape.length), n])));
    }
    this.x = tf.tensor(Float32Array.from({ length: arms * B * 784 }, () => rng.next()), [arms, B, 28, 28, 1]);
    this.y = tf.oneHot(tf.tensor1d(Array.from({ length: arms * B }, () => rng.int(10)), 'int32'), 10) as tf.Tensor2D;
  }

  private logits(): tf.Tensor2D {
    const A = this.arms;
    const [w1, b1, w2, b2, ...dense] = this.vars;
    const bias5 = (b: tf.Tensor) => tf.reshape(b, [A, 1, 1, 1, -1]);
    let h: tf.Tensor = this.biasRelu(this.conv(this.x, w1 as tf.Tensor5D), bias5(b1));
    h = this.biasRelu(this.conv(h as tf.Tensor5D, w2 as tf.Tensor5D), bias5(b2));
    h = tf.reshape(this.pool(tf.reshape(h, [A * B, 28, 28, 64]) as tf.Tensor4D), [A, B, -1]);
    // tf.unstack's gradient fails for a single output, hence the squeeze.
    const perArm = A === 1 ? [tf.squeeze(h, [0])] : tf.unstack(h);
    return tf.concat(perArm.map((ha, a) => {
      let z = ha as tf.Tensor2D;
      for (let i = 0; i < 3; i++) {
        const k = 2 * (i * A + a); // layer by layer, then arm by arm
        z = tf.add(matMul(z, dense[k] as tf.Tensor2D), dense[k + 1]);
        if (i < 2) z = tf.relu(z);
      }
      return z;
    }));
  }

  /** One Adam step; the loss is the arms' mean losses summed, so each arm trains as if alone. */
  step(): tf.Scalar {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.mul(tf.losses.softmaxCrossEntropy(this.y, this.logits()), this.arms) as tf.Scalar, this.vars);
      this.opt.applyGradients(grads);
      return value;
    });
  }
}

interface Variant {
  name: string;
  group: 'single' | 'arms';
  models: Model[];
  /** Timed steps per round (the slow baseline runs fewer). */
  steps: number;
  wall: number;
  cpu: number;
  samples: number;
  /** Samples/s of each round: the best one is the least disturbed by other processes. */
  rounds: number[];
}

const single = (name: string, conv: Conv, pool: Pool, br: BiasRelu, steps = STEPS): Variant => ({
  name, group: 'single', models: [new Model(1, one(conv), pool, br, 1)], steps, wall: 0, cpu: 0, samples: 0, rounds: [],
});
const arms = (name: string, make: () => Model[]): Variant => ({ name, group: 'arms', models: make(), steps: STEPS, wall: 0, cpu: 0, samples: 0, rounds: [] });

async function runSteps(v: Variant, n: number) {
  for (let s = 0; s < n; s++) for (const m of v.models) (m.step()).dispose();
  // One read per batch of steps, as the engine's loop does: it waits for all queued work.
  await v.models[v.models.length - 1].vars[0].data();
}

async function main() {
  await selectBackend(BACKEND, nodeWasmPaths());
  console.log(`backend ${tf.getBackend()}, batch ${B}, ${ROUNDS} rounds, Conv-2 (${arch.layers.map((l) => l.shape.join('x')).join(', ')})`);
  const variants: Variant[] = [];
  if (ONLY !== 'arms') {
    // WASM had no Conv2DBackpropFilter: models.ts took the Conv3D route there, tfjs's conv2d elsewhere.
    if (BACKEND === 'wasm') variants.push(single('before: Conv3D filter grad', convBefore, tfPool, tfBiasRelu, 1));
    else variants.push(single("before: tf.conv2d's own gradients", (x, w) => tf.conv2d(x, w, 1, 'same'), tfPool, tfBiasRelu, 1));
    if (IM2COL) variants.push(single('im2col + matMul', expand(convIm2col), tfPool, tfBiasRelu));
    variants.push(
      single('conv2dSame (models.ts now)', conv2dSame, tfPool, tfBiasRelu),
      single('conv2dSame + maxPool2x2', conv2dSame, maxPool2x2, tfBiasRelu),
      single('conv2dSame + maxPool2x2 + biasRelu', conv2dSame, maxPool2x2, biasRelu),
    );
  }
  if (ONLY !== 'single') {
    const ours = (a: number, conv: ConvArms) => new Model(a, conv, maxPool2x2, biasRelu, 10 + a);
    variants.push(
      arms(`${ARMS} networks, one after another`, () => Array.from({ length: ARMS }, () => ours(1, one(conv2dSame)))),
      arms(`${ARMS} arms: conv2dSameArms`, () => [ours(ARMS, conv2dSameArms)]),
    );
    if (IM2COL) variants.push(arms(`${ARMS} arms: batched im2col matMul`, () => [ours(ARMS, convIm2col)]));
  }
  if (PROFILE) {
    const v = variants.find((x) => x.name.startsWith(PROFILE));
    if (!v) throw new Error(`--profile: no variant starts with "${PROFILE}"`);
    await runSteps(v, 1);
    const prof = await tf.profile(() => v.models[0].step());
    const byKernel = new Map<string, number>();
    for (const k of prof.kernels) {
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      byKernel.set(key, (byKernel.get(key) ?? 0) + (k.kernelTimeMs as number));
    }
    const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
    console.log(`${v.name}: ${total.toFixed(0)} ms in kernels`);
    for (const [k, ms] of [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
    return;
  }
  for (const v of variants) await runSteps(v, 1); // warm-up: kernels, Adam's slots, memory growth
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of variants) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await runSteps(v, v.steps);
      const c = process.cpuUsage(c0);
      const wall = (performance.now() - t0) / 1000;
      const samples = v.steps * B * v.models.reduce((n, m) => n + m.arms, 0);
      v.wall += wall;
      v.cpu += (c.user + c.system) / 1e6;
      v.samples += samples;
      v.rounds.push(samples / wall);
    }
    console.error(`round ${r + 1}/${ROUNDS}: ${variants.map((v) => `${v.name} ${v.rounds[r].toFixed(1)}`).join(' | ')}`);
  }
  for (const group of ['single', 'arms'] as const) {
    const rows = variants.filter((v) => v.group === group);
    if (!rows.length) continue;
    const mean = (v: Variant) => v.samples / v.wall;
    const best = (v: Variant) => Math.max(...v.rounds);
    const title = group === 'single' ? 'one network' : `${ARMS} networks (samples/s across them)`;
    console.log(`\n${title.padEnd(44)}   samples/s: mean   best  per cpu-s   vs first: mean  best`);
    for (const v of rows) {
      const cols = [mean(v), best(v), v.samples / v.cpu].map((x) => x.toFixed(1).padStart(7)).join('');
      const ratios = [mean(v) / mean(rows[0]), best(v) / best(rows[0])].map((x) => `${x.toFixed(2)}x`.padStart(7)).join('');
      console.log(`  ${v.name.padEnd(44)}      ${cols}    ${ratios}`);
    }
  }
}

await main();
