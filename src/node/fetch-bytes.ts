// Node's FetchBytes: reads public/<path> from disk, for tests and the command-line runner.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FetchBytes } from '../engine/data';

/** The repository's public/ folder, found relative to this file (src/node/ -> ../../public). */
export function defaultPublicDir(): string {
  try {
    const url = new URL('../../public/', import.meta.url);
    if (url.protocol === 'file:') return fileURLToPath(url);
  } catch {
    // fall through to the working directory
  }
  return resolve(process.cwd(), 'public');
}

/** Returns a FetchBytes that reads `<rootDir>/<path>` (default: the repository's public/). */
export function nodeFetchBytes(rootDir?: string): FetchBytes {
  const root = rootDir ? resolve(rootDir) : defaultPublicDir();
  return async (path, onProgress) => {
    const rel = path.replace(/^\.?\/+/, '');
    if (isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new Error(`refusing to read ${path} outside ${root}`);
    const file = join(root, rel);
    let size = 0;
    try {
      size = (await stat(file)).size;
    } catch {
      throw new Error(`${file} not found`);
    }
    onProgress?.(0, size);
    const buf = await readFile(file);
    onProgress?.(buf.length, size);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  };
}
