// Seeded initialisation and the forward pass of a masked network. Every weight tensor (dense and
// conv) is prunable; biases are not.
import * as tf from '@tensorflow/tfjs-core';
import { conv3DBackpropFilter } from '@tensorflow/tfjs-core/dist/ops/conv3d_backprop_filter';
import { Rng } from './rng';
import { layerSize, type Architecture } from './architectures';

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

// tfjs's WASM backend has no Conv2DBackpropFilter kernel, so conv nets could not train there.
// Its 3-D twin exists: a 2-D convolution is a 3-D one of depth 1, so the filter gradient comes
// from Conv3DBackpropFilterV2 and the input gradient from Conv2DBackpropInput (conv2dTranspose).
export const conv2dViaConv3dGrad = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor4D[];
      const [b, h, wd, c] = xs.shape;
      const dy4 = dy as tf.Tensor4D;
      const dx = tf.conv2dTranspose(dy4, ws, [b, h, wd, c], 1, 'same');
      const x5 = tf.reshape(xs, [b, 1, h, wd, c]) as tf.Tensor5D;
      const dy5 = tf.reshape(dy4, [b, 1, h, wd, dy4.shape[3]]) as tf.Tensor5D;
      const [kh, kw, ci, co] = ws.shape;
      const dw = tf.reshape(conv3DBackpropFilter(x5, dy5, [1, kh, kw, ci, co], 1, 'same'), ws.shape);
      return [dx, dw];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;

export function conv2dSame(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) ? tf.conv2d(x, w, 1, 'same') : conv2dViaConv3dGrad(x, w);
}
