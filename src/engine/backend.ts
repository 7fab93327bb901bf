// Chooses and starts a tfjs backend explicitly (tf.ready() alone would pick WebGPU even when its
// adapter is a slow software one) and says which one runs, how, and why.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; the union package would, but pulls in layers.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice } from '../config/schema';
import type { BackendInfo } from './events';
import { label } from './backend-label';
import { defaultProbeCache, formatFigure, formatFigures, NotMeasured, probeBackends, PROBE_BUDGET_MS, type ProbeCache } from './backend-probe';

export type ConcreteBackend = Exclude<BackendChoice, 'auto'>;

/** Where the host serves the WASM binaries: a URL/path prefix, or a file name -> URL map (Vite). */
export type WasmPaths = string | Record<string, string>;

// The fixed order, used where nothing is measured (Node, or when the probe finds nothing):
// fastest first on real hardware. A software GPU (SwiftShader) is skipped here: measured, WASM
// trains LeNet-300-100 ~8x faster than WebGPU on SwiftShader.
const AUTO_ORDER: ConcreteBackend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
// What the measured choice compares. CPU (plain JavaScript) is never faster than WASM: it is only
// the fallback when nothing here starts.
const PROBE_ORDER: ConcreteBackend[] = ['wasm', 'webgl', 'webgpu'];

const SOFTWARE_GPU = /swiftshader|llvmpipe|software|basic render/i;
/** tfjs-backend-wasm pre-creates 8 pthread workers and never uses more threads than that. */
const MAX_WASM_THREADS = 8;

/**
 * A host that can start tfjs's pthread workers outside a browser (Node: src/node/wasm-threads.ts)
 * registers how: the engine imports nothing of Node. `start` runs tf.setBackend('wasm') with the
 * host's workarounds in place; `cores` is what the pool may use.
 */
export interface WasmThreadHost {
  cores: number;
  start<T>(setBackend: () => Promise<T>): Promise<T>;
}
let threadHost: WasmThreadHost | null = null;
export function useWasmThreadHost(host: WasmThreadHost | null): void {
  threadHost = host;
}

const isolated = () => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true || threadHost !== null;
const isNode = () => typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

let wasmConfigured = false;
let wasmThreadsAllowed = true;
let wasmStarted = false;
/** pthreads the WASM thread pools have taken from tfjs-backend-wasm's 8 pre-created workers. */
let wasmPthreadsSpent = 0;

/** Keeps WASM on one thread in this worker even where threads could run (the benchmark's single-threaded row). Call before WASM starts. */
export function allowWasmThreads(allowed: boolean): void {
  wasmThreadsAllowed = allowed;
}

/** Whether WASM can run threads here: a cross-origin isolated page (SharedArrayBuffer). */
const wasmThreadsPossible = () => isolated() && wasmThreadsAllowed;

function configureWasm(paths?: WasmPaths) {
  if (wasmConfigured) return;
  // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page (COOP + COEP headers).
  // Without it tfjs would detect no thread support anyway; saying so keeps every host the same.
  if (!wasmThreadsPossible()) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (paths) setWasmPaths(paths as never);
  wasmConfigured = true;
}

