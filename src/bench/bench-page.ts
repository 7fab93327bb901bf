// bench.html: reads ?backend=&steps=&maxSeconds=&warmup= from the query string, runs bench-core in a
// Web Worker (as the app runs its engine) and publishes the result on window.__bench
// ({ backend, rows, error?, userAgent }). Rows finished so far are on window.__benchRows.
import type { BenchBackend, BenchRow } from './bench-core';
import type { BenchReply, BenchRequest } from './bench-worker';

interface BenchResult {
  backend: string;
  rows: BenchRow[];
  error?: string;
  userAgent: string;
}

declare global {
  interface Window {
    __bench?: BenchResult;
    __benchRows?: BenchRow[];
  }
}

const BACKENDS: BenchBackend[] = ['webgpu', 'webgl', 'wasm', 'wasm-threads', 'cpu'];
const statusEl = document.getElementById('status')!;
const logEl = document.getElementById('log')!;
const table = document.getElementById('rows') as HTMLTableElement;

function say(text: string) {
  statusEl.textContent = text;
}

function log(text: string) {
  logEl.textContent += text + '\n';
  console.log(`[bench] ${text}`); // scripts/bench.ts relays these to its stderr
}

function addRow(r: BenchRow) {
  table.hidden = false;
  const tr = document.createElement('tr');
  for (const v of [r.backend, r.loop, r.samplesPerSecond ?? '—', r.steps, r.evalTestMs ?? '—', r.note ?? '']) {
    const td = document.createElement('td');
    td.textContent = String(v);
    tr.appendChild(td);
  }
  table.tBodies[0].appendChild(tr);
}

function numberParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return v;
}

function finish(result: Omit<BenchResult, 'userAgent'>) {
  if (window.__bench) return; // already finished (e.g. the worker spoke after the start timeout)
  window.__bench = { ...result, userAgent: navigator.userAgent };
  say(result.error ? `Failed: ${result.error}` : `Done: ${result.rows.length} rows.`);
}

function main() {
  const params = new URLSearchParams(location.search);
  const backend = (params.get('backend') ?? 'wasm') as BenchBackend;
  window.__benchRows = [];
  try {
    if (!BACKENDS.includes(backend)) throw new Error(`backend=${backend}: expected one of ${BACKENDS.join(', ')}`);
    const request: BenchRequest = {
      backend,
      baseUrl: new URL('.', document.baseURI).href,
      steps: numberParam(params, 'steps'),
      maxSeconds: numberParam(params, 'maxSeconds'),
      warmup: params.has('warmup') ? Number(params.get('warmup')) : undefined,
    };
    say(`Running ${backend}…`);
    const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
    // A module worker whose script fails to load may not fire 'error': give it a while to speak.
    const silent = setTimeout(() => {
      worker.terminate();
      finish({ backend, rows: window.__benchRows!, error: 'the worker did not start within 30 s' });
    }, 30_000);
    worker.onmessage = (ev: MessageEvent<BenchReply>) => {
      clearTimeout(silent);
      const m = ev.data;
      if (m.type === 'progress') {
        log(m.message);
        say(`Running ${backend}: ${m.message}`);
      } else if (m.type === 'row') {
        window.__benchRows!.push(m.row);
        addRow(m.row);
      } else if (m.type === 'done') {
        worker.terminate();
        finish({ backend, rows: m.rows });
      } else {
        worker.terminate();
        finish({ backend, rows: window.__benchRows!, error: m.message });
      }
    };
    worker.onerror = (ev) => {
      clearTimeout(silent);
      ev.preventDefault();
      worker.terminate();
      finish({ backend, rows: window.__benchRows!, error: `worker error: ${ev.message || 'could not start the worker'}` });
    };
    worker.postMessage(request);
  } catch (e) {
    finish({ backend, rows: [], error: e instanceof Error ? e.message : String(e) });
  }
}

main();
