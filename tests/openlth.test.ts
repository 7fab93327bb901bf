// The lab as open_lth's front end and viewer (docs/open-lth.md): the commands for a config, and the
// import of an open_lth lottery folder. The fixtures under tests/fixtures/open_lth/ were written by
// open_lth itself (facebookresearch/open_lth at 2ce732f, PyTorch 1.13 on the CPU; see docs/open-lth.md), running exactly
// the commands openLthCommands prints for two links, plus --subsample_fraction=0.05 to keep them
// short; only the files the importer reads were kept (the .pth checkpoints were deleted):
//   lottery_03d0…  'rate=0.5&rounds=2&iters=120&batch=60&seed=1&seeds=2' (replicate 2 without branches)
//   lottery_065e…  'model=mlp-100-50&rate=0.3&rounds=1&iters=120&batch=60&rewind=20&opt=momentum&lr=0.05&seed=7&controls=reinit&scope=global'
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/config/results-schema';
import { DEFAULT_CONFIG, parseConfig, type ExperimentConfig } from '../src/config/schema';
import { decodeConfig } from '../src/config/url';
import { summarizeCurve } from '../src/engine/train';
import { openLthCommands } from '../src/openlth/commands';
import { importOpenLth, type OpenLthFile } from '../src/openlth/import';
import { parseResultsFile } from '../src/state/export';
import { readOpenLthFiles } from '../scripts/open-lth';

const cfg = (query: string) => decodeConfig(query).config;
const FIXTURES = resolve(__dirname, 'fixtures', 'open_lth');
const RUN_A = 'lottery_03d0b67d80aa1753602106b57cc80841';
const RUN_B = 'lottery_065e3788000dbd41136c37438ec724d4';
const QUERY_A = 'rate=0.5&rounds=2&iters=120&batch=60&seed=1&seeds=2';
const QUERY_B = 'model=mlp-100-50&rate=0.3&rounds=1&iters=120&batch=60&rewind=20&opt=momentum&lr=0.05&seed=7&controls=reinit&scope=global';
const CREATED = '2026-11-25T00:00:00.000Z';
/** A fixture folder's files as a folder picker gives them (paths start at the folder's name). */
const filesOf = (run: string) => readOpenLthFiles(join(FIXTURES, run));
const fixtureText = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

// Every flag open_lth's argparse builds, from its source (open_lth.py, cli/shared_args.py JobArgs,
// foundations/hparams.py, lottery/desc.py, lottery/runner.py, pruning/sparse_global.py,
// lottery/branch/base.py and each branch's branch_function arguments).
const DATASET = ['dataset_name', 'batch_size', 'do_not_augment', 'transformation_seed', 'subsample_fraction', 'random_labels_fraction', 'unsupervised_labels', 'blur_factor'];
const TRAINING = ['optimizer_name', 'lr', 'training_steps', 'data_order_seed', 'momentum', 'nesterov_momentum', 'milestone_steps', 'gamma', 'warmup_steps', 'weight_decay', 'apex_fp16'];
const COMMON = [
  ...['platform', 'display_output_location', 'num_workers', 'replicate', 'default_hparams', 'quiet', 'evaluate_only_at_end', 'rewinding_steps', 'pretrain', 'levels'],
  ...DATASET,
  ...['model_name', 'model_init', 'batchnorm_init', 'batchnorm_frozen', 'output_frozen', 'others_frozen', 'others_frozen_exceptions'],
  ...TRAINING,
  ...['pruning_strategy', 'pruning_fraction', 'pruning_layers_to_ignore'],
];
const BRANCH_FLAGS: Record<string, string[]> = {
  randomly_prune: ['seed', 'strategy', 'start_at', 'layers_to_ignore'],
  randomly_reinitialize: ['start_at_step_zero'],
  retrain: [...DATASET.map((f) => `retrain_d_${f}`), ...TRAINING.map((f) => `retrain_t_${f}`), 'start_at_step_zero'],
};
const REQUIRED = ['dataset_name', 'batch_size', 'model_name', 'model_init', 'batchnorm_init', 'optimizer_name', 'lr', 'training_steps', 'pruning_strategy', 'levels'];
const BRANCH_REQUIRED: Record<string, string[]> = {
  randomly_prune: ['seed'],
  randomly_reinitialize: [],
  retrain: ['retrain_d_dataset_name', 'retrain_d_batch_size', 'retrain_t_optimizer_name', 'retrain_t_lr', 'retrain_t_training_steps'],
};