/** Every logical core, up to the 8 pthread workers tfjs-backend-wasm creates. */
function wantedThreads(): number {
  const cores = threadHost?.cores ?? (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

interface WasmThreadsApi {
  initWithThreadsCount(threads: number): void;
  getThreadsCount(): number;
}

/** The started WASM backend's thread-pool calls (BackendWasm.wasm.tfjs); null before it started. */
function wasmApi(): WasmThreadsApi | null {
  // tf.findBackend would start a backend that is not started yet: only ask once it is.
  if (!wasmStarted) return null;
  return (tf.findBackend('wasm') as unknown as { wasm?: { tfjs?: WasmThreadsApi } } | null)?.wasm?.tfjs ?? null;
}

/** Threads in the WASM pool now (the calling thread included); 1 when single-threaded. */
function wasmThreads(): number {
  const n = wasmApi()?.getThreadsCount() ?? getThreadsCount();
  return n > 0 ? n : 1;
}

/**
 * Sets the WASM thread count: before WASM starts, the pool it starts with; after, a new pool
 * (tfjs-backend-wasm's init_with_threads_count; kernels use the current pool). A pool of n threads
 * takes n-1 of the 8 pthread workers tfjs-backend-wasm pre-creates, and a pool it replaces keeps
 * its own (parked): one that would need more than the 8 is not made, since a pthread without a
 * ready worker needs a new Worker, which cannot start while the engine's thread waits for it in
 * pthreadpool_create (a hang). A pool of 1 takes none. Returns the threads in use.
 */
function setWasmThreads(threads: number): number {
  if (!wasmThreadsPossible()) return 1;
  const api = wasmApi();
  if (!api) {
    setThreadsCount(threads);
    return threads;
  }
  const current = wasmThreads();
  if (threads === current || (threads > 1 && wasmPthreadsSpent + threads - 1 > MAX_WASM_THREADS)) return current;
  api.initWithThreadsCount(threads);
  const now = wasmThreads();
  wasmPthreadsSpent += now - 1;
  return now;
}

/**
 * Starts tfjs-backend-wasm. Its C++ side caps the thread pool at hardwareConcurrency / 2 ("many
 * x86-64 processors have 2 threads per core"), read once while the module starts: on a 2-core
 * machine that is 1 thread whatever setThreadsCount asked. So while the module starts (only then)
 * the worker's navigator reports twice its cores, and a pool may have one thread per core.
 */
async function startWasm(): Promise<boolean> {
  if (wasmStarted) return tf.setBackend('wasm');
  const nav = globalThis.navigator as { hardwareConcurrency?: number } | undefined;
  let ok: boolean;
  if (threadHost && wasmThreadsPossible()) ok = await threadHost.start(() => tf.setBackend('wasm'));
  else if (!wasmThreadsPossible() || !nav || typeof nav.hardwareConcurrency !== 'number') ok = await tf.setBackend('wasm');
  else {
    const cores = nav.hardwareConcurrency;
    Object.defineProperty(nav, 'hardwareConcurrency', { value: cores * 2, configurable: true });
    try {
      ok = await tf.setBackend('wasm');
    } finally {
      delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; // back to the prototype's getter
    }
  }
  if (ok) {
    wasmStarted = true;
    wasmPthreadsSpent = wasmThreads() - 1;
  }
  return ok;
}

/** "WASM (threads ×2)", "WASM (1 thread)", or why it runs single-threaded. Call once WASM has started. */
function wasmLabel(): string {
  if (tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')) {
    const threads = wasmThreads();
    return threads > 1 ? `WASM (threads ×${threads})` : 'WASM (1 thread)';
  }
  if (isNode() || isolated()) return 'WASM (single-threaded)';
  return 'WASM (single-threaded, not cross-origin isolated)';
}

/** The WebGPU adapter's description, whether it is a software one, or why there is none. */
async function webgpuAdapter(): Promise<{ text: string; software: boolean } | { problem: string }> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return { problem: 'WebGPU: not available here' };
  const adapter = (await gpu.requestAdapter().catch(() => null)) as {
    info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
    isFallbackAdapter?: boolean;
  } | null;
  if (!adapter) return { problem: 'WebGPU: no adapter' };
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  // Chromium 156 under SwiftShader: {vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true}.
  return { text: text || 'fallback', software: Boolean(info.isFallbackAdapter || adapter.isFallbackAdapter || SOFTWARE_GPU.test(text)) };
}

/** Describes the WebGPU adapter, or says why there is none. Null when the adapter is fine. */
async function webgpuProblem(): Promise<string | null> {
  const a = await webgpuAdapter();
  if ('problem' in a) return a.problem;
  return a.software ? `WebGPU: software adapter (${a.text})` : null;
}

/** The WebGL renderer string, read from the started backend. */
function webglRenderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return '';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

/** How the active backend runs: "WASM (threads ×2)", "WebGL (software renderer)", "CPU". */
function describeActive(name: ConcreteBackend, webgpuSoftware = false): string {
  if (name === 'wasm') return wasmLabel();
  if (name === 'webgl') return SOFTWARE_GPU.test(webglRenderer()) ? 'WebGL (software renderer)' : 'WebGL';
  if (name === 'webgpu') return webgpuSoftware ? 'WebGPU (software adapter)' : 'WebGPU';
  return label(name);
}

const noCanvas = () => typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined';

/** Starts (or switches to) a backend; WASM with `threads` threads (default: one per core). */
async function tryStart(name: ConcreteBackend, wasmPaths?: WasmPaths, threads = wantedThreads()): Promise<string | null> {
  try {
    if (name === 'wasm') {
      configureWasm(wasmPaths);
      setWasmThreads(threads);
    }
    const ok = name === 'wasm' ? await startWasm() : await tf.setBackend(name);
    if (!ok) return `${label(name)}: failed to start`;
    await tf.ready();
    // A backend is only usable if it computes: catches half-working GPU contexts.
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.tensor1d([1, 2, 3]), 2)));
    const value = (await probe.data())[0];
    probe.dispose();
    if (value !== 12) return `${label(name)}: wrong result from a test sum`;
    return null;
  } catch (e) {
    return `${label(name)}: ${(e as Error).message ?? e}`;
  }
}

