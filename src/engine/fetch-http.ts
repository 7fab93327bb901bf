// The Web Worker's FetchBytes: fetch() with a streamed body, reporting download progress.
// Uses only fetch / Response / ReadableStream, which exist in windows, workers and Node.
import type { FetchBytes } from './data';

/**
 * Returns a FetchBytes that fetches `baseUrl + path`. Give an absolute base URL (e.g. the page's
 * `new URL(import.meta.env.BASE_URL, document.baseURI).href`, passed to the worker): a relative one
 * would resolve against the worker script's own URL. total is 0 when Content-Length is unknown.
 */
export function httpFetchBytes(baseUrl: string): FetchBytes {
  const base = baseUrl === '' || baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  return async (path, onProgress) => {
    const url = base + path.replace(/^\.?\/+/, '');
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${res.statusText}`.trim());
    const header = Number(res.headers.get('Content-Length'));
    // A transparently decompressed response reports the compressed length: then the total is unknown.
    const encoded = (res.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
    let total = Number.isFinite(header) && header > 0 && !encoded ? header : 0;
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      onProgress?.(bytes.length, total || bytes.length);
      return bytes;
    }
    const reader = res.body.getReader();
    let out = new Uint8Array(total || 1 << 20);
    let loaded = 0;
    onProgress?.(0, total);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (loaded + value.length > out.length) {
        const grown = new Uint8Array(Math.max(out.length * 2, loaded + value.length));
        grown.set(out.subarray(0, loaded));
        out = grown;
        if (total) total = 0; // the server's length was wrong: stop promising one
      }
      out.set(value, loaded);
      loaded += value.length;
      onProgress?.(loaded, total);
    }
    return loaded === out.length ? out : out.slice(0, loaded);
  };
}
