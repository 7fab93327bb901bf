// Pure cost arithmetic for the Summary panel: parameters left, storage (dense vs CSR) and FLOPs
// per inference, and the best tickets of a run.
import type { ModelSummary, RoundResult } from '../engine/events';
import { countKept, matrixShape } from './counts';

/**
 * The sparse encoding: CSR (compressed sparse row) per layer over the layer's weight matrix
 * (dense [in, out] as is; conv [kh, kw, cin, cout] as [kh kw cin, cout]):
 *  - values: 4 bytes (float32) per kept weight,
 *  - column indices: 2 bytes (uint16) per kept weight (4 bytes when a layer has > 65,536 columns),
 *  - row pointers: 4 bytes (uint32) per row, plus one.
 * Dense storage is 4 bytes per weight. Biases are not pruned and are left out of both.
 */
export const CSR_VALUE_BYTES = 4;
export const CSR_ROWPTR_BYTES = 4;
export const DENSE_BYTES = 4;

export const csrIndexBytes = (cols: number) => (cols <= 65536 ? 2 : 4);

export const CSR_NOTE =
  'CSR per layer (matrix = inputs x outputs; conv kh·kw·cin x cout): 4-byte float values and 2-byte column indices per kept weight, plus a 4-byte row pointer per row (+1). Dense: 4 bytes per weight. Biases excluded.';

/** Exact CSR bytes for a rows x cols matrix with `nnz` non-zeros. */
export function csrBytes(rows: number, cols: number, nnz: number): number {
  return nnz * (CSR_VALUE_BYTES + csrIndexBytes(cols)) + (rows + 1) * CSR_ROWPTR_BYTES;
}

/** CSR bytes of a layer's mask, given its shape. */
export function csrBytesOfMask(shape: number[], mask: Float32Array): number {
  const { rows, cols } = matrixShape(shape);
  return csrBytes(rows, cols, countKept(mask));
}

type ModelLayer = ModelSummary['layers'][number];

/**
 * Output positions a weight is applied at per example: 1 for a dense layer; for a conv layer,
 * out-height x out-width, as the engine reports it (older documents: flops / (2 x weights)).
 */
export function outputPositions(layer: ModelLayer): number {
  if (layer.positions) return layer.positions;
  if (layer.kind === 'dense' || layer.weights === 0) return 1;
  return Math.round(layer.flops / (2 * layer.weights));
}

/** FLOPs per example of a layer with `remaining` weights: 2 (multiply + add) x positions x remaining. */
export function layerFlops(layer: ModelLayer, remaining: number): number {
  return 2 * outputPositions(layer) * remaining;
}

export interface LayerCost {
  name: string;
  kind: 'dense' | 'conv';
  shape: number[];
  total: number;
  remaining: number;
  /** remaining / total. */
  fraction: number;
  denseBytes: number;
  csrBytes: number;
  denseFlops: number;
  flops: number;
}

export interface ModelCost {
  layers: LayerCost[];
  total: number;
  remaining: number;
  fraction: number;
  denseBytes: number;
  csrBytes: number;
  denseFlops: number;
  flops: number;
}

/**
 * Costs of a model whose layers keep `remaining[name]` weights (layers missing from the map
 * are dense).
 */
export function modelCost(model: ModelSummary, remaining: Record<string, number> | Map<string, number>): ModelCost {
  const get = (n: string) => (remaining instanceof Map ? remaining.get(n) : remaining[n]);
  const layers = model.layers.map((l): LayerCost => {
    const kept = get(l.name) ?? l.weights;
    const { rows, cols } = matrixShape(l.shape);
    return {
      name: l.name,
      kind: l.kind,
      shape: l.shape,
      total: l.weights,
      remaining: kept,
      fraction: l.weights ? kept / l.weights : 0,
      denseBytes: DENSE_BYTES * l.weights,
      csrBytes: csrBytes(rows, cols, kept),
      denseFlops: layerFlops(l, l.weights),
      flops: layerFlops(l, kept),
    };
  });
  const sum = (f: (l: LayerCost) => number) => layers.reduce((s, l) => s + f(l), 0);
  const total = sum((l) => l.total);
  const rem = sum((l) => l.remaining);
  return {
    layers,
    total,
    remaining: rem,
    fraction: total ? rem / total : 0,
    denseBytes: sum((l) => l.denseBytes),
    csrBytes: sum((l) => l.csrBytes),
    denseFlops: sum((l) => l.denseFlops),
    flops: sum((l) => l.flops),
  };
}

/** Per-layer kept counts of a round's ticket, by layer name. */
export function roundRemaining(round: RoundResult): Map<string, number> {
  return new Map(round.ticket.layers.map((l) => [l.name, l.remaining]));
}

export interface BestTickets {
  /** Round 0 (the dense network), or null when it has not finished. */
  dense: RoundResult | null;
  /** The sparsest round whose ticket test accuracy is within `tolerance` of the dense round's. */
  sparsestMatching: RoundResult | null;
  /** The round with the highest ticket test accuracy (the sparser one on ties). */
  mostAccurate: RoundResult | null;
}

/**
 * The best tickets so far. Accuracies are fractions, so "within 1 point" is tolerance 0.01:
 * accuracy >= dense accuracy - 0.01.
 */
export function bestTickets(rounds: RoundResult[], tolerance = 0.01): BestTickets {
  const dense = rounds.find((r) => r.round === 0) ?? null;
  let sparsestMatching: RoundResult | null = null;
  let mostAccurate: RoundResult | null = null;
  for (const r of rounds) {
    const acc = r.ticket.testAccuracy;
    if (!Number.isFinite(acc)) continue;
    if (dense && acc >= dense.ticket.testAccuracy - tolerance - 1e-12) {
      if (!sparsestMatching || r.remaining < sparsestMatching.remaining) sparsestMatching = r;
    }
    if (
      !mostAccurate ||
      acc > mostAccurate.ticket.testAccuracy ||
      (acc === mostAccurate.ticket.testAccuracy && r.remaining < mostAccurate.remaining)
    )
      mostAccurate = r;
  }
  return { dense, sparsestMatching, mostAccurate };
}
