// Seeded initialisation and the forward pass of a masked network. Every weight tensor (dense and
// conv) is prunable; biases are not.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from './rng';
import { layerSize, type Architecture } from './architectures';
// conv.ts, not tf.conv2d: tfjs-backend-wasm has no Conv2DBackpropFilter kernel (conv nets could
// not train there) and tfjs's other conv gradients are slow on WASM and CPU; conv.ts computes both
// gradients as forward convolutions (GPU backends keep tf.conv2d).
import { conv2dSame } from './conv';

export * from './architectures';

/** Gaussian Glorot initialisation (as in Frankle & Carbin), from a seeded JS generator. */
export function initWeights(arch: Architecture, rng: Rng): Float32Array[] {
  return arch.layers.map((l) => {
    const std = Math.sqrt(2 / (l.fanIn + l.fanOut));
    const w = new Float32Array(layerSize(l));
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
    return w;
  });
}

export function zeroBiases(arch: Architecture): Float32Array[] {
  return arch.layers.map((l) => new Float32Array(l.shape[l.shape.length - 1]));
}

// x @ w with a gradient that transposes explicitly: tfjs's own matMul gradient uses the
// transpose flags, which were ~15x slower on WASM (15-18 ms vs 1.1 ms for 60x784 by 784x300).
const fastMatMul = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/**
 * The logits of a network whose weights already hold their masks (pruned entries are zero, or
 * frozen at a fixed value); gradients are masked in the training step, not here.
 */
export function forward(arch: Architecture, weights: tf.Tensor[], biases: tf.Tensor[], x: tf.Tensor2D): tf.Tensor2D {
  // The explicit-transpose gradient wins ~2x on WASM but loses ~25% on CPU and WebGL (npm run bench).
  const matMul = tf.getBackend() === 'wasm' ? fastMatMul : (a: tf.Tensor2D, b: tf.Tensor2D) => tf.matMul(a, b);
  let h: tf.Tensor = x;
  const firstDense = arch.layers.findIndex((l) => l.kind === 'dense');
  if (arch.layers[0].kind === 'conv') h = tf.reshape(x, [x.shape[0], ...arch.inputShape]);
  arch.layers.forEach((l, i) => {
    if (l.kind === 'conv') {
      h = tf.relu(tf.add(conv2dSame(h as tf.Tensor4D, weights[i] as tf.Tensor4D), biases[i]));
      if (l.poolAfter) h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
      return;
    }
    if (i === firstDense && h.rank !== 2) h = tf.reshape(h, [h.shape[0], -1]);
    h = tf.add(matMul(h as tf.Tensor2D, weights[i] as tf.Tensor2D), biases[i]);
    if (!l.isOutput) h = tf.relu(h);
  });
  return h as tf.Tensor2D;
}
