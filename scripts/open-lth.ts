// The command line's two ways to open_lth (docs/open-lth.md), called from scripts/experiment.ts:
//   --open-lth             print the open_lth commands for a link and what they cannot express
//   --import-open-lth DIR  read an open_lth lottery experiment folder into a results document
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ExperimentConfig } from '../src/config/schema';
import { summary } from '../src/analysis/summary';
import { openLthCommands } from '../src/openlth/commands';
import { importOpenLth, isOpenLthFile, OPEN_LTH_MAX_FILE_BYTES, OPEN_LTH_MAX_FILES, type OpenLthFile } from '../src/openlth/import';

const log = (line: string) => process.stderr.write(line + '\n');

/** Prints the commands (stdout, one a line) and the notes (stdout, after a blank line, as # comments). */
export function printOpenLth(config: ExperimentConfig): void {
  const { commands, notes } = openLthCommands(config);
  if (commands.length) console.log(commands.join('\n'));
  if (notes.length) console.log(`${commands.length ? '\n' : ''}# What open_lth cannot express or does differently:\n${notes.map((n) => `# - ${n}`).join('\n')}`);
}

/**
 * The files under `root` the importer reads (logger, hparams.log, sparsity_report.json; never the
 * .pth checkpoints), with paths that start at root's own name, as a browser's folder picker gives them.
 */
export function readOpenLthFiles(root: string): OpenLthFile[] {
  const base = dirname(resolve(root));
  const files: OpenLthFile[] = [];
  const walk = (dir: string, depth: number) => {
    // Bounded: open_lth's deepest file is lottery_<hash>/replicate_N/level_N/<experiment>/<file>.
    if (depth > 8 || files.length >= OPEN_LTH_MAX_FILES) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile() && isOpenLthFile(entry.name) && statSync(path).size <= OPEN_LTH_MAX_FILE_BYTES && files.length < OPEN_LTH_MAX_FILES)
        files.push({ path: relative(base, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  walk(resolve(root), 0);
  return files;
}

/** Reads DIR, writes the results document to `out`, prints the summary; the exit status. */
export function importOpenLthDir(dir: string, out: string, quiet: boolean): number {
  let files: OpenLthFile[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    files = readOpenLthFiles(dir);
  } catch (e) {
    log(`error: cannot read the folder ${dir}: ${(e as Error).message}`);
    return 1;
  }
  try {
    const { document, notes } = importOpenLth(files);
    const path = resolve(out);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(document, null, 2) + '\n');
    for (const n of notes) log(`note: ${n}`);
    if (!quiet) {
      console.log(summary(document) + '\n');
      console.log(`Imported ${document.rounds.length} level(s) of ${document.model.name} on ${document.dataset.name} (${document.status}) to ${out}`);
    }
    return 0;
  } catch (e) {
    log(`error: ${(e as Error).message}`);
    return 1;
  }
}
