// Runs one Ticket Lab experiment in Node from a share link or query string and writes the
// results document:   npm run experiment -- '<URL or query>' [--out results.json] [--quiet]
// Warnings, status and progress go to stderr; the effective config and the summary go to stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FIELDS, type FieldName } from '../src/config/schema';
import { decodeConfig, encodeConfig } from '../src/config/url';
import { progressFraction, type EngineEvent, type Progress, type ResultsDocument } from '../src/engine/events';
import { count, duration, percent, table } from '../src/analysis/format';
import { summary } from '../src/analysis/summary';
import { importOpenLthDir, printOpenLth } from './open-lth';

const USAGE = `Usage: npm run experiment -- '<URL or query string>' [options]

Runs a Lottery-Ticket experiment in Node and writes its results document as JSON.
The config is read like the app reads a link: a full URL (http://host/?dataset=fashion&rate=0.2),
'?dataset=fashion&rate=0.2' or 'dataset=fashion&rate=0.2'; several arguments are joined with '&'.
Missing keys take their defaults; a bad value is reported and replaced by its default.
Backend 'auto' in Node means WASM (no WebGPU or WebGL here); 'cpu' is the pure-JS fallback.

Options:
  -o, --out FILE   where to write the results (default: results.json)
  -q, --quiet      only warnings and errors (no config, progress or summary)
  --open-lth       print the equivalent facebookresearch/open_lth commands and what they
                   cannot express, without running (docs/open-lth.md)
  --import-open-lth DIR
                   read an open_lth lottery experiment folder (lottery_<hash>, one of its
                   replicate_N folders, or the folder holding it) and write it to --out
                   as a results document, without training
  -h, --help       show this help

Ctrl-C stops the run after the current step and still writes the partial document (status
'stopped'); a second Ctrl-C quits at once. Exit status: 0 complete, 1 failed, 2 bad usage,
130 stopped.`;

const log = (line: string) => process.stderr.write(line + '\n');