/** A command's subcommand, branch and flags (name → value). */
function parseCommand(command: string) {
  const words = command.split(' ');
  expect(words.slice(0, 2)).toEqual(['python', 'open_lth.py']);
  const sub = words[2];
  const branch = sub === 'lottery_branch' ? words[3] : null;
  const flags = new Map<string, string>();
  for (const w of words.slice(branch ? 4 : 3)) {
    const m = /^--([a-z_]+)=(\S*)$/.exec(w);
    expect(m, `${w} in ${command}`).not.toBeNull();
    expect(flags.has(m![1]), `${m![1]} given twice`).toBe(false);
    flags.set(m![1], m![2]);
  }
  return { sub, branch, flags };
}

/** Checks every command against open_lth's argparse: known flags, required ones, value formats. */
function expectValid(commands: string[]) {
  for (const c of commands) {
    const { sub, branch, flags } = parseCommand(c);
    expect(['lottery', 'lottery_branch']).toContain(sub);
    const allowed = new Set([...COMMON, ...(branch ? (BRANCH_FLAGS[branch] ?? []) : [])]);
    expect(branch === null || branch in BRANCH_FLAGS, `branch ${branch}`).toBe(true);
    for (const f of flags.keys()) expect(allowed.has(f), `--${f} is not an open_lth flag of ${sub} ${branch ?? ''}`).toBe(true);
    for (const f of [...REQUIRED, ...(branch ? BRANCH_REQUIRED[branch] : [])]) expect(flags.has(f), `--${f} missing in ${c}`).toBe(true);
    // Step strings ('1000it'), lottery levels an int, branch levels a list ('1-7', '1').
    for (const f of ['training_steps', 'rewinding_steps', 'retrain_t_training_steps']) if (flags.has(f)) expect(flags.get(f)).toMatch(/^\d+it$/);
    expect(flags.get('levels')).toMatch(branch ? /^\d+(-\d+)?$/ : /^\d+$/);
    for (const f of ['lr', 'pruning_fraction', 'momentum', 'retrain_t_lr']) if (flags.has(f)) expect(Number.isFinite(Number(flags.get(f)))).toBe(true);
  }
}

