// Comparison links: sweep= and runs= read through the link reader (bad values named and left out,
// never a throw), expanded to configs, estimated, and written back so they read the same runs.
import { describe, expect, it } from 'vitest';
import { estimateTime } from '../src/config/implications';
import { DEFAULT_CONFIG, parseConfig, type ExperimentConfig } from '../src/config/schema';
import {
  comparisonQuery,
  configKey,
  decodeComparison,
  encodeRuns,
  fieldOfKey,
  MAX_COMPARED_RUNS,
  parseRuns,
  parseSweep,
  sweepConfigs,
  sweepOf,
  totalEstimateSeconds,
} from '../src/config/sweep';
import { decodeLink } from '../src/state/link';

const TINY = parseConfig({ dataset: 'gauss', model: 'mlp-16-16', rounds: 2, iters: 40, evalEvery: 20, backend: 'cpu' }).config;
const cfg = (c: Partial<ExperimentConfig>) => parseConfig({ ...TINY, ...c }).config;
const messages = (r: { issues: { message: string }[] }) => r.issues.map((i) => i.message);

/** The query of a link with the comparison keys, as the page reads it. */
function readBack(base: ExperimentConfig, query: string) {
  const params = new URLSearchParams(query);
  return decodeComparison(params.get('sweep') ?? undefined, params.get('runs') ?? undefined, base);
}

describe('parseSweep', () => {
  it('one config per value, the swept setting set and nothing else changed', () => {
    const { plan, issues } = parseSweep('rate:0.2,0.5,0.8', TINY);
    expect(issues).toEqual([]);
    expect(plan!.sweep).toEqual({ field: 'rate', key: 'rate', values: ['0.2', '0.5', '0.8'] });
    expect(plan!.configs.map((c) => c.rate)).toEqual([0.2, 0.5, 0.8]);
    for (const c of plan!.configs) expect({ ...c, rate: TINY.rate }).toEqual(TINY);
  });

  it('reads a setting by its link key or its field name, and list settings by +', () => {
    expect(parseSweep('eval:10,20', TINY).plan!.configs.map((c) => c.evalEvery)).toEqual([10, 20]);
    expect(parseSweep('evalEvery:10,20', TINY).plan!.sweep!.key).toBe('eval');
    expect(parseSweep('model:mlp-8,mlp-16-16', TINY).plan!.configs.map((c) => c.model)).toEqual(['mlp-8', 'mlp-16-16']);
    // '+' in a query arrives as a space: both read as the two controls.
    const controls = parseSweep('controls:none,reinit random', TINY).plan!;
    expect(controls.configs.map((c) => c.controls)).toEqual([[], ['reinit', 'random']]);
  });

  it('a bad value is named as typed and left out; the good ones still sweep', () => {
    const r = parseSweep('rate:0.2,abc,2,0.5', TINY);
    expect(r.plan!.sweep!.values).toEqual(['0.2', '0.5']);
    expect(messages(r)).toEqual([
      'sweep value rate:abc: rate=abc: not a decimal number; left out of the sweep',
      'sweep value rate:2: rate=2: Number must be less than or equal to 0.95; left out of the sweep',
    ]);
  });

  it('a value another setting refuses is left out (rewind past the iterations)', () => {
    const r = parseSweep('rewind:0,10,500', TINY);
    expect(r.plan!.sweep!.values).toEqual(['0', '10']);
    expect(messages(r)).toEqual(['sweep value rewind:500: rewind=500 is past the 40 training iterations; left out of the sweep']);
  });

  it('a value that makes the same run twice is left out', () => {
    const r = parseSweep('rate:0.2,0.20,0.5', TINY);
    expect(r.plan!.sweep!.values).toEqual(['0.2', '0.5']);
    expect(messages(r)).toEqual(['sweep value rate:0.20 is the same run as rate:0.2; left out']);
  });

  it('no sweep, and why, for a missing colon, an unknown setting, or fewer than two values', () => {
    expect(parseSweep('rate', TINY)).toEqual({ plan: null, issues: [expect.objectContaining({ message: 'sweep=rate: use sweep=setting:value,value (for example sweep=rate:0.2,0.5); no sweep' })] });
    expect(messages(parseSweep('speed:1,2', TINY))).toEqual(['sweep=speed:1,2: no setting is called "speed"; no sweep']);
    expect(messages(parseSweep('constructor:1,2', TINY))).toEqual(['sweep=constructor:1,2: no setting is called "constructor"; no sweep']);
    expect(messages(parseSweep('rate:0.2', TINY))).toEqual(['sweep=rate:0.2: a sweep needs two or more valid values; no sweep']);
    const r = parseSweep('rate:0.2,x', TINY);
    expect(r.plan).toBeNull();
    expect(messages(r)).toHaveLength(2);
  });

  it(`at most ${MAX_COMPARED_RUNS} values; a huge list is refused whole`, () => {
    const nine = Array.from({ length: 9 }, (_, i) => (0.1 + i * 0.05).toFixed(2)).join(',');
    const r = parseSweep(`rate:${nine}`, TINY);
    expect(r.plan!.configs).toHaveLength(MAX_COMPARED_RUNS);
    expect(messages(r)[0]).toMatch(/at most 8 values are compared; using the first 8$/);
    const huge = parseSweep(`rate:${'0.2,'.repeat(10_000)}`, TINY);
    expect(huge.plan).toBeNull();
    expect(messages(huge)[0]).toMatch(/10,001 values, more than a sweep holds \(8\); no sweep$/);
    expect(messages(huge)[0].length).toBeLessThan(200);
  });

  it('hostile text is shown escaped and short', () => {
    const r = parseSweep('\u202erate\u0000:' + 'x'.repeat(5000), TINY);
    for (const m of messages(r)) {
      expect(m.length).toBeLessThan(600);
      expect(m).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
    }
  });
});

