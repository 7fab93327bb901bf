// The open_lth controls beside "Copy link", rendered to static markup (react-dom/server, no DOM):
// the commands button and panel, the folder import's input, and which files of a folder are read.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenLthCommandsView, readOpenLthFolder } from '../src/controls/OpenLthCommands';
import { ShareExport } from '../src/controls/ShareExport';
import { DEFAULT_CONFIG, parseConfig } from '../src/config/schema';
import { openLthCommands } from '../src/openlth/commands';
import { OPEN_LTH_MAX_FILE_BYTES } from '../src/openlth/import';
import { useLab } from '../src/state/store';

const initial = useLab.getState();
afterEach(() => useLab.setState(initial, true));

const unescape = (html: string) => html.replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const noop = () => {};

describe('open_lth controls', () => {
  it('sit next to Copy link: a commands button, and a folder import whose input picks a folder', () => {
    const html = renderToStaticMarkup(<ShareExport />);
    const order = [...html.matchAll(/data-action="([a-z-]+)"/g)].map((m) => m[1]);
    expect(order.slice(0, 3)).toEqual(['copy-link', 'copy-slide-link', 'open-lth']);
    expect(html).toMatch(/<button data-action="open-lth" aria-expanded="false"[^>]*>open_lth commands<\/button>/);
    expect(html).toContain('Import open_lth folder');
    const input = html.match(/<input[^>]*data-testid="import-open-lth"[^>]*>/)?.[0] ?? '';
    expect(input).toMatch(/type="file"/);
    expect(input).toMatch(/webkitdirectory=""/);
    expect(input).toMatch(/multiple=""/);
    // The panel opens on demand only.
    expect(html).not.toContain('data-testid="open-lth-panel"');
  });

  it('the panel shows the commands in monospace with a copy button, and the notes', () => {
    const plan = openLthCommands(DEFAULT_CONFIG);
    const html = unescape(renderToStaticMarkup(<OpenLthCommandsView plan={plan} copied={null} onCopy={noop} onClose={noop} />));
    const pre = html.match(/<pre data-testid="open-lth-commands" style="font-family:([^;"]+)[^>]*>([\s\S]*?)<\/pre>/);
    expect(pre?.[1]).toMatch(/monospace/);
    expect(pre?.[2].split('\n')).toEqual(plan.commands);
    const notes = [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(notes).toEqual(plan.notes);
    expect(html).toContain('data-action="copy-open-lth"');
    expect(html).toContain('href="https://github.com/facebookresearch/open_lth"');
    const copied = renderToStaticMarkup(<OpenLthCommandsView plan={plan} copied={false} onCopy={noop} onClose={noop} />);
    expect(copied).toContain('No clipboard here');
  });

  it('an experiment open_lth cannot run has notes and no commands to copy', () => {
    const plan = openLthCommands(parseConfig({ mode: 'supermask' }).config);
    const html = renderToStaticMarkup(<OpenLthCommandsView plan={plan} copied={null} onCopy={noop} onClose={noop} />);
    expect(html).not.toContain('<pre');
    expect(html).not.toContain('copy-open-lth');
    expect(html).toContain('no supermasks');
  });

  it('reads only loggers, hparams.log and sparsity reports of a folder, with their paths, under a size cap', async () => {
    const file = (path: string, text: string, size = text.length) =>
      ({
        name: path.split('/').pop()!,
        size,
        webkitRelativePath: path,
        text: async () => {
          if (path.endsWith('.pth')) throw new Error('a checkpoint was read');
          return text;
        },
      }) as unknown as File;
    const read = await readOpenLthFolder([
      file('lottery_x/replicate_1/level_0/main/logger', 'test_accuracy,0,0.1'),
      file('lottery_x/replicate_1/level_0/main/model_ep0_it0.pth', 'binary'),
      file('lottery_x/replicate_1/level_0/main/hparams.log', 'Dataset Hyperparameters'),
      file('lottery_x/replicate_1/level_0/main/sparsity_report.json', '{}'),
      file('lottery_x/notes.txt', 'mine'),
    ]);
    expect(read.map((f) => f.path)).toEqual(['lottery_x/replicate_1/level_0/main/logger', 'lottery_x/replicate_1/level_0/main/hparams.log', 'lottery_x/replicate_1/level_0/main/sparsity_report.json']);
    expect(read[0].text).toBe('test_accuracy,0,0.1');
    await expect(readOpenLthFolder([file('a/logger', '', OPEN_LTH_MAX_FILE_BYTES + 1)])).rejects.toThrow(/a\/logger is over 4 MB/);
  });
});
