// A masked network's long-lived tensors: weight and bias variables plus the masks that gate the
// gradients. The runner owns one Network and disposes it; rounds and arms reuse it via load().
import * as tf from '@tensorflow/tfjs-core';
import { forward, type Architecture } from './models';
import type { Masks } from './masks';

export class Network {
  readonly weights: tf.Variable[];
  readonly biases: tf.Variable[];
  private masks: tf.Tensor[];

  constructor(readonly arch: Architecture) {
    // tidy frees the zero tensors; variables survive it.
    this.weights = tf.tidy(() => arch.layers.map((l) => tf.variable(tf.zeros(l.shape))));
    this.biases = tf.tidy(() => arch.layers.map((l) => tf.variable(tf.zeros([l.shape[l.shape.length - 1]]))));
    this.masks = arch.layers.map((l) => tf.ones(l.shape));
  }

  get variables(): tf.Variable[] {
    return [...this.weights, ...this.biases];
  }

  /**
   * Sets the starting point of a training run. `weights` should already be what the forward pass
   * must see (pruned entries 0); `masks` only decides which weights may change.
   */
  load(weights: Float32Array[], biases: Float32Array[], masks: Masks): void {
    this.arch.layers.forEach((l, i) => {
      tf.tidy(() => {
        this.weights[i].assign(tf.tensor(weights[i], l.shape));
        this.biases[i].assign(tf.tensor1d(biases[i]));
      });
      this.masks[i].dispose();
      this.masks[i] = tf.tensor(masks[i], l.shape);
    });
  }

  /** Gradients of pruned weights are zeroed, so no optimizer (Adam's moments included) moves them. */
  maskGradients(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = { ...grads };
    this.weights.forEach((w, i) => {
      out[w.name] = tf.mul(grads[w.name], this.masks[i]);
    });
    return out;
  }

  logits(x: tf.Tensor2D): tf.Tensor2D {
    return forward(this.arch, this.weights, this.biases, x);
  }

  /** Copies the current weights and biases out (await data(): never blocks a GPU backend). */
  async read(): Promise<{ weights: Float32Array[]; biases: Float32Array[] }> {
    const weights = await Promise.all(this.weights.map((w) => w.data() as Promise<Float32Array>));
    const biases = await Promise.all(this.biases.map((b) => b.data() as Promise<Float32Array>));
    return { weights: weights.map((w) => new Float32Array(w)), biases: biases.map((b) => new Float32Array(b)) };
  }

  dispose(): void {
    for (const t of [...this.weights, ...this.biases, ...this.masks]) t.dispose();
  }
}
