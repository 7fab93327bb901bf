// The arms of a round as one network: every arm (ticket, controls, seeds) has its own weights,
// biases and masks, and one forward/backward pass computes all of them. Each arm's loss depends
// only on its own weights and Adam/SGD/momentum act elementwise, so training arms together gives
// what training each alone gives.
//
// Three layouts, chosen per backend by measurement (npm run bench):
//  - 'stacked': one [arms, ...shape] variable per layer and one batched matMul per dense layer.
//    On a GPU a small network's step is bound by kernel launches, and this divides them by arms.
//  - 'perArm': one variable per arm and layer, 2-D matMuls in a loop. tfjs-wasm's BatchMatMul was
//    ~4x slower than a loop of 2-D matMuls here, and unstacking [arms, ...] variables every step
//    cost ~2x more than keeping them apart.
//  - 'perArmOutIn': 'perArm' with dense weights stored [out, in] (as PyTorch stores them), so that
//    in training the weight is matMul's left operand. tfjs-wasm hands the right operand to XNNPACK
//    as the "filter", which it repacks whenever the tensor is new, i.e. after every update: for
//    784x300 x.W took 5.1 ms against 1.5 ms for Wt.xT (docs/bench.md). Callers see [in, out].
import * as tf from '@tensorflow/tfjs-core';
import { biasRelu, conv2dSame, conv2dSameArms, joinArms, maxPool2x2, splitArms } from './conv';
import { layerSize, type Architecture } from './architectures';
import type { Masks } from './masks';

export type Layout = 'stacked' | 'perArm' | 'perArmOutIn';

export const layoutFor = (backend: string): Layout =>
  backend === 'webgpu' || backend === 'webgl' ? 'stacked' : backend === 'wasm' ? 'perArmOutIn' : 'perArm';

/** One arm's tensors as plain data: what it starts from, or what it ended with. */
export interface ArmWeights {
  weights: Float32Array[];
  biases: Float32Array[];
}

type GradFn = Parameters<typeof tf.customGrad>[0];

// x @ w with explicit transposes in the gradient: tfjs's own matMul gradient uses the transpose
// flags, which were ~15x slower on WASM (15-18 ms vs 1.1 ms for 60x784 by 784x300). When x is the
// network's input its gradient is never used, so it is not computed (a third of the first layer).
function matMulWith(inputGrad: boolean) {
  return tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, w]);
    return {
      value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved;
        const r = xs.rank;
        const perm = r === 3 ? [0, 2, 1] : [1, 0];
        const dw = tf.matMul(tf.transpose(xs, perm) as tf.Tensor2D, dy as tf.Tensor2D);
        const dx = inputGrad ? tf.matMul(dy as tf.Tensor2D, tf.transpose(ws, perm) as tf.Tensor2D) : tf.zerosLike(xs);
        return [dx, dw];
      },
    };
  }) as unknown as GradFn) as unknown as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;
}
const fastMatMul = matMulWith(true);
const inputMatMul = matMulWith(false);

// The explicit-transpose gradient wins ~2x on WASM but loses ~25% on CPU and WebGL (npm run bench).
function denseMatMul(isInput: boolean): (x: tf.Tensor, w: tf.Tensor) => tf.Tensor {
  if (tf.getBackend() === 'wasm') return isInput ? inputMatMul : fastMatMul;
  return (x, w) => tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D);
}

// x [batch, in] times a weight stored [out, in]: (Wt.xT)T. Every right operand is batch-sized, so
// XNNPACK repacks only activations. The input gradient (when needed) is dy.Wt, whose right operand
// is the weight: for Conv-2's 12544x256 layer transposing Wt first was no faster (docs/bench.md).
function outInMatMulWith(inputGrad: boolean) {
  return tf.customGrad(((x: tf.Tensor, wt: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, wt]);
    return {
      value: tf.transpose(tf.matMul(wt as tf.Tensor2D, tf.transpose(x) as tf.Tensor2D)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved;
        const dwt = tf.matMul(tf.transpose(dy) as tf.Tensor2D, xs as tf.Tensor2D);
        const dx = inputGrad ? tf.matMul(dy as tf.Tensor2D, ws as tf.Tensor2D) : tf.zerosLike(xs);
        return [dx, dwt];
      },
    };
  }) as unknown as GradFn) as unknown as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;
}
const outInMatMul = outInMatMulWith(true);
const outInInputMatMul = outInMatMulWith(false);

