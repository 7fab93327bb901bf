import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, FIELDS, parseConfig } from '../src/config/schema';
import { decodeConfig, encodeConfig } from '../src/config/url';

describe('config schema and URL', () => {
  it('round-trips every field through the query string', () => {
    const config = {
      ...DEFAULT_CONFIG,
      dataset: 'fashion' as const,
      model: 'mlp-512-256-64',
      rate: 0.35,
      convRate: 0.15,
      rounds: 12,
      iters: 2500,
      batch: 128,
      lr: 0.0007,
      opt: 'momentum' as const,
      scope: 'global' as const,
      rewind: 500,
      mode: 'supermask' as const,
      scoreLr: 0.05,
      criterion: 'large_init_large_final' as const,
      start: 'reshuffle_sign' as const,
      pruned: 'toward_zero' as const,
      controls: ['random' as const],
      evalEvery: 250,
      seed: 123456,
      backend: 'wasm' as const,
    };
    const query = encodeConfig(config);
    const back = decodeConfig(query);
    expect(back.issues).toEqual([]);
    expect(back.config).toEqual(config);
    // Every field is in the link, under its short key.
    for (const f of Object.values(FIELDS)) expect(query).toMatch(new RegExp(`(^|&)${f.key}=`));
  });

  it('reads Zhou et al.’s keys, and replaces a bad one by its default with a message', () => {
    const { config, issues } = decodeConfig('criterion=large_final_same_sign&start=constant_sign&pruned=init');
    expect(issues).toEqual([]);
    expect(config).toMatchObject({ criterion: 'large_final_same_sign', start: 'constant_sign', pruned: 'init' });
    const bad = decodeConfig('criterion=biggest&start=rewind');
    expect(bad.config.criterion).toBe('large_final');
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0].message).toMatch(/^criterion="biggest": .*large_final.*; using "large_final"$/);
  });

  it('reads the documented example link', () => {
    const { config, issues } = decodeConfig('?dataset=fashion&model=lenet300&rate=0.2&rounds=10&iters=1000&rewind=0&seed=1');
    expect(issues).toEqual([]);
    expect(config).toMatchObject({ dataset: 'fashion', model: 'lenet300', rate: 0.2, rounds: 10, iters: 1000, rewind: 0, seed: 1 });
    expect(config.batch).toBe(60);
  });

  it('accepts a whole URL and an empty controls list', () => {
    const { config, issues } = decodeConfig('https://example.org/lab/?controls=none&dataset=spiral#x');
    expect(issues).toEqual([]);
    expect(config.controls).toEqual([]);
    expect(config.dataset).toBe('spiral');
    expect(encodeConfig(config)).toContain('controls=none');
  });

  it('reports invalid values field by field and falls back to defaults', () => {
    const { config, issues } = decodeConfig('dataset=imagenet&rate=7&rounds=-1&iters=abc&model=resnet&controls=reinit,bogus&lr=0&foo=1');
    const fields = issues.map((i) => i.field).sort();
    expect(fields).toEqual(['controls', 'dataset', 'foo', 'iters', 'lr', 'model', 'rate', 'rounds']);
    expect(config).toEqual(DEFAULT_CONFIG);
    const rate = issues.find((i) => i.field === 'rate')!;
    expect(rate.message).toContain('rate=7');
    expect(rate.message).toContain('0.2');
  });

  it('bounds the work a link can ask for', () => {
    const { config, issues } = decodeConfig('rounds=1000000&iters=1e12&batch=100000&model=mlp-99999');
    expect(issues).toHaveLength(4);
    expect(config.rounds).toBe(DEFAULT_CONFIG.rounds);
    expect(config.iters).toBe(DEFAULT_CONFIG.iters);
    expect(config.batch).toBe(DEFAULT_CONFIG.batch);
    expect(config.model).toBe(DEFAULT_CONFIG.model);
  });

  it('checks fields against each other', () => {
    const late = parseConfig({ iters: 100, rewind: 500 });
    expect(late.config.rewind).toBe(0);
    expect(late.issues[0].field).toBe('rewind');
    const conv = parseConfig({ dataset: 'xor', model: 'conv4' });
    expect(conv.config.model).toMatch(/^mlp-/);
    expect(conv.issues[0].message).toContain('2-D');
  });

  it('leaves keys owned by the UI alone', () => {
    const { issues } = decodeConfig('rate=0.5&hide=controls&big=1', ['hide', 'big']);
    expect(issues).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const q of ['%', '&&&', '=1', 'rate', 'rate=%ZZ', '?'.repeat(5), 'seed=1.5', 'v=99']) {
      expect(() => decodeConfig(q)).not.toThrow();
    }
    expect(decodeConfig('v=99').issues[0].field).toBe('v');
  });
});
