// The arms of a round as one network: every arm (ticket, controls, seeds) has its own weights,
// biases and masks, and one forward/backward pass computes all of them. Each arm's loss depends
// only on its own weights and Adam/SGD/momentum act elementwise, so training arms together gives
// what training each alone gives.
//
// Two layouts, chosen per backend by measurement (npm run bench):
//  - 'stacked': one [arms, ...shape] variable per layer and one batched matMul per dense layer.
//    On a GPU a small network's step is bound by kernel launches, and this divides them by arms.
//  - 'perArm': one variable per arm and layer, 2-D matMuls in a loop. tfjs-wasm's BatchMatMul was
//    ~4x slower than a loop of 2-D matMuls here, and unstacking [arms, ...] variables every step
//    cost ~2x more than keeping them apart.
import * as tf from '@tensorflow/tfjs-core';
import { biasRelu, conv2dSame, conv2dSameArms, joinArms, maxPool2x2, splitArms } from './conv';
import { layerSize, type Architecture } from './architectures';
import type { Masks } from './masks';

export type Layout = 'stacked' | 'perArm';

export const layoutFor = (backend: string): Layout => (backend === 'webgpu' || backend === 'webgl' ? 'stacked' : 'perArm');

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
    // tidy frees the zero tensors; variables survive it.
    this.w = tf.tidy(() => arch.layers.map((l) => Array.from({ length: copies }, () => tf.variable(tf.zeros([...lead, ...l.shape])))));
    this.b = tf.tidy(() => arch.layers.map((l) => Array.from({ length: copies }, () => tf.variable(tf.zeros([...lead, outOf(l.shape)])))));
    this.masks = arch.layers.map((l) => Array.from({ length: copies }, () => tf.ones([...lead, ...l.shape])));
  }

  get variables(): tf.Variable[] {
    return [...this.w.flat(), ...this.b.flat()];
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
      starts.forEach((s, a) => {
        tf.tidy(() => {
          this.w[i][a].assign(tf.tensor(s.weights[i], l.shape));
          this.b[i][a].assign(tf.tensor(s.biases[i], outShape));
        });
        this.masks[i][a].dispose();
        this.masks[i][a] = tf.tensor(s.masks[i], l.shape);
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
    const weights = await grab(this.w, (i) => layerSize(this.arch.layers[i]));
    const biases = await grab(this.b, (i) => this.arch.layers[i].shape[this.arch.layers[i].shape.length - 1]);
    return arms.map((_, k) => ({ weights: weights.map((l) => l[k]), biases: biases.map((l) => l[k]) }));
  }

  /** Gradients of pruned weights are zeroed, so no optimizer (Adam's moments included) moves them. */
  maskGradients(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = { ...grads };
    this.w.forEach((copies, i) => copies.forEach((v, a) => (out[v.name] = tf.mul(grads[v.name], this.masks[i][a]))));
    return out;
  }

  /** Logits [arms, batch, classes] of inputs [arms, batch, features]: arm a sees x[a] only. */
  logits(x: tf.Tensor3D): tf.Tensor3D {
    return this.layout === 'stacked' ? this.stackedLogits(x) : this.perArmLogits(x);
  }

  private perArmLogits(x: tf.Tensor3D): tf.Tensor3D {
    const xs = splitArms(x);
    const out = xs.map((xa, a) =>
      forwardOne(
        this.arch,
        this.w.map((copies) => copies[a]),
        this.b.map((copies) => copies[a]),
        xa as tf.Tensor2D,
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
export function forwardOne(arch: Architecture, weights: tf.Tensor[], biases: tf.Tensor[], x: tf.Tensor2D): tf.Tensor2D {
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
    h = tf.add(denseMatMul(i === 0)(h, weights[i]), biases[i]);
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