describe('open_lth commands', () => {
  it('the default experiment: a lottery run and both controls as branches, every flag open_lth knows', () => {
    const { commands, notes } = openLthCommands(DEFAULT_CONFIG);
    const trunk =
      '--dataset_name=mnist --batch_size=60 --model_name=mnist_lenet_300_100 --model_init=kaiming_normal --batchnorm_init=uniform ' +
      '--optimizer_name=adam --lr=0.0012 --training_steps=1000it --data_order_seed=1 ' +
      '--pruning_strategy=sparse_global --pruning_fraction=0.2 --pruning_layers_to_ignore=fc.weight';
    expect(commands).toEqual([
      `python open_lth.py lottery ${trunk} --levels=7`,
      `python open_lth.py lottery_branch randomly_reinitialize ${trunk} --levels=1-7`,
      `python open_lth.py lottery_branch randomly_prune ${trunk} --levels=1-7 --seed=1 --strategy=layerwise`,
    ]);
    expectValid(commands);
    const text = notes.join('\n');
    for (const said of [/one threshold across the layers it prunes/, /half the rate \(10% a round\)/, /Glorot/, /never seeds the initial weights/, /55,000 images/, /every 1,000 iterations at batch 60/])
      expect(text).toMatch(said);
    expect(notes.every((n) => /^[A-Z].*[.)]$/.test(n)), 'notes are sentences').toBe(true);
  });

  it('maps seeds, rewinding, optimizers, levels and controls onto their flags', () => {
    const seeds = openLthCommands(cfg('seeds=3&rounds=1&seed=5'));
    expect(seeds.commands).toHaveLength(9);
    expect(seeds.commands.map((c) => parseCommand(c).flags.get('replicate'))).toEqual(['1', '1', '1', '2', '2', '2', '3', '3', '3']);
    expect(seeds.commands.every((c) => parseCommand(c).flags.get('data_order_seed') === '5')).toBe(true);
    expect(parseCommand(seeds.commands[1]).flags.get('levels')).toBe('1');
    expect(seeds.notes.join(' ')).toMatch(/replicates 1–3/);

    const late = openLthCommands(cfg('rewind=50&opt=momentum&lr=0.05&controls=random&iters=2000'));
    expect(late.commands).toHaveLength(2);
    const flags = parseCommand(late.commands[0]).flags;
    expect([flags.get('rewinding_steps'), flags.get('optimizer_name'), flags.get('momentum'), flags.get('lr'), flags.get('training_steps')]).toEqual(['50it', 'sgd', '0.9', '0.05', '2000it']);
    expect(parseCommand(late.commands[1]).branch).toBe('randomly_prune');
    expect(late.notes.join(' ')).toMatch(/from iteration 50 to 2,000 \(1,950 iterations/);
    expect(late.notes.join(' ')).not.toMatch(/Adam/);

    const dense = openLthCommands(cfg('rounds=0&scope=global&opt=sgd'));
    expect(dense.commands).toHaveLength(1); // no controls without a pruned round
    expect(parseCommand(dense.commands[0]).flags.has('pruning_layers_to_ignore')).toBe(false); // global: every layer in one pool
    expect(dense.notes.join(' ')).not.toMatch(/half the rate|threshold across/);
    for (const c of [seeds, late, dense]) expectValid(c.commands);
  });

  it('names what open_lth cannot express, each in the lab’s words', () => {
    const cases: [string, RegExp][] = [
      ['dataset=fashion', /no Fashion-MNIST.*fashionmnist/],
      ['dataset=spiral&model=mlp-8-8', /no 2-D data sets.*cannot run there/],
      ['model=conv4&convRate=0.15', /no Conv-2\/4\/6.*mnist_conv_4/],
      ['model=conv4&convRate=0.15', /convRate=0.15/],
      ['criterion=movement', /criterion movement/],
      ['compare=movement,random', /compare=movement,random/],
      ['start=reinit_sign', /start=reinit_sign/],
      ['pruned=init', /pruned=init/],
      ['evalSize=2000', /2,000 images \(evalSize=2000\).*10,000/],
      ['transfer=fashion', /transfer=fashion.*retrain.*random mask/],
      ['transferOpt=sgd&transferLr=0.05', /transferOpt=sgd.*retrain/],
      ['stability=all', /no instability measurement/],
      ['stability=0,2&rounds=3', /stability=0,2/],
      ['rewinds=50,100&iters=500', /rewinds=50,100.*one lottery run per rewind point/],
      ['seeds=2', /seeds=2/],
    ];
    for (const [query, said] of cases) {
      const { commands, notes } = openLthCommands(cfg(query));
      expect(notes.join('\n'), query).toMatch(said);
      expectValid(commands);
    }
    const supermask = openLthCommands(cfg('mode=supermask'));
    expect(supermask.commands).toEqual([]);
    expect(supermask.notes.join(' ')).toMatch(/no supermasks/);
  });

  it('transfer runs: the ticket retrained elsewhere (lottery_branch retrain) and the target’s own lottery run', () => {
    const { commands } = openLthCommands(cfg('transfer=fashion&transferOpt=sgd&transferLr=0.05&rounds=2'));
    expect(commands.map((c) => [parseCommand(c).sub, parseCommand(c).branch])).toEqual([
      ['lottery', null],
      ['lottery_branch', 'randomly_reinitialize'],
      ['lottery_branch', 'randomly_prune'],
      ['lottery_branch', 'retrain'],
      ['lottery', null],
    ]);
    const retrain = parseCommand(commands[3]).flags;
    expect([retrain.get('dataset_name'), retrain.get('retrain_d_dataset_name'), retrain.get('retrain_t_optimizer_name'), retrain.get('retrain_t_lr'), retrain.get('levels')]).toEqual(['mnist', 'fashionmnist', 'sgd', '0.05', '1-2']);
    const own = parseCommand(commands[4]).flags;
    expect([own.get('dataset_name'), own.get('optimizer_name'), own.get('lr')]).toEqual(['fashionmnist', 'sgd', '0.05']);
    const sweep = openLthCommands(cfg('rewinds=50,100&iters=500&controls=none'));
    expect(sweep.commands.map((c) => parseCommand(c).flags.get('rewinding_steps') ?? '-')).toEqual(['-', '50it', '100it']);
  });

  it('a field it does not know, or any field at its default, adds no note', () => {
    const base = openLthCommands(DEFAULT_CONFIG);
    const grown = openLthCommands({ ...DEFAULT_CONFIG, futureField: 'anything' } as ExperimentConfig);
    expect(grown).toEqual(base);
    // Only the notes every run gets (and those of its own non-default fields) appear.
    const plain = openLthCommands(parseConfig({ opt: 'sgd', scope: 'global', evalEvery: 1000 }).config);
    expect(plain.notes).toHaveLength(3); // initialisation, seed, validation split
  });
});

