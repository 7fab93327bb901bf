// Display names of the backends; free of tfjs so the page can import it without the engine.
const LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU', auto: 'Auto' };
// Own keys only: a name like "__proto__" or "constructor" from an imported file is shown as it is.
export function label(name: string): string {
  return Object.hasOwn(LABELS, name) ? LABELS[name] : name;
}

/** "WebGPU: software adapter (google swiftshader)" -> "WebGPU (software adapter)": details stay in the tooltip. */
export const shortReason = (tried: string) => tried.replace(/\s*\(.*\)\s*$/, '').replace(/^([^:]+): (.*)$/, '$1 ($2)');

/**
 * The page's backend line from the engine's BackendInfo: `how` it runs ("WASM (threads ×2)",
 * "WASM (single-threaded, not cross-origin isolated)"), then the measured figures of the automatic
 * choice, or what was passed over, or why it was chosen.
 */
export function backendSummary(info: { name: string; reason: string; tried: string[] }): { how: string; detail: string } {
  const colon = info.reason.indexOf(': ');
  const head = colon > 0 ? info.reason.slice(0, colon) : '';
  const rest = colon > 0 ? info.reason.slice(colon + 2) : info.reason;
  const how = head.startsWith(label(info.name)) ? head : label(info.name);
  if (/samples\/s/.test(rest) || info.tried.length === 0) return { how, detail: rest };
  return { how, detail: `passed over: ${info.tried.map(shortReason).join('; ')}` };
}

/**
 * Why this backend, in words for an audience: "the fastest of those measured on this machine", "as
 * the link asks". The figures and what was passed over stay in the line's tooltip.
 */
export function backendReasonPlain(info: { name: string; reason: string; tried: string[] }): string {
  const why = /chosen in the config/.test(info.reason) ? 'as the link asks' : /measured/.test(info.reason) ? 'the fastest of those measured on this machine' : 'the fastest that starts here';
  const emulated = info.name !== 'webgpu' && [info.reason, ...info.tried].some((t) => /software adapter/i.test(t));
  return emulated ? `${why}; this machine's GPU is emulated in software, slower than WASM` : why;
}