describe('parseRuns', () => {
  it('each run is the base with its own settings; an empty run is the base', () => {
    const { plan, issues } = parseRuns('rate:0.3;rate:0.5,seed:3;', TINY);
    expect(issues).toEqual([]);
    expect(plan!.sweep).toBeNull();
    expect(plan!.configs).toEqual([cfg({ rate: 0.3 }), cfg({ rate: 0.5, seed: 3 }), TINY]);
  });

  it('a run with a bad or unknown setting, or named twice, is left out and named', () => {
    const r = parseRuns('rate:0.2;rate:zz;nope:1;rate:0.2;seed:4', TINY);
    expect(r.plan!.configs.map((c) => [c.rate, c.seed])).toEqual([[0.2, 1], [TINY.rate, 4]]);
    expect(messages(r)).toEqual([
      'runs: run 2 (rate:zz): rate=zz: not a decimal number; left out',
      'runs: run 3 (nope:1): nope:1 is not setting:value with a setting this lab has; left out',
      'runs: run 4 (rate:0.2) is named twice; compared once',
    ]);
  });

  it('fewer than two runs compare nothing', () => {
    expect(messages(parseRuns('rate:0.2', TINY))).toEqual(['runs=rate:0.2: a comparison needs two or more valid runs; nothing compared']);
  });
});

describe('decodeComparison and the page link', () => {
  it('runs= wins over sweep=, saying so', () => {
    const r = decodeComparison('rate:0.2,0.5', 'seed:1;seed:2', TINY);
    expect(r.plan!.configs.map((c) => c.seed)).toEqual([1, 2]);
    expect(messages(r)).toEqual(['sweep=rate:0.2,0.5 ignored: the link also names its runs with runs=']);
    expect(decodeComparison(undefined, undefined, TINY)).toEqual({ plan: null, issues: [] });
  });

  it('the page link reads sweep= over its own config and reports a bad one with the other link issues', () => {
    const link = decodeLink('?dataset=gauss&model=mlp-16-16&rounds=2&iters=40&eval=20&backend=cpu&sweep=rate:0.2,0.5');
    expect(link.issues).toEqual([]);
    expect(link.comparison!.configs.map((c) => [c.dataset, c.rate])).toEqual([['gauss', 0.2], ['gauss', 0.5]]);
    const bad = decodeLink('?rate=abc&sweep=speed:1,2');
    expect(bad.comparison).toBeNull();
    expect(messages(bad)).toEqual(['rate=abc: not a decimal number; using 0.2', 'sweep=speed:1,2: no setting is called "speed"; no sweep']);
    expect(decodeLink('?runs=seed:1;seed:2').comparison!.configs).toHaveLength(2);
    // run=1 starts nothing beside a comparison (it asks first); beside a bad one it starts the link's config.
    expect(decodeLink('?run=1&sweep=rate:0.2,0.5').autorun).toBe(false);
    expect(decodeLink('?run=1&sweep=rate:0.2').autorun).toBe(true);
  });
});

