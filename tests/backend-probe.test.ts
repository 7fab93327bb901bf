// The measured automatic backend choice (src/engine/backend-probe.ts) with fake measurements and a
// fake clock: no tfjs, no timers.
import { describe, expect, it } from 'vitest';
import {
  formatFigures,
  memoryProbeCache,
  NotMeasured,
  probeBackends,
  timeSteps,
  type Measure,
  type ProbeOptions,
  type StepResult,
} from '../src/engine/backend-probe';
import { backendReasonPlain, backendSummary, label } from '../src/engine/backend-label';

/** A clock that only moves when a fake start or measurement says it took time. */
function fakeClock(startAt = 1000) {
  let t = startAt;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** Fake measurements: each backend's samples/s; every call spends its whole slice. */
function fakeMeasure(speeds: Record<string, number>, clock: ReturnType<typeof fakeClock>) {
  const calls: { backend: string; sliceMs: number }[] = [];
  const measure: Measure = async (backend, sliceMs) => {
    calls.push({ backend, sliceMs });
    clock.advance(sliceMs);
    if (!(backend in speeds)) throw new Error('failed to train');
    return speeds[backend];
  };
  return { measure, calls };
}

const CANDIDATES = ['wasm', 'webgl', 'webgpu'];

describe('probeBackends', () => {
  it('picks the fastest and reports every figure', async () => {
    const clock = fakeClock();
    const { measure, calls } = fakeMeasure({ wasm: 7000, webgl: 21000, webgpu: 9000 }, clock);
    const r = await probeBackends(CANDIDATES, measure, { now: clock.now });
    expect(r.winner).toBe('webgl');
    expect(r.fromCache).toBe(false);
    expect(calls.map((c) => c.backend)).toEqual(CANDIDATES);
    expect(r.figures.map((f) => [f.backend, f.samplesPerSecond])).toEqual([
      ['wasm', 7000],
      ['webgl', 21000],
      ['webgpu', 9000],
    ]);
  });

  it('a GPU that trains slower than WASM loses', async () => {
    const clock = fakeClock();
    const { measure } = fakeMeasure({ wasm: 7000, webgpu: 240 }, clock);
    const r = await probeBackends(['wasm', 'webgpu'], measure, { now: clock.now, label: (b) => (b === 'wasm' ? 'WASM (threads ×2)' : 'WebGPU') });
    expect(r.winner).toBe('wasm');
    expect(formatFigures(r.figures)).toBe('WASM (threads ×2): 7,000 samples/s; WebGPU: 240 samples/s');
  });

  it('an explicit choice wins without measuring anything', async () => {
    const clock = fakeClock();
    const { measure, calls } = fakeMeasure({ wasm: 7000, webgpu: 90000 }, clock);
    const cache = memoryProbeCache();
    const r = await probeBackends(['wasm', 'webgpu'], measure, { choice: 'cpu', now: clock.now, cache, key: 'k' });
    expect(r.winner).toBe('cpu');
    expect(r.figures).toEqual([]);
    expect(calls).toEqual([]);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('stays inside its budget, start-up included, and gives GPUs their larger share', async () => {
    const clock = fakeClock();
    const { measure, calls } = fakeMeasure({ wasm: 7000, webgl: 1000, webgpu: 2000 }, clock);
    const t0 = clock.now();
    const r = await probeBackends(CANDIDATES, measure, {
      now: clock.now,
      budgetMs: 2500,
      maxSliceMs: 5000,
      start: async (b) => {
        clock.advance(b === 'wasm' ? 400 : 100);
        return undefined;
      },
      weight: (b) => (b === 'wasm' ? 1 : 2),
    });
    expect(clock.now() - t0).toBeLessThanOrEqual(2500);
    expect(r.ms).toBeLessThanOrEqual(2500);
    // 600 ms to start all three, 1900 ms left, shared 1:2:2.
    expect(calls.map((c) => Math.round(c.sliceMs))).toEqual([380, 760, 760]);
  });

  it('caps a lone candidate at maxSliceMs', async () => {
    const clock = fakeClock();
    const { measure, calls } = fakeMeasure({ wasm: 7000 }, clock);
    await probeBackends(['wasm'], measure, { now: clock.now, budgetMs: 2500, maxSliceMs: 1000 });
    expect(calls).toEqual([{ backend: 'wasm', sliceMs: 1000 }]);
  });

  it('a measurement that overruns leaves the rest unmeasured rather than the budget broken', async () => {
    const clock = fakeClock();
    const calls: string[] = [];
    const measure: Measure = async (backend) => {
      calls.push(backend);
      clock.advance(3000); // ignores its slice
      return 100;
    };
    const r = await probeBackends(CANDIDATES, measure, { now: clock.now, budgetMs: 2500 });
    expect(calls).toEqual(['wasm']);
    expect(r.winner).toBe('wasm');
    expect(r.figures.slice(1).map((f) => f.note)).toEqual(['not measured: out of time', 'not measured: out of time']);
  });

  it('skips candidates that do not start, and their time goes to the others', async () => {
    const clock = fakeClock();
    const { measure, calls } = fakeMeasure({ wasm: 7000, webgpu: 30000 }, clock);
    const r = await probeBackends(CANDIDATES, measure, {
      now: clock.now,
      budgetMs: 2000,
      maxSliceMs: 5000,
      start: async (b) => {
        if (b === 'webgl') throw new NotMeasured('not measured', 'WebGL (software renderer)');
        return b === 'wasm' ? 'WASM (threads ×2)' : 'WebGPU';
      },
    });
    expect(r.winner).toBe('webgpu');
    expect(calls.map((c) => [c.backend, c.sliceMs])).toEqual([
      ['wasm', 1000],
      ['webgpu', 1000],
    ]);
    expect(formatFigures(r.figures)).toBe('WebGPU: 30,000 samples/s; WASM (threads ×2): 7,000 samples/s; WebGL (software renderer): not measured');
  });

  it('records a failed measurement and throws when nothing could be measured', async () => {
    const clock = fakeClock();
    const { measure } = fakeMeasure({}, clock);
    await expect(probeBackends(['wasm', 'webgl'], measure, { now: clock.now })).rejects.toThrow(/no backend could be measured: wasm: failed to train; webgl: failed to train/);
  });

  describe('cache', () => {
    const setup = (speeds: Record<string, number>) => {
      const clock = fakeClock();
      const wall = { t: Date.UTC(2026, 10, 25) };
      const fake = fakeMeasure(speeds, clock);
      const cache = memoryProbeCache();
      const opts = (extra: Partial<ProbeOptions> = {}): ProbeOptions => ({ now: clock.now, wallClock: () => wall.t, cache, key: 'lenet300 | chromium', ...extra });
      return { ...fake, cache, wall, opts };
    };

    it('uses a fresh entry without measuring again', async () => {
      const s = setup({ wasm: 7000, webgl: 1000 });
      const first = await probeBackends(['wasm', 'webgl'], s.measure, s.opts());
      expect(s.calls).toHaveLength(2);
      s.wall.t += 3600_000;
      const second = await probeBackends(['wasm', 'webgl'], s.measure, s.opts());
      expect(s.calls).toHaveLength(2);
      expect(second).toEqual({ ...first, fromCache: true });
    });

    it('keys entries: another model or browser measures again', async () => {
      const s = setup({ wasm: 7000 });
      await probeBackends(['wasm'], s.measure, s.opts());
      await probeBackends(['wasm'], s.measure, s.opts({ key: 'conv6 | chromium' }));
      expect(s.calls).toHaveLength(2);
    });

    it('refreshes a stale entry, a forced refresh, and one whose winner is no candidate now', async () => {
      const s = setup({ wasm: 7000, webgpu: 50000 });
      await probeBackends(['wasm', 'webgpu'], s.measure, s.opts());
      expect(s.calls).toHaveLength(2);
      s.wall.t += 8 * 24 * 3600_000; // older than the default 7 days
      await probeBackends(['wasm', 'webgpu'], s.measure, s.opts());
      expect(s.calls).toHaveLength(4);
      const refreshed = await probeBackends(['wasm', 'webgpu'], s.measure, s.opts({ refresh: true }));
      expect(s.calls).toHaveLength(6);
      expect(refreshed.fromCache).toBe(false);
      expect((await s.cache.get('lenet300 | chromium'))?.measuredAt).toBe(s.wall.t);
      // The cached winner (webgpu) is not offered any more: measure what is.
      const r = await probeBackends(['wasm'], s.measure, s.opts());
      expect(s.calls).toHaveLength(7);
      expect(r.winner).toBe('wasm');
    });
  });
});

describe('timeSteps', () => {
  /** A fake training step that takes `ms` of fake time, counting steps and reads. */
  function fakeStep(clock: ReturnType<typeof fakeClock>, msFor: (i: number) => number) {
    const counts = { steps: 0, reads: 0, disposed: 0 };
    const step = (): StepResult => {
      clock.advance(msFor(counts.steps++));
      return { data: async () => void counts.reads++, dispose: () => void counts.disposed++ };
    };
    return { step, counts };
  }

  it('warms up, then times steps until the slice is spent', async () => {
    const clock = fakeClock(0);
    // Two slow warm-up steps (shader compilation), then 10 ms per step of 60 examples.
    const { step, counts } = fakeStep(clock, (i) => (i < 2 ? 200 : 10));
    const sps = await timeSteps(step, 60, 1000, { now: clock.now });
    expect(sps).toBeCloseTo(6000, 5);
    expect(clock.now()).toBeLessThanOrEqual(1000 + 10);
    expect(clock.now()).toBeGreaterThanOrEqual(1000 - 10);
    // Results are read in growing chunks, not after every step; every result is disposed.
    expect(counts.reads).toBeLessThan(counts.steps - 2);
    expect(counts.disposed).toBe(counts.steps);
  });

  it('returns the warm-up rate when the warm-up alone spends the slice', async () => {
    const clock = fakeClock(0);
    const { step, counts } = fakeStep(clock, () => 400);
    const sps = await timeSteps(step, 60, 300, { now: clock.now });
    expect(counts.steps).toBe(1);
    expect(sps).toBeCloseTo(150, 5);
  });
});

describe('backendSummary (the page line)', () => {
  it('shows how the backend runs and the measured figures', () => {
    expect(
      backendSummary({
        name: 'wasm',
        reason: 'WASM (threads ×2): fastest in training (measured in 2.4 s): WASM (threads ×2): 11,200 samples/s; WebGPU (software adapter): not measured',
        tried: ['WebGPU (software adapter): not measured'],
      }),
    ).toEqual({
      how: 'WASM (threads ×2)',
      detail: 'fastest in training (measured in 2.4 s): WASM (threads ×2): 11,200 samples/s; WebGPU (software adapter): not measured',
    });
  });

  it('an explicit choice says so; a fallback lists what was passed over', () => {
    expect(backendSummary({ name: 'wasm', reason: 'WASM (single-threaded, not cross-origin isolated): chosen in the config', tried: [] })).toEqual({
      how: 'WASM (single-threaded, not cross-origin isolated)',
      detail: 'chosen in the config',
    });
    expect(
      backendSummary({ name: 'wasm', reason: 'WASM (single-threaded): fastest usable backend (WebGPU: not available here)', tried: ['WebGPU: not available here'] }),
    ).toEqual({ how: 'WASM (single-threaded)', detail: 'passed over: WebGPU (not available here)' });
    // Older results files: "WASM: ..." still reads.
    expect(backendSummary({ name: 'cpu', reason: 'CPU: chosen in the config', tried: [] })).toEqual({ how: 'CPU', detail: 'chosen in the config' });
  });
});

describe('backendReasonPlain (the words on the page)', () => {
  it('says why without figures or jargon', () => {
    const measured = { name: 'wasm', reason: 'WASM (threads ×2): fastest in training (measured in 2.4 s): WASM (threads ×2): 11,200 samples/s; WebGPU (software adapter): not measured', tried: ['WebGPU (software adapter): not measured'] };
    expect(backendReasonPlain(measured)).toBe("the fastest of those measured on this machine; this machine's GPU is emulated in software, slower than WASM");
    expect(backendReasonPlain({ name: 'wasm', reason: 'WASM (single-threaded): chosen in the config', tried: [] })).toBe('as the link asks');
    expect(backendReasonPlain({ name: 'webgpu', reason: 'WebGPU (software adapter): chosen in the config', tried: [] })).toBe('as the link asks');
    expect(backendReasonPlain({ name: 'wasm', reason: 'WASM (single-threaded): fastest usable backend (WebGPU: not available here)', tried: ['WebGPU: not available here'] })).toBe('the fastest that starts here');
  });
});

describe('backend labels', () => {
  it('names the known backends and shows any other name as it is, built-in member names included', () => {
    expect(label('webgpu')).toBe('WebGPU');
    for (const name of ['__proto__', 'constructor', 'toString', 'tpu']) expect(label(name)).toBe(name);
  });
});
