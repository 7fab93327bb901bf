// Display names of the backends; free of tfjs so the page can import it without the engine.
export function label(name: string): string {
  return ({ webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU', auto: 'Auto' } as Record<string, string>)[name] ?? name;
}