describe('expansion and estimates', () => {
  it('sweepConfigs gives the configs the parser gave', () => {
    const { plan } = parseSweep('iters:20,40', TINY);
    expect(sweepConfigs(TINY, plan!.sweep!)).toEqual(plan!.configs);
  });

  it('the total estimate is the sum of each run’s estimate', () => {
    const configs = [cfg({ iters: 40 }), cfg({ iters: 400 }), cfg({ model: 'lenet300', dataset: 'mnist' })];
    const sum = configs.reduce((s, c) => s + estimateTime(c).seconds, 0);
    expect(totalEstimateSeconds(configs)).toBeCloseTo(sum, 9);
    expect(totalEstimateSeconds(configs)).toBeGreaterThan(estimateTime(configs[2]).seconds);
    expect(totalEstimateSeconds(configs, 1000)).toBeCloseTo(configs.reduce((s, c) => s + estimateTime(c, 1000).seconds, 0), 9);
    expect(totalEstimateSeconds([])).toBe(0);
  });
});

describe('comparison links round trip', () => {
  it('one setting’s values are written as sweep= and read back as the same runs', () => {
    const configs = [cfg({ rate: 0.2 }), cfg({ rate: 0.5 })];
    const base = cfg({ rate: 0.5 });
    expect(comparisonQuery(base, configs)).toBe('sweep=rate:0.2,0.5');
    expect(readBack(base, comparisonQuery(base, configs)).plan!.configs).toEqual(configs);
  });

  it('list settings sweep and read back', () => {
    const configs = [cfg({ controls: [] }), cfg({ controls: ['reinit', 'random'] }), cfg({ controls: ['random'] })];
    const q = comparisonQuery(TINY, configs);
    expect(q).toBe('sweep=controls:none,reinit%2Brandom,random');
    expect(readBack(TINY, q).plan!.configs.map(configKey)).toEqual(configs.map(configKey));
  });

  it('runs that differ in several settings are written as runs=, per run against the base', () => {
    const base = cfg({ seed: 9 });
    const configs = [cfg({ rate: 0.3 }), cfg({ rate: 0.5, seed: 3 }), cfg({ model: 'mlp-8', controls: ['random'] })];
    const q = comparisonQuery(base, configs);
    expect(q).toBe('runs=rate:0.3,seed:1;rate:0.5,seed:3;model:mlp-8,controls:random,seed:1');
    expect(readBack(base, q).plan!.configs).toEqual(configs);
    expect(readBack(base, q).issues).toEqual([]);
  });

  it('a base far from the runs still reads back the same runs', () => {
    const base = DEFAULT_CONFIG;
    const configs = [cfg({ rate: 0.3, stability: [0, 2] }), cfg({ rate: 0.3, rewinds: [5, 10] })];
    const q = `runs=${encodeRuns(base, configs)}`;
    const back = readBack(base, q);
    expect(back.issues).toEqual([]);
    expect(back.plan!.configs.map(configKey)).toEqual(configs.map(configKey));
  });

  it('sweepOf finds one swept setting only when the sweep names exactly these runs', () => {
    expect(sweepOf(TINY, [cfg({ seed: 2 }), cfg({ seed: 3 })])).toEqual({ field: 'seed', key: 'seed', values: ['2', '3'] });
    expect(sweepOf(TINY, [cfg({ seed: 2, rate: 0.5 }), cfg({ seed: 3, rate: 0.5 })])).toBeNull();
    expect(sweepOf(TINY, [cfg({ seed: 2 }), cfg({ seed: 2 })])).toBeNull();
    expect(fieldOfKey('eval')).toBe('evalEvery');
    expect(fieldOfKey('__proto__')).toBeNull();
  });
});
