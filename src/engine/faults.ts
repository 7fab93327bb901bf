// The faults a run can meet that are not its own fault: the GPU device lost (a driver reset, the
// tab in the background too long, another page taking the GPU), memory running out, the engine's
// worker dying. Each stops the run cleanly with a sentence a student can act on; the finished
// rounds are kept and the run can go on from the last one (resume.ts), on another backend.
// Pure (no tfjs: the page imports it); device-faults.ts watches for them and forces them.

export type FaultKind = 'device-lost' | 'out-of-memory' | 'crash' | 'error';

export interface Fault {
  kind: FaultKind;
  /** The backend the run was on (tf.getBackend() names). */
  backend: string;
  /** What happened, in plain words. */
  message: string;
  /** The error as the browser or tfjs gave it. */
  detail: string;
  /** Where it was thrown, for a bug report. */
  stack?: string;
}

export class DeviceLostError extends Error {
  constructor(reason: string) {
    super(`WebGPU device lost: ${reason}`);
    this.name = 'DeviceLostError';
  }
}

// What browsers and tfjs say when an allocation fails (V8 typed arrays, WASM memory growth,
// WebGL/WebGPU buffers).
const OUT_OF_MEMORY = /out of memory|\bOOM\b|allocation failed|invalid typed array length|array buffer allocation|memory size exceeded|maximum memory|could not allocate|failed to allocate|exceeds the max/i;
const DEVICE_LOST = /device (was |is )?lost|context lost|CONTEXT_LOST/i;

const BACKEND_WORDS: Record<string, string> = { webgpu: 'the GPU (WebGPU)', webgl: 'the GPU (WebGL)', wasm: 'WebAssembly', cpu: 'plain JavaScript' };
export const backendWords = (backend: string) => BACKEND_WORDS[backend] ?? backend;

/** What kind of fault an error is, and the sentence to show for it. */
export function classifyFault(error: unknown, backend: string): Fault {
  const detail = error instanceof Error ? error.message || error.name : String(error);
  const stack = error instanceof Error && error.stack ? { stack: error.stack } : {};
  const on = backendWords(backend);
  if (error instanceof DeviceLostError || DEVICE_LOST.test(detail))
    return { kind: 'device-lost', backend, detail, ...stack, message: `The connection to ${on} was lost (the browser or the driver reset it).` };
  if (error instanceof RangeError || OUT_OF_MEMORY.test(detail))
    return { kind: 'out-of-memory', backend, detail, ...stack, message: `${on[0].toUpperCase()}${on.slice(1)} ran out of memory. A smaller model, batch or evaluation set needs less.` };
  return { kind: 'error', backend, detail, ...stack, message: `The run failed on ${on}: ${detail}` };
}

/** A fault of the worker itself (no error object reaches the page, only its message). */
export function crashFault(detail: string, backend: string): Fault {
  return { kind: 'crash', backend, detail, message: 'The engine stopped unexpectedly (its worker crashed or ran out of memory).' };
}

/**
 * Where to go on after a fault, best first: a lost GPU is not retried; after memory ran out or the
 * worker crashed, the same backend started afresh comes first. WebGL is left out: it has no way
 * back from a lost context and is never faster than WASM for these models here.
 */
export type RecoveryBackend = 'wasm' | 'webgpu' | 'cpu';
const RECOVERY: readonly RecoveryBackend[] = ['wasm', 'webgpu', 'cpu'];
export function recoveryBackends(fault: Pick<Fault, 'kind' | 'backend'>): RecoveryBackend[] {
  const same = RECOVERY.find((b) => b === fault.backend);
  const order = [...(same && fault.kind !== 'device-lost' ? [same] : []), ...RECOVERY];
  return [...new Set(order)].filter((b) => !(fault.kind === 'device-lost' && b === fault.backend));
}
