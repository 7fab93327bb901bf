// The lab as open_lth's front end and viewer (docs/open-lth.md): the open_lth commands for the
// experiment in the settings, with what they cannot express, and reading an open_lth folder.
import { useState } from 'react';
import { openLthCommands, type OpenLthPlan } from '../openlth/commands';
import { isOpenLthFile, OPEN_LTH_MAX_FILE_BYTES, OPEN_LTH_MAX_FILES, type OpenLthFile } from '../openlth/import';
import { useLab } from '../state/store';

/** The disclosure's contents: the commands (monospace, one a line) and the notes. */
export function OpenLthCommandsView({ plan, onCopy, copied, onClose }: { plan: OpenLthPlan; onCopy: () => void; copied: boolean | null; onClose: () => void }) {
  return (
    <div className="lecture-menu" role="dialog" aria-label="open_lth commands" data-testid="open-lth-panel" style={{ width: 'min(52rem, 94vw)', left: 0, right: 'auto' }}>
      <p>
        Run this experiment at scale with{' '}
        <a href="https://github.com/facebookresearch/open_lth" target="_blank" rel="noreferrer">
          facebookresearch/open_lth
        </a>{' '}
        (PyTorch), from its folder; import the results with “Import open_lth folder”.
      </p>
      {plan.commands.length > 0 && (
        <pre data-testid="open-lth-commands" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.8em', whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: '16rem', overflow: 'auto', background: '#f6f7f9', padding: '0.5rem', borderRadius: 6, margin: '0 0 0.5rem' }}>
          {plan.commands.join('\n')}
        </pre>
      )}
      {plan.notes.length > 0 && (
        <>
          <p style={{ margin: '0.3rem 0' }}>What open_lth cannot express, or does differently:</p>
          <ul data-testid="open-lth-notes" style={{ margin: '0 0 0.6rem', paddingLeft: '1.2rem', maxHeight: '14rem', overflow: 'auto' }}>
            {plan.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
      <div style={{ display: 'flex', gap: '0.4rem', alignItems: 'center' }}>
        {plan.commands.length > 0 && (
          <button data-action="copy-open-lth" onClick={onCopy}>
            Copy commands
          </button>
        )}
        <button data-action="close-open-lth" onClick={onClose}>
          Close
        </button>
        {copied !== null && <span role="status">{copied ? 'Copied.' : 'No clipboard here: select the text above.'}</span>}
      </div>
    </div>
  );
}

/** The "open_lth commands" button and its panel, for the config in the settings; onOpen clears what would cover it. */
export function OpenLthCommands({ copy, onOpen }: { copy: (text: string) => Promise<boolean>; onOpen?: () => void }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<boolean | null>(null);
  const config = useLab((s) => s.config);
  const plan = open ? openLthCommands(config) : null;
  return (
    <>
      <button data-action="open-lth" aria-expanded={open} onClick={() => (setOpen(!open), setCopied(null), !open && onOpen?.())} title="The same experiment as facebookresearch/open_lth commands">
        open_lth commands
      </button>
      {plan && <OpenLthCommandsView plan={plan} copied={copied} onClose={() => setOpen(false)} onCopy={async () => setCopied(await copy(plan.commands.join('\n')))} />}
    </>
  );
}

/**
 * The files of a chosen folder the importer reads (logger, hparams.log, sparsity_report.json; never
 * the .pth checkpoints), as text, with their paths inside the folder. Throws an Error saying why not.
 */
export async function readOpenLthFolder(files: ArrayLike<File>): Promise<OpenLthFile[]> {
  const wanted = Array.from(files).filter((f) => isOpenLthFile(f.name));
  if (wanted.length > OPEN_LTH_MAX_FILES) throw new Error(`This folder has more than ${OPEN_LTH_MAX_FILES.toLocaleString('en-US')} open_lth files: choose one lottery_<hash> folder.`);
  const big = wanted.find((f) => f.size > OPEN_LTH_MAX_FILE_BYTES);
  if (big) throw new Error(`${big.webkitRelativePath || big.name} is over ${OPEN_LTH_MAX_FILE_BYTES / 1024 / 1024} MB: too large for an open_lth logger or report.`);
  return Promise.all(wanted.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })));
}
