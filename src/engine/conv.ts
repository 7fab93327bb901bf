// 'Same' stride-1 convolutions, 2x2 max-pooling and bias+ReLU whose gradients are fast on WASM and
// CPU, where tfjs's own are slow or missing (numbers: scripts/bench-conv.ts, Conv-2's second layer,
// batch 60, WASM, one core). WASM has no Conv2DBackpropFilter kernel (its Conv3D twin took ~20 s)
// and its Conv2DBackpropInput is a naive loop (~2 s, vs ~0.2 s for an XNNPACK Conv2D); CPU's
// Conv2DBackpropFilter took 25 s where the convolution below takes 1.5 s (batch 8). So both
// gradients are forward convolutions here. WebGL and WebGPU have fast kernels and keep tfjs's ops.
import * as tf from '@tensorflow/tfjs-core';

type Pads = [[number, number], [number, number], [number, number], [number, number]];
type Grad = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

// tf.customGrad's declared type takes one variadic function; these wrappers keep call sites typed.
function custom2<A extends tf.Tensor, B extends tf.Tensor, R extends tf.Tensor>(
  f: (a: A, b: B, save: tf.GradSaveFunc) => { value: R; gradFunc: Grad },
): (a: A, b: B) => R {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: A, b: B) => R;
}

/** Whether this backend gets the gradients below (true) or keeps tfjs's own (GPU backends). */
const rewritesGradients = () => {
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu';
};

/** tfjs's 'same' padding for stride 1: k-1 zeros, the odd one at the bottom/right. */
function samePads(kh: number, kw: number): Pads {
  const t = Math.floor((kh - 1) / 2);
  const l = Math.floor((kw - 1) / 2);
  return [[0, 0], [t, kh - 1 - t], [l, kw - 1 - l], [0, 0]];
}

/**
 * dL/dw as ONE forward convolution: dw[i,j,c,o] = sum over b,y,x of xpad[b,y+i,x+j,c]*dy[b,y,x,o]
 * is a convolution of x laid out [c, h, w, b] (channels as the batch, the batch as the channels),
 * padded as in the forward pass, with dy laid out [h, w, b, o] as the filter; its [c, kh, kw, o]
 * output is dw. On WASM ~0.3 s, vs ~1.2 s for the im2col alternative (patches from 9 shifted
 * slices, transposed, times dy): tfjs-wasm's Slice copies its whole input on every call.
 */
function filterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number): tf.Tensor4D {
  const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D;
  const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  return tf.transpose(tf.conv2d(xt, dyt, 1, samePads(kh, kw)), [1, 2, 0, 3]) as tf.Tensor4D;
}

/**
 * dL/dx. WASM: a forward convolution of dy with the filter flipped in space and transposed in/out
 * (XNNPACK: ~10x faster than WASM's Conv2DBackpropInput). CPU: its own Conv2DBackpropInput, which
 * measured ~25% faster there than the flipped convolution (0.73 vs 1.0 s at batch 8).
 */
function inputGrad(dy: tf.Tensor4D, w: tf.Tensor4D, xShape: [number, number, number, number]): tf.Tensor4D {
  if (tf.getBackend() !== 'wasm') return tf.conv2dTranspose(dy, w, xShape, 1, 'same');
  const [kh, kw] = w.shape;
  const [, [t, b], [l, r]] = samePads(kh, kw);
  const flipped = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
  // Flipping the kernel swaps which side carries the odd padding row/column (even kernels).
  return tf.conv2d(dy, flipped, 1, [[0, 0], [b, t], [r, l], [0, 0]]);
}

const conv2dSameFast = custom2((x: tf.Tensor4D, w: tf.Tensor4D, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.conv2d(x, w, 1, 'same'),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor4D[];
      return [inputGrad(dy as tf.Tensor4D, ws, xs.shape), filterGrad(xs, dy as tf.Tensor4D, ws.shape[0], ws.shape[1])];
    },
  };
});

/** A 'same', stride-1 convolution of x [b, h, w, ci] with w [kh, kw, ci, co]: [b, h, w, co]. */
export function conv2dSame(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return rewritesGradients() ? conv2dSameFast(x, w) : tf.conv2d(x, w, 1, 'same');
}

