// @vitest-environment happy-dom
// The round scrubber over a store whose oldest rounds were dropped to bound the page's memory:
// it ranges over the rounds kept and names the ones dropped.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { RoundScrubber } from '../src/controls/RoundScrubber';
import { addRound, EMPTY_SNAPSHOTS, type SnapshotStore } from '../src/state/snapshots';
import { EMPTY_RUN } from '../src/state/run-slice';
import { useLab } from '../src/state/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const layer = (n: number) => ({ name: 'fc1', kind: 'dense' as const, shape: [n, 1], final: new Float32Array(n), mask: new Uint8Array(n).fill(1) });

afterEach(() => {
  useLab.setState({ ...EMPTY_RUN, selectedRound: null });
  document.body.innerHTML = '';
});

describe('RoundScrubber', () => {
  it('ranges over the rounds kept and names the rounds dropped', () => {
    let snapshots: SnapshotStore = { ...EMPTY_SNAPSHOTS, start: [{ init: new Float32Array(100), rewind: new Float32Array(100) }] };
    // Masks of 100 bytes a round, 250 bytes of mask budget: rounds 3 and 4 stay.
    for (let r = 0; r <= 4; r++) snapshots = addRound(snapshots, r, [layer(100)], Infinity, 250);
    expect(snapshots.masksDropped).toEqual([0, 1, 2]);
    useLab.setState({ snapshots });
    const container = document.createElement('div');
    document.body.append(container);
    act(() => createRoot(container).render(<RoundScrubber />));
    const range = container.querySelector<HTMLInputElement>('input[type=range]')!;
    expect([range.min, range.max, range.value]).toEqual(['3', '4', '4']);
    expect(container.querySelector('[data-testid=rounds-dropped]')!.textContent).toMatch(/^Rounds 0–2 were dropped from the weight and mask views/);
  });

  it('says nothing of dropped rounds when none were', () => {
    let snapshots: SnapshotStore = { ...EMPTY_SNAPSHOTS };
    snapshots = addRound(snapshots, 0, [layer(10)]);
    useLab.setState({ snapshots });
    const container = document.createElement('div');
    document.body.append(container);
    act(() => createRoot(container).render(<RoundScrubber />));
    expect(container.querySelector('input[type=range]')).not.toBeNull();
    expect(container.querySelector('[data-testid=rounds-dropped]')).toBeNull();
  });
});
