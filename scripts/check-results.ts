// Checks results files against the schema: `npx vite-node scripts/check-results.ts file.json …`.
// Exit 0 when every file is a valid Ticket Lab results document.
import { readFileSync } from 'node:fs';
import { parseResultsFile } from '../src/state/export';

let failed = 0;
for (const file of process.argv.slice(2).filter((a) => a !== '--')) {
  try {
    const { document, notes } = parseResultsFile(readFileSync(file, 'utf8'));
    const seeds = 1 + document.extraSeeds.length;
    console.log(`${file}: valid (${document.status}, ${document.rounds.length} rounds, ${seeds} seed${seeds > 1 ? 's' : ''})`);
    for (const n of notes) console.log(`  note: ${n}`);
  } catch (e) {
    failed++;
    console.error(`${file}: ${(e as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
