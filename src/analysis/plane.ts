// The (w_i, w_f) plane of one layer for the CriterionPlane panel: each weight that trained this
// round as a point, its value at the rewind point across and after training up, coloured by
// whether the criterion keeps it for the next round. Pure: plain loops over the snapshot's arrays.
import type { LayerSnapshot } from '../engine/events';

export interface PlanePoints {
  /** w_i and w_f of the points drawn (a subsample of the survivors when the layer is large). */
  wi: Float32Array;
  wf: Float32Array;
  /** 1 where the next round keeps the weight. */
  kept: Uint8Array;
  /** Weights that trained this round (mask = 1), all of them, and how many the next round keeps. */
  survivors: number;
  keptCount: number;
  /** Whether a next mask exists (the last round prunes nothing). */
  split: boolean;
  /** Largest |w_i| and |w_f| among the survivors (the axes' half-ranges). */
  extentInit: number;
  extentFinal: number;
}

/** Points for one layer: at most maxPoints survivors, every k-th one in layer order. */
export function planePoints(layer: Pick<LayerSnapshot, 'rewind' | 'mask' | 'nextMask'> & { final: Float32Array }, maxPoints = 20_000): PlanePoints {
  const { rewind, final, mask, nextMask } = layer;
  let survivors = 0;
  let keptCount = 0;
  let extentInit = 0;
  let extentFinal = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    survivors++;
    if (!nextMask || nextMask[i]) keptCount++;
    extentInit = Math.max(extentInit, Math.abs(rewind[i]));
    extentFinal = Math.max(extentFinal, Math.abs(final[i]));
  }
  const stride = Math.max(1, Math.ceil(survivors / Math.max(1, maxPoints)));
  const n = Math.ceil(survivors / stride);
  const wi = new Float32Array(n);
  const wf = new Float32Array(n);
  const kept = new Uint8Array(n);
  let seen = 0;
  let k = 0;
  for (let i = 0; i < mask.length && k < n; i++) {
    if (!mask[i]) continue;
    if (seen++ % stride) continue;
    wi[k] = rewind[i];
    wf[k] = final[i];
    kept[k] = !nextMask || nextMask[i] ? 1 : 0;
    k++;
  }
  return { wi, wf, kept, survivors, keptCount, split: !!nextMask, extentInit, extentFinal };
}