/** How a dense layer multiplies: training (gradients) or inference (weights fixed for a while). */
type DenseFn = (layer: number, h: tf.Tensor, w: tf.Tensor) => tf.Tensor;

/** The forward pass of an evaluation: weights are fixed, so they can be prepared once for all chunks. */
export interface InferenceView {
  logits(x: tf.Tensor3D): tf.Tensor3D;
  dispose(): void;
}

export class ArmsNetwork {
  /** weights[layer][arm] ('perArm') or weights[layer][0] of shape [arms, ...] ('stacked'). */
  private readonly w: tf.Variable[][];
  private readonly b: tf.Variable[][];
  private readonly masks: tf.Tensor[][];

  constructor(
    readonly arch: Architecture,
    readonly arms: number,
    readonly layout: Layout = layoutFor(tf.getBackend()),
  ) {
    const copies = layout === 'stacked' ? 1 : arms;
    const lead = layout === 'stacked' ? [arms] : [];
    const outOf = (shape: number[]) => shape[shape.length - 1];
    const stored = arch.layers.map((_, i) => this.storedShape(i));
    // tidy frees the zero tensors; variables survive it.
    this.w = tf.tidy(() => stored.map((shape) => Array.from({ length: copies }, () => tf.variable(tf.zeros([...lead, ...shape])))));
    this.b = tf.tidy(() => arch.layers.map((l) => Array.from({ length: copies }, () => tf.variable(tf.zeros([...lead, outOf(l.shape)])))));
    this.masks = stored.map((shape) => Array.from({ length: copies }, () => tf.ones([...lead, ...shape])));
  }

  /** Dense weights are [out, in] in the 'perArmOutIn' layout. */
  private isOutIn(layer: number): boolean {
    return this.layout === 'perArmOutIn' && this.arch.layers[layer].kind === 'dense';
  }

  private storedShape(layer: number): number[] {
    const shape = this.arch.layers[layer].shape;
    return this.isOutIn(layer) ? [shape[1], shape[0]] : shape;
  }

  /** A [in, out] array as stored (or back): transposed for out-in layers, as it is otherwise. */
  private toStored(layer: number, a: Float32Array, back = false): Float32Array {
    if (!this.isOutIn(layer)) return a;
    const [rows, cols] = this.arch.layers[layer].shape;
    return back ? transpose2d(a, cols, rows) : transpose2d(a, rows, cols);
  }



  get variables(): tf.Variable[] {
    return [...this.w.flat(), ...this.b.flat()];
  }

  /** The weight variables (no biases), layer by layer, of a one-arm network. */
  get oneArmWeights(): tf.Variable[] {
    if (this.arms !== 1) throw new Error('oneArmWeights: a network of one arm only');
    return this.w.map((copies) => copies[0]);
  }

  /** Gradients of oneArmWeights in the layout callers use ([in, out], conv filters as they are). */
  oneArmWeightGradients(grads: tf.NamedTensorMap): tf.Tensor[] {
    return this.oneArmWeights.map((v, i) => {
      const g = grads[v.name];
      if (this.isOutIn(i)) return tf.transpose(g);
      return this.layout === 'stacked' ? tf.reshape(g, this.arch.layers[i].shape) : g;
    });
  }

