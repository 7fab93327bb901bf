// Where Node finds the tfjs WASM binaries: the installed package's dist/ folder.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function nodeWasmPaths(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}
