// Chooses and starts a tfjs backend explicitly (tf.ready() alone would pick WebGPU even when its
// adapter is a slow software one) and says which one runs and why.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; the union package would, but pulls in layers.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice } from '../config/schema';
import type { BackendInfo } from './events';
import { label } from './backend-label';

export type ConcreteBackend = Exclude<BackendChoice, 'auto'>;

/** Where the host serves the WASM binaries: a URL/path prefix, or a file name -> URL map (Vite). */
export type WasmPaths = string | Record<string, string>;

// Fastest first on real hardware. A software GPU (SwiftShader) is skipped in auto mode: measured
// here, WASM trains LeNet-300-100 ~8x faster than WebGPU on SwiftShader.
const AUTO_ORDER: ConcreteBackend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

const SOFTWARE_GPU = /swiftshader|llvmpipe|software|basic render/i;

let wasmConfigured = false;

function configureWasm(paths?: WasmPaths) {
  if (wasmConfigured) return;
  // Threaded WASM hangs in a production build without COOP/COEP; the SIMD build is used instead.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (paths) setWasmPaths(paths as never);
  wasmConfigured = true;
}

/** Describes the WebGPU adapter, or says why there is none. Null when the adapter is fine. */
async function webgpuProblem(): Promise<string | null> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return 'WebGPU: not available here';
  const adapter = (await gpu.requestAdapter().catch(() => null)) as {
    info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
    isFallbackAdapter?: boolean;
  } | null;
  if (!adapter) return 'WebGPU: no adapter';
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  // Chromium 156 under SwiftShader: {vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true}.
  if (info.isFallbackAdapter || adapter.isFallbackAdapter || SOFTWARE_GPU.test(text))
    return `WebGPU: software adapter (${text || 'fallback'})`;
  return null;
}

/** The WebGL renderer string, read from the started backend. */
function webglRenderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return '';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

async function tryStart(name: ConcreteBackend, wasmPaths?: WasmPaths): Promise<string | null> {
  try {
    if (name === 'wasm') configureWasm(wasmPaths);
    const ok = await tf.setBackend(name);
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


/**
 * Starts the requested backend, or in 'auto' the fastest usable one, and reports the choice.
 * An explicit choice that fails falls back through the auto order, and the reason says so.
 */
export async function selectBackend(choice: BackendChoice, wasmPaths?: WasmPaths): Promise<BackendInfo> {
  const tried: string[] = [];
  const order = choice === 'auto' ? AUTO_ORDER : [choice, ...AUTO_ORDER.filter((b) => b !== choice)];
  for (const name of order) {
    if (name === 'webgl' && typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') {
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
    const reason =
      name === choice
        ? `${label(name)}: chosen in the config`
        : choice === 'auto'
          ? `${label(name)}: fastest usable backend${tried.length ? ` (${tried.join('; ')})` : ''}`
          : `${label(name)}: ${label(choice)} did not start (${tried.join('; ')})`;
    return { name, reason, tried };
  }
  throw new Error(`No tfjs backend started: ${tried.join('; ')}`);
}