  /**
   * Sets every arm's starting point. `weights` should already be what the forward pass must see
   * (pruned entries 0); `masks` only decides which weights may change.
   */
  load(starts: (ArmWeights & { masks: Masks })[]): void {
    if (starts.length !== this.arms) throw new Error(`load: ${starts.length} arms for a network of ${this.arms}`);
    this.arch.layers.forEach((l, i) => {
      const outShape = [l.shape[l.shape.length - 1]];
      if (this.layout === 'stacked') {
        const lead = [this.arms];
        tf.tidy(() => {
          this.w[i][0].assign(tf.tensor(concat(starts.map((s) => s.weights[i])), [...lead, ...l.shape]));
          this.b[i][0].assign(tf.tensor(concat(starts.map((s) => s.biases[i])), [...lead, ...outShape]));
        });
        this.masks[i][0].dispose();
        this.masks[i][0] = tf.tensor(concat(starts.map((s) => s.masks[i])), [...lead, ...l.shape]);
        return;
      }
      const shape = this.storedShape(i);
      starts.forEach((s, a) => {
        tf.tidy(() => {
          this.w[i][a].assign(tf.tensor(this.toStored(i, s.weights[i]), shape));
          this.b[i][a].assign(tf.tensor(s.biases[i], outShape));
        });
        this.masks[i][a].dispose();
        this.masks[i][a] = tf.tensor(this.toStored(i, s.masks[i]), shape);
      });
    });
  }

  /**
   * Copies the current weights and biases of `arms` (default: all) out, in that order (await
   * data(): never blocks a GPU backend). The copy is needed: the CPU backend hands out its own store.
   */
  async read(arms: number[] = Array.from({ length: this.arms }, (_, a) => a)): Promise<ArmWeights[]> {
    const stacked = this.layout === 'stacked';
    const grab = async (vars: tf.Variable[][], sizeOf: (layer: number) => number) =>
      Promise.all(
        vars.map(async (copies, i) => {
          const n = sizeOf(i);
          // 'stacked' holds every arm in one tensor; 'perArm' reads only the arms asked for.
          if (stacked) {
            const all = (await copies[0].data()) as Float32Array;
            return arms.map((a) => all.slice(a * n, (a + 1) * n));
          }
          return Promise.all(arms.map(async (a) => new Float32Array((await copies[a].data()) as Float32Array)));
        }),
      );
    const weights = (await grab(this.w, (i) => layerSize(this.arch.layers[i]))).map((l, i) => l.map((w) => this.toStored(i, w, true)));
    const biases = await grab(this.b, (i) => this.arch.layers[i].shape[this.arch.layers[i].shape.length - 1]);
    return arms.map((_, k) => ({ weights: weights.map((l) => l[k]), biases: biases.map((l) => l[k]) }));
  }

  /** Gradients of pruned weights are zeroed, so no optimizer (Adam's moments included) moves them. */
  maskGradients(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = { ...grads };
    this.w.forEach((copies, i) => copies.forEach((v, a) => (out[v.name] = tf.mul(grads[v.name], this.masks[i][a]))));
    return out;
  }

