// The command-line runner, end to end: runs scripts/experiment.ts as a child process on a tiny
// 2-D experiment and reads back the results document it writes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../src/engine/events';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VITE_NODE = join(ROOT, 'node_modules', 'vite-node', 'vite-node.mjs');
const QUERY = 'dataset=gauss&model=mlp-8-8&rounds=1&iters=30&eval=10&controls=none&backend=cpu';
const dir = mkdtempSync(join(tmpdir(), 'ticket-lab-cli-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI (through vite-node, as `npm run experiment` does); never rejects. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [VITE_NODE, 'scripts/experiment.ts', '--', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const readDoc = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ResultsDocument;

describe('npm run experiment', () => {
  it('runs a query and writes a complete results document', async () => {
    const out = join(dir, 'ok.json');
    const [ok, bad] = await Promise.all([
      cli([QUERY, '--out', out, '--quiet']),
      cli([`http://localhost/app/?${QUERY}&rate=7`, '--out', join(dir, 'bad.json'), '--quiet']),
    ]);

    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const doc = readDoc(out);
    expect(doc.format).toBe('ticket-lab/results');
    expect(doc.status).toBe('complete');
    expect(doc.rounds).toHaveLength(2);
    expect(doc.config).toMatchObject({ dataset: 'gauss', model: 'mlp-8-8', iters: 30, controls: [] });
    expect(doc.backend.name).toBe('cpu');
    expect(doc.rounds[1].remaining).toBeLessThan(1);
    expect(doc.rounds[1].reinit).toBeNull();

    // A bad value is a warning naming the field; the run goes on with the default.
    expect(bad.code).toBe(0);
    expect(bad.stderr).toMatch(/warning: .*\brate\b/);
    const badDoc = readDoc(join(dir, 'bad.json'));
    expect(badDoc.status).toBe('complete');
    expect(badDoc.config.rate).toBe(0.2);
    expect(badDoc.rounds).toHaveLength(2);
  });

  it('runs stability, a rewind sweep and another optimizer from a query, and prints their tables', async () => {
    const out = join(dir, 'stability.json');
    const run = await cli([`${QUERY}&rewind=10&rewinds=0,20&stability=all&transferOpt=momentum&transferLr=0.05`, '--out', out]);
    expect(run.code).toBe(0);
    const doc = readDoc(out);
    expect(doc.version).toBe(2);
    expect(doc.config).toMatchObject({ rewinds: [0, 20], stability: 'all', transferOpt: 'momentum', transferLr: 0.05 });
    expect(Object.keys(doc.rounds[1].rewinds!)).toEqual(['0', '20']);
    expect(doc.rounds[1].ticket.stability!.path).toHaveLength(11);
    expect(doc.rounds[1].targetTicket!.stability).toBeDefined();
    expect(run.stdout).toMatch(/Test accuracy by rewind iteration k:\n.*k=0\s+k=10\s+k=20/);
    expect(run.stdout).toMatch(/Stability \(two copies, two data orders\):[\s\S]*\btransfer\b/);
    expect(run.stdout).toMatch(/Transfer to gauss with momentum \(lr 0\.05\)/);
  });

  it('prints help and rejects unknown options', async () => {
    const [help, wrong] = await Promise.all([cli(['--help']), cli(['--nope'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--out FILE');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--nope');
  });
});