/** The measured automatic choice (see selectBackend). */
export interface AutoProbe {
  /**
   * Trains a few steps of the configured model on the backend that is active now, for about
   * `sliceMs`, and returns samples per second (src/engine/backend-probe.ts timeSteps).
   */
  measure: (backend: ConcreteBackend, sliceMs: number) => Promise<number>;
  /** What is measured (model, input shape, batch…); the browser, cores and adapter are added here. */
  key: string;
  /** The whole probe, backend start-up included (default 2.5 s). */
  budgetMs?: number;
  /** Default: IndexedDB in a browser, memory elsewhere. */
  cache?: ProbeCache;
  /** Told when the measurement starts (it takes up to budgetMs). */
  onStatus?: (message: string) => void;
}

/**
 * Starts the requested backend, or in 'auto' the fastest usable one, and reports the choice.
 * With `probe`, 'auto' measures training speed on each usable backend (cached per browser and
 * model); without it, 'auto' walks the fixed order. An explicit choice that fails falls back
 * through the fixed order, and the reason says so.
 */
export async function selectBackend(choice: BackendChoice, wasmPaths?: WasmPaths, probe?: AutoProbe): Promise<BackendInfo> {
  if (choice === 'auto' && probe) {
    const measured = await measuredChoice(probe, wasmPaths);
    if (measured) return measured;
  }
  const tried: string[] = [];
  const order = choice === 'auto' ? AUTO_ORDER : [choice, ...AUTO_ORDER.filter((b) => b !== choice)];
  for (const name of order) {
    if (name === 'webgl' && noCanvas()) {
      tried.push('WebGL: not available here (no canvas)');
      continue;
    }
    if (choice === 'auto' && name === 'webgpu') {
      const problem = await webgpuProblem();
      if (problem) {
        tried.push(problem);
        continue;
      }
    }
    const failure = await tryStart(name, wasmPaths);
    if (failure) {
      tried.push(failure);
      continue;
    }
    if (choice === 'auto' && name === 'webgl') {
      const renderer = webglRenderer();
      if (SOFTWARE_GPU.test(renderer)) {
        tried.push(`WebGL: software renderer (${renderer})`);
        continue;
      }
    }
    const how = describeActive(name, name === 'webgpu' && /software adapter/.test((await webgpuProblem()) ?? ''));
    const reason =
      name === choice
        ? `${how}: chosen in the config`
        : choice === 'auto'
          ? `${how}: fastest usable backend${tried.length ? ` (${tried.join('; ')})` : ''}`
          : `${how}: ${label(choice)} did not start (${tried.join('; ')})`;
    return { name, reason, tried };
  }
  throw new Error(`No tfjs backend started: ${tried.join('; ')}`);
}

/**
 * 'auto' by measurement: WASM and each hardware GPU backend train for a share of the budget and the
 * fastest wins, so a GPU that trains slower than WASM loses. Where WASM can run threads it is
 * measured twice, on one thread ('wasm-1') and on every core ('wasm'): a small model (or a busy
 * machine) trains faster on one. Software GPUs (SwiftShader, llvmpipe) run on the same CPU as
 * WASM, several times slower, and compiling their shaders alone would spend seconds: they are
 * listed, not measured. Null when nothing could be measured (the caller then walks the fixed order).
 */