  /**
   * The masked gradients of `arms` only, for an optimizer that updates those arms. Per-arm layouts
   * hand over only their variables; 'stacked' zeroes the other arms' rows, which keeps Adam's and
   * momentum's state of those rows at exactly 0 and so never moves them.
   */
  groupGradients(grads: tf.NamedTensorMap, arms: number[]): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = {};
    if (this.layout === 'stacked') {
      const keep = tf.tensor1d(Array.from({ length: this.arms }, (_, a) => (arms.includes(a) ? 1 : 0)));
      const rows = (t: tf.Tensor) => tf.mul(t, tf.reshape(keep, [this.arms, ...t.shape.slice(1).map(() => 1)]));
      this.w.forEach(([v], i) => (out[v.name] = rows(tf.mul(grads[v.name], this.masks[i][0]))));
      this.b.forEach(([v]) => (out[v.name] = rows(grads[v.name])));
      return out;
    }
    this.w.forEach((copies, i) => arms.forEach((a) => (out[copies[a].name] = tf.mul(grads[copies[a].name], this.masks[i][a]))));
    this.b.forEach((copies) => arms.forEach((a) => (out[copies[a].name] = grads[copies[a].name])));
    return out;
  }

  /** Logits [arms, batch, classes] of inputs [arms, batch, features]: arm a sees x[a] only. */
  logits(x: tf.Tensor3D): tf.Tensor3D {
    if (this.layout === 'stacked') return this.stackedLogits(x);
    const dense: DenseFn = (i, h, w) => (this.isOutIn(i) ? (i === 0 ? outInInputMatMul : outInMatMul)(h, w) : denseMatMul(i === 0)(h, w));
    return this.perArmLogits(x, this.w, dense);
  }

  /**
   * Logits for an evaluation (no gradients). Out-in weights are transposed once here, so every
   * chunk multiplies by the same [in, out] tensor, which XNNPACK packs only once.
   */
  inference(): InferenceView {
    if (this.layout !== 'perArmOutIn') return { logits: (x) => this.logits(x), dispose: () => {} };
    const w = this.w.map((copies, i) => copies.map((v) => (this.isOutIn(i) ? tf.transpose(v) : v)));
    const dense: DenseFn = (_, h, wi) => tf.matMul(h as tf.Tensor2D, wi as tf.Tensor2D);
    return {
      logits: (x) => this.perArmLogits(x, w, dense),
      dispose: () => w.forEach((copies, i) => this.isOutIn(i) && tf.dispose(copies)),
    };
  }

  private perArmLogits(x: tf.Tensor3D, w: tf.Tensor[][], dense: DenseFn): tf.Tensor3D {
    const xs = splitArms(x);
    const out = xs.map((xa, a) =>
      forwardOne(
        this.arch,
        w.map((copies) => copies[a]),
        this.b.map((copies) => copies[a]),
        xa as tf.Tensor2D,
        dense,
      ),
    );
    return joinArms(out) as tf.Tensor3D;
  }

  private stackedLogits(x: tf.Tensor3D): tf.Tensor3D {
    const { arch, arms } = this;
    const batch = x.shape[1];
    let h: tf.Tensor = x;
    if (arch.layers[0].kind === 'conv') h = tf.reshape(x, [arms, batch, ...arch.inputShape]);
    arch.layers.forEach((l, i) => {
      const w = this.w[i][0];
      const b = this.b[i][0];
      if (l.kind === 'conv') {
        h = biasRelu(conv2dSameArms(h as tf.Tensor5D, w as tf.Tensor5D), tf.reshape(b, [arms, 1, 1, 1, -1]));
        if (l.poolAfter) {
          const [, n, hh, ww, c] = h.shape;
          const pooled = maxPool2x2(tf.reshape(h, [arms * n, hh, ww, c]) as tf.Tensor4D);
          h = tf.reshape(pooled, [arms, n, ...pooled.shape.slice(1)]);
        }
        return;
      }
      if (h.rank !== 3) h = tf.reshape(h, [arms, batch, -1]);
      h = tf.add(denseMatMul(i === 0)(h, w), tf.reshape(b, [arms, 1, -1]));
      if (!l.isOutput) h = tf.relu(h);
    });
    return h as tf.Tensor3D;
  }

  dispose(): void {
    for (const t of [...this.w.flat(), ...this.b.flat(), ...this.masks.flat()]) t.dispose();
  }
}

/**
 * The logits of one network whose weights already hold their masks (pruned entries are zero, or
 * frozen at a fixed value); gradients are masked in the training step, not here.
 */
export function forwardOne(
  arch: Architecture,
  weights: tf.Tensor[],
  biases: tf.Tensor[],
  x: tf.Tensor2D,
  dense: DenseFn = (i, h, w) => denseMatMul(i === 0)(h, w),
): tf.Tensor2D {
  let h: tf.Tensor = x;
  const firstDense = arch.layers.findIndex((l) => l.kind === 'dense');
  if (arch.layers[0].kind === 'conv') h = tf.reshape(x, [x.shape[0], ...arch.inputShape]);
  arch.layers.forEach((l, i) => {
    if (l.kind === 'conv') {
      h = biasRelu(conv2dSame(h as tf.Tensor4D, weights[i] as tf.Tensor4D), biases[i]);
      if (l.poolAfter) h = maxPool2x2(h as tf.Tensor4D);
      return;
    }
    if (i === firstDense && h.rank !== 2) h = tf.reshape(h, [h.shape[0], -1]);
    h = tf.add(dense(i, h, weights[i]), biases[i]);
    if (!l.isOutput) h = tf.relu(h);
  });
  return h as tf.Tensor2D;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A row-major [rows, cols] array as [cols, rows]. */
export function transpose2d(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}