/** An independent reading of a logger: iteration → [test accuracy, test loss]. */
function loggerRows(text: string): [number, number, number][] {
  const acc = new Map<number, number>();
  const loss = new Map<number, number>();
  for (const row of text.trim().split('\n')) {
    const [name, it, value] = row.split(',');
    if (name === 'test_accuracy') acc.set(+it, +value);
    if (name === 'test_loss') loss.set(+it, +value);
  }
  return [...acc.keys()].sort((a, b) => a - b).map((it) => [it, acc.get(it)!, loss.get(it)!]);
}
const sparsity = (path: string) => JSON.parse(fixtureText(path)) as { total: number; unpruned: number };
/** Calls importOpenLth and returns the Error it throws (failing if it returns, or throws something else). */
function refusal(files: OpenLthFile[]): string {
  try {
    importOpenLth(files, { createdAt: CREATED });
  } catch (e) {
    expect(Object.getPrototypeOf(e)).toBe(Error.prototype);
    return (e as Error).message;
  }
  throw new Error('imported without complaint');
}
const edit = (files: OpenLthFile[], suffix: string, text: string | null) =>
  files.flatMap((f) => (f.path.endsWith(suffix) ? (text === null ? [] : [{ ...f, text }]) : [f]));

describe('importing an open_lth lottery folder', () => {
  const a = importOpenLth(filesOf(RUN_A), { createdAt: CREATED });
  const doc = a.document;

  it('makes a round per level: remaining from the sparsity reports, the ticket from level_N/main, controls from the branches', () => {
    expect(doc.rounds.map((r) => r.round)).toEqual([0, 1, 2]);
    doc.rounds.forEach((r, level) => {
      const main = `${RUN_A}/replicate_1/level_${level}/main`;
      const report = sparsity(`${main}/sparsity_report.json`);
      expect(r.remaining).toBe(report.unpruned / report.total);
      const rows = loggerRows(fixtureText(`${main}/logger`));
      expect(r.ticket.curve).toEqual(rows.map(([iteration, a, l]) => ({ iteration, testAccuracy: a, testLoss: l, valAccuracy: a, valLoss: l })));
      expect(r.ticket.untrainedAccuracy).toBe(rows[0][1]); // the iteration-0 evaluation
      expect(r.ticket.testAccuracy).toBe(rows[rows.length - 1][1]);
      // The lab's own rule for the early-stop point, on open_lth's (test-only) curve.
      const { curve, seconds, ...summary } = summarizeCurve(r.ticket.curve, 0);
      expect(r.ticket).toMatchObject({ ...summary, curve, seconds });
      // The per-layer estimate adds up to the reported count; fc.weight (ignored by open_lth) kept whole.
      expect(r.ticket.layers.reduce((s, l) => s + l.remaining, 0)).toBe(report.unpruned);
      expect(r.ticket.layers[2]).toEqual({ name: 'fc3', kind: 'dense', total: 1000, remaining: 1000 });
    });
    expect(doc.rounds[0].reinit).toBeNull();
    expect(doc.rounds[0].randomMask).toBeNull();
    for (const level of [1, 2]) {
      const branch = (kind: string) => loggerRows(fixtureText(`${RUN_A}/replicate_1/level_${level}/lottery_branch_${kind}/logger`));
      const reinit = branch('randomly_reinitialize_7b99794732481fff503d5290ee43fb4b');
      const random = branch('randomly_prune_b903ce3209007ffb6278b2163d9db26f');
      expect(doc.rounds[level].reinit!.testAccuracy).toBe(reinit[reinit.length - 1][1]);
      expect(doc.rounds[level].reinit!.untrainedAccuracy).toBe(reinit[0][1]);
      expect(doc.rounds[level].randomMask!.curve.map((p) => p.testAccuracy)).toEqual(random.map((r) => r[1]));
    }
    // sparse_global prunes 50% of all remaining weights (fc.weight's counted) from the layers it may prune.
    expect(doc.rounds[2].remaining).toBeCloseTo(0.25, 4);
    expect(doc.status).toBe('complete');
  });

  it('maps the hyperparameters back onto the link it was made from, and replicates onto seeds', () => {
    const from = cfg(QUERY_A);
    for (const k of ['dataset', 'model', 'rate', 'rounds', 'iters', 'batch', 'lr', 'opt', 'seed', 'seeds', 'rewind', 'controls'] as const) expect(doc.config[k], k).toEqual(from[k]);
    expect(doc.config.scope).toBe('global'); // sparse_global is one threshold: the lab's global scope
    expect(doc.config.evalEvery).toBe(50); // an epoch: 3,000 images (subsample 0.05) at batch 60
    expect(doc.extraSeeds.map((s) => s.seed)).toEqual([2]);
    const rep2 = doc.extraSeeds[0].rounds;
    expect(rep2.map((r) => r.ticket.testAccuracy)).toEqual([0, 1, 2].map((l) => loggerRows(fixtureText(`${RUN_A}/replicate_2/level_${l}/main/logger`)).at(-1)![1]));
    expect(rep2.every((r) => r.reinit === null && r.randomMask === null)).toBe(true);
    expect(doc.model).toMatchObject({ name: 'LeNet-300-100', prunableWeights: 266_200, inputShape: [28, 28, 1] });
    expect(doc.dataset).toMatchObject({ name: 'mnist', train: 3000, val: 0, test: 10_000 });
    expect(doc.backend.name).toBe('open_lth');
    expect(doc.createdAt).toBe(CREATED);
    const notes = a.notes.join('\n');
    for (const said of [/logs only the test set/, /subsample_fraction=0\.05/, /left fc\.weight unpruned/, /Per-layer counts are estimated/, /Replicates 1, 2 are shown as seeds/, /0 s/]) expect(notes).toMatch(said);
  });

  it('passes the lab’s results schema, as an exported file would', () => {
    expect(checkResults(JSON.parse(JSON.stringify(doc))).ok).toBe(true);
    const reread = parseResultsFile(JSON.stringify(doc));
    expect(reread.notes).toEqual([]);
    expect(reread.document.rounds).toEqual(doc.rounds);
  });

  it('with rewinding: round 0 starts with the pretraining run, later levels at the rewind step', () => {
    const { document: b, notes } = importOpenLth(filesOf(RUN_B), { createdAt: CREATED });
    const from = cfg(QUERY_B);
    for (const k of ['dataset', 'model', 'rate', 'rounds', 'iters', 'batch', 'lr', 'opt', 'seed', 'seeds', 'rewind', 'controls', 'scope'] as const) expect(b.config[k], k).toEqual(from[k]);
    const pretrain = loggerRows(fixtureText(`${RUN_B}/replicate_1/level_pretrain/main/logger`));
    const level0 = loggerRows(fixtureText(`${RUN_B}/replicate_1/level_0/main/logger`));
    expect(b.rounds[0].ticket.curve.map((p) => p.iteration)).toEqual([0, 20, 50, 100, 120]);
    expect(b.rounds[0].ticket.untrainedAccuracy).toBe(pretrain[0][1]);
    expect(b.rounds[0].ticket.curve[1].testAccuracy).toBe(level0[0][1]);
    expect(b.rounds[1].ticket.curve[0].iteration).toBe(20);
    expect(b.rounds[1].ticket.untrainedAccuracy).toBe(0.85); // the rewound, pruned network at step 20
    expect(b.rounds[1].reinit).not.toBeNull();
    expect(b.rounds[1].randomMask).toBeNull();
    expect(b.model.name).toBe('MLP 784-100-50-10');
    // No layer ignored: every layer at one estimated density.
    expect(b.rounds[1].ticket.layers.map((l) => l.remaining)).toEqual([54_879, 3500, 350]);
    expect(notes.join(' ')).not.toMatch(/unpruned \(/);
    expect(checkResults(JSON.parse(JSON.stringify(b))).ok).toBe(true);
  });

  it('reads the folder the user picked: the run, one replicate, or the folder holding one run', () => {
    const replicate2 = filesOf(RUN_A)
      .filter((f) => f.path.includes('/replicate_2/'))
      .map((f) => ({ ...f, path: f.path.slice(RUN_A.length + 1) }));
    const one = importOpenLth(replicate2, { createdAt: CREATED }).document;
    expect(one.rounds.map((r) => r.ticket.testAccuracy)).toEqual(doc.extraSeeds[0].rounds.map((r) => r.ticket.testAccuracy));
    expect(one.extraSeeds).toEqual([]);
    expect(one.config.controls).toEqual([]);
    const parent = filesOf(RUN_B).map((f) => ({ ...f, path: `open_lth_data/${f.path}` }));
    expect(importOpenLth(parent, { createdAt: CREATED }).document.rounds).toHaveLength(2);
    // The fixtures' own folder holds two runs: which one is meant is for the user to say.
    expect(refusal(readOpenLthFiles(FIXTURES))).toBe(`This folder holds 2 open_lth lottery experiments (${RUN_A}, ${RUN_B}): choose one of them.`);
  });

  it('a run still training: the finished levels, status stopped', () => {
    const files = edit(filesOf(RUN_A), 'replicate_1/level_2/main/logger', null);
    const { document, notes } = importOpenLth(files, { createdAt: CREATED });
    expect(document.status).toBe('stopped');
    expect(document.rounds.map((r) => r.round)).toEqual([0, 1]);
    expect(notes.join(' ')).toMatch(/no logger yet/);
  });

  it('refuses what is not an open_lth lottery run, in one sentence', () => {
    const files = filesOf(RUN_A);
    const level1 = 'replicate_1/level_1/main/logger';
    const cases: [OpenLthFile[], RegExp][] = [
      [[], /^This folder has no open_lth files/],
      [[{ path: 'docs/README.md', text: '# hi' }], /^This folder holds no open_lth lottery run/],
      [[{ path: `train_${'a'.repeat(32)}/replicate_1/main/logger`, text: 'test_accuracy,0,0.1' }], /^This is an open_lth training run/],
      [[{ path: 'level_1/main/logger', text: 'test_accuracy,0,0.1' }], /^This is one level of an open_lth run/],
      [edit(files, level1, 'hello world'), /level_1\/main\/logger is not an open_lth logger: line 1/],
      [edit(files, level1, 'test_loss,0,0.5\ntest_accuracy,0,1.5'), /test_accuracy 1\.5 at iteration 0 is not a fraction/],
      [edit(files, level1, 'train_loss,0,0.5'), /has no test evaluations/],
      [edit(files, 'replicate_1/level_1/main/sparsity_report.json', '{"total": 10'), /sparsity_report\.json is not JSON/],
      [edit(files, 'replicate_1/level_1/main/sparsity_report.json', '{"total": 10, "unpruned": 20}'), /is not an open_lth sparsity report/],
      [edit(files, 'replicate_1/level_1/main/sparsity_report.json', '{"total": 10.0, "unpruned": 5.0}'), /the folder mixes runs/],
      [edit(files, 'replicate_1/level_0/main/hparams.log', '    garbage'), /is not an open_lth hparams\.log/],
      [edit(files, 'replicate_1/level_0/main/hparams.log', 'Dataset Hyperparameters\n    * dataset_name => mnist'), /has no pruning hyperparameters: it is not an open_lth lottery run/],
      [edit(files, level1, 'x'.repeat(4 * 1024 * 1024 + 1)), /over 4 MB/],
    ];
    for (const [input, said] of cases) {
      const message = refusal(input);
      expect(message).toMatch(said);
      expect(message.split(/\.\s/).length, message).toBeLessThanOrEqual(2);
    }
    expect(refusal(null as unknown as OpenLthFile[])).toMatch(/no open_lth files/);
    expect(refusal([{ path: 3, text: null }] as unknown as OpenLthFile[])).toMatch(/unreadable/);
  });

  it('on mangled input it either imports a valid document or throws a plain Error, quickly', () => {
    const files = filesOf(RUN_A);
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const mangle = (text: string) => {
      const at = rand(text.length + 1);
      const junk = ['', ',', '\n', 'nan', '-1', '1e309', '{', '}', ' => ', '\u0000', 'test_accuracy,5,', '999999999999'][rand(12)];
      return rand(3) === 0 ? text.slice(0, at) : text.slice(0, at) + junk + text.slice(at + rand(4));
    };
    const started = performance.now();
    let imported = 0;
    for (let i = 0; i < 300; i++) {
      const k = rand(files.length);
      const mangled = files.map((f, j) => (j === k ? { path: rand(8) ? f.path : mangle(f.path), text: mangle(f.text) } : f));
      try {
        const { document } = importOpenLth(mangled, { createdAt: CREATED });
        expect(checkResults(JSON.parse(JSON.stringify(document))).ok).toBe(true);
        imported++;
      } catch (e) {
        expect(Object.getPrototypeOf(e), String(e)).toBe(Error.prototype);
        expect((e as Error).message.length).toBeGreaterThan(10);
      }
    }
    expect(imported).toBeGreaterThan(0);
    // The most files it accepts, all of them decoys, in bounded time.
    const many = Array.from({ length: 20_000 }, (_, i) => ({ path: `x/replicate_${i}/level_${i}/main/hparams.log`, text: '' }));
    expect(refusal(many)).toMatch(/no open_lth lottery run/);
    expect(refusal([...many, ...many])).toMatch(/more than 20,000/);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