async function measuredChoice(probe: AutoProbe, wasmPaths?: WasmPaths): Promise<BackendInfo | null> {
  const adapter = await webgpuAdapter();
  const webgpuSoftware = !('problem' in adapter) && adapter.software;
  const nav = globalThis.navigator as { userAgent?: string; hardwareConcurrency?: number } | undefined;
  const key = [
    probe.key,
    nav?.userAgent ?? 'no user agent',
    `${nav?.hardwareConcurrency ?? '?'} cores`,
    isolated() ? 'isolated' : 'not isolated',
    'problem' in adapter ? 'no WebGPU' : `WebGPU ${adapter.text}`,
  ].join(' | ');
  const budgetMs = probe.budgetMs ?? PROBE_BUDGET_MS;
  // Probe candidates: a tfjs backend, and for WASM how many threads ('wasm-1': one). The pool the
  // backend has now is measured first, so a probe makes at most one new pool of every core
  // (setWasmThreads: they come out of 8 workers; a pool of 1 is free).
  const threadVariants = wasmThreadsPossible() && wantedThreads() > 1;
  const poolNow = wasmStarted ? wasmThreads() : 1;
  const candidates = !threadVariants ? PROBE_ORDER : poolNow > 1 ? ['wasm', 'wasm-1', 'webgl', 'webgpu'] : ['wasm-1', 'wasm', 'webgl', 'webgpu'];
  const backendOf = (c: string) => (c === 'wasm-1' ? 'wasm' : c) as ConcreteBackend;
  const threadsOf = (c: string) => (c === 'wasm-1' ? 1 : wantedThreads());
  const preLabel = (c: string) =>
    c === 'wasm-1' ? 'WASM (1 thread)' : c === 'wasm' && threadVariants ? `WASM (threads ×${wantedThreads()})` : c === 'webgpu' && webgpuSoftware ? 'WebGPU (software adapter)' : label(c);

  let announced = false;
  const start = async (candidate: string): Promise<string> => {
    if (!announced) probe.onStatus?.(`Measuring the backends (up to ${(budgetMs / 1000).toFixed(1)} s)…`);
    announced = true;
    const name = backendOf(candidate);
    if (name === 'webgl' && noCanvas()) throw new Error('not available here (no canvas)');
    if (name === 'webgpu' && 'problem' in adapter) throw new Error(adapter.problem.replace(/^WebGPU: /, ''));
    // Software GPUs run on the CPU, slower than WASM: not worth their shader compilation.
    if (name === 'webgpu' && webgpuSoftware) throw new NotMeasured('not measured', 'WebGPU (software adapter)');
    // WASM keeps the pool it has, or starts with the one measured first.
    const failure = await tryStart(name, wasmPaths, threadVariants ? threadsOf(candidates[0]) : undefined);
    if (failure) throw new Error(failure.replace(/^[^:]+: /, ''));
    if (name === 'webgl' && SOFTWARE_GPU.test(webglRenderer())) throw new NotMeasured('not measured', 'WebGL (software renderer)');
    return name === 'wasm' ? preLabel(candidate) : describeActive(name, webgpuSoftware);
  };
  const measure = async (candidate: string, sliceMs: number) => {
    const name = backendOf(candidate);
    // Started above: switching back to it is immediate.
    if (!(await tf.setBackend(name))) throw new Error('failed to switch to it');
    if (name === 'wasm') setWasmThreads(threadsOf(candidate));
    const how = describeActive(name, webgpuSoftware);
    return { samplesPerSecond: await probe.measure(name, sliceMs), label: how };
  };
  const run = (refresh: boolean) =>
    probeBackends(candidates, measure, {
      budgetMs,
      cache: probe.cache ?? defaultProbeCache(),
      key,
      refresh,
      label: preLabel,
      start,
      // WASM is steady after a step; a GPU's first steps compile its shaders.
      weight: (c) => (backendOf(c) === 'wasm' ? 1 : 2),
    });

  let result;
  try {
    result = await run(false);
  } catch {
    return null;
  }
  let winner = backendOf(result.winner);
  let failure = await tryStart(winner, wasmPaths, threadsOf(result.winner));
  if (failure && result.fromCache) {
    // The cached winner no longer starts: measure again.
    try {
      result = await run(true);
    } catch {
      return null;
    }
    winner = backendOf(result.winner);
    failure = await tryStart(winner, wasmPaths, threadsOf(result.winner));
  }
  if (failure) return null;
  const how = describeActive(winner, webgpuSoftware);
  const when = result.fromCache
    ? `measured ${new Date(result.measuredAt).toISOString().slice(0, 10)}, cached`
    : `measured in ${(result.ms / 1000).toFixed(1)} s`;
  const reason = `${how}: fastest in training (${when}): ${formatFigures(result.figures)}`;
  const tried = result.figures.filter((f) => f.backend !== result.winner).map(formatFigure);
  return { name: winner, reason, tried };
}