function parseCli(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        out: { type: 'string', short: 'o', default: 'results.json' },
        quiet: { type: 'boolean', short: 'q', default: false },
        'open-lth': { type: 'boolean', default: false },
        'import-open-lth': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
    const query = positionals.map((p, i) => (i > 0 ? p.replace(/^[?&]+/, '') : p)).join('&');
    return { out: values.out!, quiet: values.quiet!, help: values.help!, openLth: values['open-lth']!, importOpenLth: values['import-open-lth'], query };
  } catch (e) {
    log(`error: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** Prints progress on stderr: one rewritten line on a terminal, else a line every few seconds. */
function progressPrinter(enabled: boolean) {
  const tty = enabled && process.stderr.isTTY === true;
  const every = tty ? 200 : 5000;
  let last = 0;
  let shown = false;
  const clear = () => {
    if (shown) process.stderr.write('\r\x1b[2K');
    shown = false;
  };
  return {
    /** Writes a whole line, first clearing the progress line if one is showing. */
    line(text: string) {
      if (!enabled) return;
      clear();
      log(text);
    },
    update(p: Progress, force = false) {
      const now = Date.now();
      if (!enabled || (!force && now - last < every)) return;
      last = now;
      const done = progressFraction(p);
      const eta = done > 0 ? (p.secondsElapsed * (1 - done)) / done : NaN;
      const text =
        `round ${p.round}/${p.rounds} ${`${p.arms} nets`.padEnd(8)} it ${p.iteration}/${p.iters}` +
        `  ${count(p.samplesPerSecond)} samples/s  elapsed ${duration(p.secondsElapsed)}` +
        `  ETA ${duration(eta)}  (${p.runsDone}/${p.runsTotal} runs)`;
      if (tty) {
        process.stderr.write('\r\x1b[2K' + text.slice(0, (process.stderr.columns || 120) - 1));
        shown = true;
      } else log(text);
    },
    done: clear,
  };
}

async function main(): Promise<number> {
  const args = parseCli(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.importOpenLth !== undefined) return importOpenLthDir(args.importOpenLth, args.out, args.quiet);
  const { config, issues } = decodeConfig(args.query);
  for (const issue of issues) log(`warning: ${issue.message}`);
  if (args.openLth) {
    printOpenLth(config);
    return 0;
  }
  const say = (text: string) => !args.quiet && console.log(text);
  const pad = Math.max(...Object.values(FIELDS).map((f) => f.key.length));
  say('Config:');
  for (const name of Object.keys(FIELDS) as FieldName[]) {
    const value = config[name];
    say(`  ${FIELDS[name].key.padEnd(pad)}  ${Array.isArray(value) ? value.join(',') || 'none' : value}`);
  }
  say(`  (link: ?${encodeConfig(config)})`);

  const progress = progressPrinter(!args.quiet);
  const emit = (e: EngineEvent) => {
    if (e.type === 'status') progress.line(e.message);
    else if (e.type === 'started') say(`Backend: ${e.document.backend.name} (${e.document.backend.reason})`);
    else if (e.type === 'progress') progress.update(e.progress, e.progress.iteration === e.progress.iters);
    else if (e.type === 'round') progress.line(`round ${e.result.round} done: ticket ${percent(e.result.ticket.testAccuracy, 2)} at ${percent(e.result.remaining)} remaining`);
  };
  // The engine (tfjs) is imported only now, so --help and usage errors answer at once.
  const [tf, { ExperimentRunner }, { nodeFetchBytes }, { nodeWasmPaths }, { useNodeWasmThreads }] = await Promise.all([
    import('@tensorflow/tfjs-core'),
    import('../src/engine/runner'),
    import('../src/node/fetch-bytes'),
    import('../src/node/wasm-paths'),
    import('../src/node/wasm-threads'),
  ]);
  // WASM threads when TICKET_LAB_WASM_THREADS=N (N > 1) asks for them (docs/bench.md: they lose on a busy machine).
  useNodeWasmThreads();
  // Production mode: skips tfjs's debug checks and its "install tfjs-node" banner on stderr.
  tf.enableProdMode();
  const runner = new ExperimentRunner({ fetchBytes: nodeFetchBytes(), wasmPaths: nodeWasmPaths(), emit });

  // A second signal quits at once; one within a second of the first is the same Ctrl-C relayed.
  let stopAsked = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopAsked && Date.now() - stopAsked > 1000) process.exit(130);
    if (stopAsked) return;
    stopAsked = Date.now();
    progress.line(`${signal}: stopping after the current step (again to quit at once)…`);
    runner.stop();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  let doc: ResultsDocument;
  try {
    doc = await runner.run(config);
  } catch (e) {
    // Before the document exists (backend or data failed to start) there is nothing to write.
    progress.done();
    log(`error: ${(e as Error).message ?? e}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
  progress.done();

  const out = resolve(args.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
  if (doc.rounds.length) say('\n' + summary(doc) + '\n');
  if (doc.supermask) {
    const rows = doc.supermask.curve.map((p) => [count(p.iteration), percent(p.testAccuracy), percent(p.density)]);
    say('\nLearned supermask (weights never trained):\n' + table(['iteration', 'test acc', 'kept'], rows) + '\n');
  }
  if (doc.status === 'failed') log(`error: the run failed: ${doc.error}`);
  const what = doc.supermask ? 'a learned supermask' : `${doc.rounds.length} round(s)`;
  say(`Status: ${doc.status}; ${what} written to ${args.out}`);
  return { complete: 0, stopped: 130, failed: 1, running: 1 }[doc.status];
}

// Awaited at the top level so vite-node keeps its module server up until the run is over.
process.exitCode = await main().catch((e) => {
  log(`error: ${(e as Error)?.stack ?? e}`);
  return 1;
});
