// `npm run experiment -- --open-lth` and `--import-open-lth DIR`, end to end: scripts/experiment.ts
// as a child process (through vite-node, as npm runs it); neither trains anything.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResultsFile } from '../src/state/export';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VITE_NODE = join(ROOT, 'node_modules', 'vite-node', 'vite-node.mjs');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'open_lth');
// The two-replicate fixture (see tests/openlth.test.ts for how it was made).
const RUN = join(FIXTURES, readdirSync(FIXTURES).find((d) => existsSync(join(FIXTURES, d, 'replicate_2')))!);
const dir = mkdtempSync(join(tmpdir(), 'ticket-lab-openlth-cli-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [VITE_NODE, 'scripts/experiment.ts', '--', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run experiment -- --open-lth / --import-open-lth', () => {
  it('prints the open_lth commands and notes for a link, without running', async () => {
    const out = join(dir, 'never.json');
    const r = await cli(['http://localhost/app/?rounds=3&seeds=2&dataset=fashion', '--open-lth', '--out', out]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const commands = lines.filter((l) => l.startsWith('python open_lth.py '));
    expect(commands).toHaveLength(6);
    expect(commands[0]).toMatch(/^python open_lth\.py lottery .*--dataset_name=fashionmnist .*--replicate=1 --levels=3$/);
    expect(commands[5]).toMatch(/lottery_branch randomly_prune .*--replicate=2 --levels=1-3 --seed=1 --strategy=layerwise$/);
    expect(r.stdout).toMatch(/^# - Fashion-MNIST: open_lth has no Fashion-MNIST/m);
    expect(r.stdout).not.toMatch(/Backend|Status:/);
    expect(existsSync(out)).toBe(false);
  });

  it('imports an open_lth folder into a results document and prints its summary', async () => {
    const out = join(dir, 'imported.json');
    const r = await cli(['--import-open-lth', RUN, '--out', out]);
    expect(r.stderr).toMatch(/^note: /m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/round\s+remaining\s+ticket acc/);
    expect(r.stdout).toMatch(/^\s+2\s+25\.\d%/m); // level 2 at a quarter of the weights (fc.weight kept whole)
    expect(r.stdout).toContain(`Imported 3 level(s) of LeNet-300-100 on mnist (complete) to ${out}`);
    const { document, notes } = parseResultsFile(readFileSync(out, 'utf8'));
    expect(notes).toEqual([]);
    expect(document.rounds.map((x) => x.round)).toEqual([0, 1, 2]);
    expect(document.extraSeeds).toHaveLength(1);
  });

  it('refuses a folder that is not an open_lth lottery run, saying why', async () => {
    const [notRun, missing] = await Promise.all([cli(['--import-open-lth', join(ROOT, 'docs'), '--out', join(dir, 'x.json')]), cli(['--import-open-lth', join(dir, 'nope'), '--out', join(dir, 'y.json')])]);
    expect(notRun.code).toBe(1);
    expect(notRun.stderr).toMatch(/^error: This folder has no open_lth files \(logger, hparams\.log, sparsity_report\.json\)/m);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: cannot read the folder .*nope/m);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});