/**
 * The same convolution for several independent networks ("arms") at once: x [arms, b, h, w, ci],
 * w [arms, kh, kw, ci, co] -> [arms, b, h, w, co], differentiable in both. A loop over arms on
 * every backend: on WASM one batched im2col matMul trained 3 arms of Conv-2 ~7x slower (building
 * the patches costs more than the matMul saves, and WASM's BatchMatMul with a batch > 1 is not
 * XNNPACK's: ~16x slower than a loop of 2-D matMuls). Splitting x and dy into arms is not free on
 * WASM either (each slice copies the whole input: ~0.35 s a step for Conv-2's 3 arms, growing
 * with arms squared); separate 4-D tensors per arm avoid it where an engine can keep them.
 */
export function conv2dSameArms(x: tf.Tensor5D, w: tf.Tensor5D): tf.Tensor5D {
  const xs = splitArms(x) as tf.Tensor4D[];
  const ws = splitArms(w) as tf.Tensor4D[];
  return joinArms(xs.map((xa, a) => conv2dSame(xa, ws[a]))) as tf.Tensor5D;
}

// tf.unstack's gradient fails for a single output (tfjs hands it one tensor, not a list, and
// stack throws "must be a Tensor[]"): one arm is a reshape instead.
export const splitArms = (t: tf.Tensor): tf.Tensor[] => (t.shape[0] === 1 ? [tf.reshape(t, t.shape.slice(1))] : tf.unstack(t));
export const joinArms = (ts: tf.Tensor[]): tf.Tensor => (ts.length === 1 ? tf.expandDims(ts[0], 0) : tf.stack(ts));

const maxPool2x2Fast = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const y = tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid');
  save([x, y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ys] = saved as tf.Tensor4D[];
      const [b, h, w, c] = xs.shape;
      const [he, we] = [ys.shape[1] * 2, ys.shape[2] * 2];
      // Nearest-neighbour upsampling puts each window's max and gradient on its 4 inputs.
      const up = (t: tf.Tensor4D) => tf.image.resizeNearestNeighbor(t, [he, we]);
      const xe = he === h && we === w ? xs : tf.slice(xs, [0, 0, 0, 0], [b, he, we, c]);
      const dx = tf.mul(tf.cast(tf.equal(xe, up(ys)), 'float32'), up(dy as tf.Tensor4D)) as tf.Tensor4D;
      // An odd last row/column is never a window's input ('valid'): its gradient is 0.
      return he === h && we === w ? dx : tf.pad(dx, [[0, 0], [0, h - he], [0, w - we], [0, 0]]);
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor4D) => tf.Tensor4D;

/**
 * 2x2 max-pooling, stride 2, 'valid' (x [b, h, w, c]). On WASM and CPU the gradient is a mask
 * (x equals its window's max) times the upsampled dy: ~2x faster than tfjs's MaxPoolGrad on both
 * (WASM, [60, 28, 28, 64]: 52 vs 105 ms). Unlike tfjs, a window whose maximum occurs twice passes
 * the gradient to both; after a ReLU only zeros tie in practice, and the ReLU's gradient is 0 there.
 */
export function maxPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  return rewritesGradients() ? maxPool2x2Fast(x) : tf.maxPool(x, 2, 2, 'valid');
}

const biasReluFast = custom2((x: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  const y = tf.relu(tf.add(x, b));
  save([y, b]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [ys, bs] = saved;
      const g = tf.mul(dy, tf.step(ys));
      const c = bs.shape[bs.rank - 1];
      const lead = bs.rank === 1 ? 1 : ys.shape[0];
      const rows = g.size / (lead * c);
      // The bias gradient sums g over all but the channel (and arms) axes: rows of the transposed
      // g times a column of ones, ~3x faster on WASM than tf.sum (which transposes and then reduces)
      // and than ones times g (XNNPACK repacks its right operand, here the large g, each call).
      const gt = tf.transpose(tf.reshape(g, [lead, rows, c]), [0, 2, 1]);
      const db = tf.matMul(tf.reshape(gt, [lead * c, rows]) as tf.Tensor2D, tf.ones([rows, 1]) as tf.Tensor2D);
      return [g, tf.reshape(db, bs.shape)];
    },
  };
});

/**
 * relu(x + b) for a bias b of shape [c] (x [..., c]) or, for arms, [arms, 1, ..., 1, c] (x [arms,
 * ..., c]). On WASM and CPU its gradient skips tfjs's slow parts, the bias's tf.sum (a transpose
 * first) and the ReLU's extra cast: value and gradients 21 vs 35 ms on WASM ([60, 28, 28, 64]).
 */
export function biasRelu<T extends tf.Tensor>(x: T, b: tf.Tensor): T {
  return (rewritesGradients() ? biasReluFast(x, b) : tf.relu(tf.add(x, b))) as T;
}
