// Seeded initialisation of a masked network (the forward pass is batched.ts). Every weight tensor (dense and
// conv) is prunable; biases are not.
import { Rng } from './rng';
import { layerSize, type Architecture, type LayerDef } from './architectures';

export * from './architectures';

/** The standard deviation of a layer's initial weights (Glorot normal, as Frankle & Carbin). */
export const initStd = (l: LayerDef) => Math.sqrt(2 / (l.fanIn + l.fanOut));

/** Gaussian Glorot initialisation (as in Frankle & Carbin), from a seeded JS generator. */
export function initWeights(arch: Architecture, rng: Rng): Float32Array[] {
  return arch.layers.map((l) => {
    const std = initStd(l);
    const w = new Float32Array(layerSize(l));
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
    return w;
  });
}

export function zeroBiases(arch: Architecture): Float32Array[] {
  return arch.layers.map((l) => new Float32Array(l.shape[l.shape.length - 1]));
}
