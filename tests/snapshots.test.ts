// The page's snapshot memory: 30 rounds of real-sized snapshots, as the engine sends them.
import { describe, expect, it } from 'vitest';
import type { RoundSnapshotLayer, StartLayer } from '../src/engine/events';
import { buildArchitecture, layerSize, type Architecture } from '../src/engine/models';
import { MAX_WIDTH } from '../src/config/schema';
import { addRound, EMPTY_SNAPSHOTS, layersOf, retainedBytes, WEIGHT_BUDGET_BYTES, type SnapshotStore } from '../src/state/snapshots';

const MB = 2 ** 20;

/** What the engine emits for a round: fresh trained weights and byte masks (and the next mask). */
function roundLayers(arch: Architecture, round: number, last: boolean): RoundSnapshotLayer[] {
  return arch.layers.map((l) => {
    const n = layerSize(l);
    const keep = 0.8 ** round;
    const mask = new Uint8Array(n).fill(1, 0, Math.round(n * keep));
    const nextMask = new Uint8Array(n).fill(1, 0, Math.round(n * keep * 0.8));
    return { name: l.name, kind: l.kind, shape: l.shape, final: new Float32Array(n).fill(round), mask, ...(last ? {} : { nextMask }) };
  });
}

/** 30 rounds as a run sends them; rewinding to θ0 (k = 0) sends one array for θ0 and the rewind values. */
function run30(arch: Architecture, { k0 = false } = {}): SnapshotStore {
  const start: StartLayer[] = arch.layers.map((l) => {
    const init = new Float32Array(layerSize(l));
    return { init, rewind: k0 ? init : new Float32Array(layerSize(l)) };
  });
  let store: SnapshotStore = { ...EMPTY_SNAPSHOTS, start };
  for (let r = 0; r <= 30; r++) store = addRound(store, r, roundLayers(arch, r, r === 30));
  return store;
}

describe('snapshot memory on the page', () => {
  it('Conv-2, 30 rounds: under 500 MB, every mask kept, old weights dropped and named', () => {
    const store = run30(buildArchitecture('conv2', [28, 28, 1], 10));
    const bytes = retainedBytes(store);
    console.log(`Conv-2, 30 rounds: ${(bytes / MB).toFixed(1)} MB retained; weights dropped for rounds ${store.dropped.join(',')}`);
    expect(bytes).toBeLessThan(500 * MB);
    expect(Object.keys(store.rounds)).toHaveLength(31);
    expect(store.masksDropped).toEqual([]);
    for (let r = 0; r <= 30; r++) expect(store.rounds[r].every((l) => l.mask instanceof Uint8Array)).toBe(true);
    // The newest rounds keep their weights, within the budget; the oldest were dropped.
    expect(store.dropped[0]).toBe(0);
    expect(store.rounds[30][0].final).toBeDefined();
    const kept = Object.values(store.rounds).filter((ls) => ls[0].final).length;
    expect(kept).toBeGreaterThan(1);
    expect(kept + store.dropped.length).toBe(31);
    expect(layersOf(store, 0)![0].final).toBeUndefined();
    expect(layersOf(store, 0)![0].init).toBeDefined();
  });

  it('the largest MLP allowed (six hidden layers of 2048), 30 rounds: under 400 MB; the oldest rounds dropped whole and named', () => {
    const widest = `mlp-${Array(6).fill(MAX_WIDTH).join('-')}`;
    const arch = buildArchitecture(widest, [28, 28, 1], 10);
    for (const k0 of [true, false]) {
      const store = run30(arch, { k0 });
      const bytes = retainedBytes(store);
      console.log(`${arch.name}, 30 rounds, ${k0 ? 'k = 0' : 'k > 0'}: ${(bytes / MB).toFixed(1)} MB retained; masks kept for rounds ${Object.keys(store.rounds).join(',')}`);
      expect(bytes).toBeLessThan(400 * MB);
      // The newest round is whole; the oldest rounds went first and are named.
      expect(store.rounds[30][0].final).toBeDefined();
      const kept = Object.keys(store.rounds).map(Number);
      expect(store.masksDropped).toEqual([...Array(31 - kept.length).keys()]);
      expect(kept.length).toBeGreaterThan(1);
      expect(layersOf(store, 0)).toBeNull();
    }
  });

  it('LeNet-300-100, 30 rounds: under 100 MB with every round whole', () => {
    const store = run30(buildArchitecture('lenet300', [28, 28, 1], 10));
    const bytes = retainedBytes(store);
    console.log(`LeNet-300-100, 30 rounds: ${(bytes / MB).toFixed(1)} MB retained`);
    expect(bytes).toBeLessThan(100 * MB);
    expect(store.dropped).toEqual([]);
    expect(store.masksDropped).toEqual([]);
  });

  it("a round's next mask is the next round's mask, held once", () => {
    const arch = buildArchitecture('mlp-8', [2], 2);
    let store: SnapshotStore = { ...EMPTY_SNAPSHOTS };
    store = addRound(store, 0, roundLayers(arch, 0, false));
    store = addRound(store, 1, roundLayers(arch, 1, false));
    expect(store.rounds[0][0].nextMask).toBe(store.rounds[1][0].mask);
    expect(layersOf(store, 1)).toBeNull(); // no θ0 yet: nothing to draw
  });

  it('drops the oldest weights first, never the newest', () => {
    const arch = buildArchitecture('mlp-8', [2], 2);
    const perRound = arch.layers.reduce((n, l) => n + 4 * layerSize(l), 0);
    let store: SnapshotStore = { ...EMPTY_SNAPSHOTS };
    for (let r = 0; r < 5; r++) store = addRound(store, r, roundLayers(arch, r, false), 2 * perRound);
    expect(store.dropped).toEqual([0, 1, 2]);
    store = addRound(store, 5, roundLayers(arch, 5, true), 1);
    expect(store.rounds[5][0].final).toBeDefined();
    expect(WEIGHT_BUDGET_BYTES).toBeGreaterThan(0);
  });
});
