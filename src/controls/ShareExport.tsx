// Copy link, export results (JSON, CSV), import a results file; the open_lth commands and an
// open_lth folder's import (OpenLthCommands.tsx, docs/open-lth.md).
import { useCallback, useEffect, useRef, useState } from 'react';
import { importOpenLth } from '../openlth/import';
import { downloadBlob } from '../panels/common/export-svg';
import { fileStem, parseResultsFile, resultsFileSizeError, resultsJson, roundsCsv } from '../state/export';
import { useLab } from '../state/store';
import { urlFor } from '../state/url-sync';
import type { ResultsDocument } from '../engine/events';
import { OpenLthCommands, readOpenLthFolder } from './OpenLthCommands';

// React passes these through to the DOM; the input then picks a folder (every file under it).
const FOLDER_PICKER = { webkitdirectory: '', directory: '' } as Record<string, string>;

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard permission (e.g. plain http): the link is shown instead
  }
}

/** What the share note says: a message that goes by itself, or a link the browser would not copy. */
type Note = { text: string; error?: boolean } | { failedLink: string } | null;

/** How long a message stays (a failed copy stays until it is closed: the user still has to copy the link). */
const NOTE_MS = 6000;

function ShareNote({ note, onClose }: { note: Exclude<Note, null>; onClose: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const failed = 'failedLink' in note;
  useEffect(() => {
    if (failed) field.current?.select();
    else if (!note.error) {
      const t = setTimeout(onClose, NOTE_MS);
      return () => clearTimeout(t);
    }
  }, [note, failed, onClose]);
  return (
    <div className={failed || note.error ? 'share-note problem' : 'share-note'} role={failed || note.error ? 'alert' : 'status'} data-testid="share-note">
      {failed ? (
        <div>
          <b>Copy failed:</b> the browser did not let the page use the clipboard. Select the link and copy it (Ctrl+C or ⌘C):
          <input ref={field} readOnly value={note.failedLink} aria-label="The link to copy" onFocus={(e) => e.target.select()} />
        </div>
      ) : (
        <span>{note.text}</span>
      )}
      <button className="share-note-close" onClick={onClose} aria-label="Close this message">
        ✕
      </button>
    </div>
  );
}

export function ShareExport() {
  const doc = useLab((s) => s.document);
  const running = useLab((s) => s.status === 'running' || s.status === 'starting' || s.status === 'paused');
  const [note, setNoteState] = useState<Note>(null);
  const setNote = (text: string | null, error = false) => setNoteState(text === null ? null : { text, error });
  const closeNote = useCallback(() => setNoteState(null), []);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const load = (document: ResultsDocument, notes: string[]) => {
    useLab.getState().loadDocument(document);
    useLab.getState().setConfig(document.config, notes.map((message) => ({ field: 'import', value: null, message })));
  };

  const share = async (autorun: boolean) => {
    const link = new URL(urlFor(useLab.getState(), autorun ? '&run=1' : ''), location.href).href;
    if (await copy(link)) setNote(autorun ? 'Slide link copied: it starts the run on open.' : 'Link copied.');
    else setNoteState({ failedLink: link });
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      // A file too large is refused by its size, before its text is read into memory.
      const tooLarge = resultsFileSizeError(file.size);
      if (tooLarge) throw new Error(tooLarge);
      const { document, notes } = parseResultsFile(await file.text());
      load(document, notes);
      setNote(`Imported ${file.name}: ${document.rounds.length} rounds, ${document.status}.`);
    } catch (e) {
      setNote((e as Error).message, true);
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const onImportOpenLth = async (files: FileList | null) => {
    if (!files?.length) return;
    try {
      const { document, notes } = importOpenLth(await readOpenLthFolder(files));
      load(document, notes);
      const replicates = 1 + document.extraSeeds.length;
      setNote(`Imported open_lth ${document.model.name} on ${document.dataset.name}: ${document.rounds.length} levels${replicates > 1 ? `, ${replicates} replicates` : ''}, ${document.status}.`);
    } catch (e) {
      setNote((e as Error).message, true);
    }
    if (folderInput.current) folderInput.current.value = '';
  };

  return (
    <div className="share" role="group" aria-label="Share and export">
      <button data-action="copy-link" onClick={() => share(false)} title="The link holds every setting">
        Copy link
      </button>
      <button data-action="copy-slide-link" onClick={() => share(true)} title="Adds run=1: the experiment starts when the link opens">
        Slide link (autorun)
      </button>
      <OpenLthCommands copy={copy} onOpen={() => setNote(null)} />
      <button data-action="export-json" disabled={!doc} onClick={() => doc && downloadBlob(`${fileStem(doc)}.json`, new Blob([resultsJson(doc)], { type: 'application/json' }))}>
        ⬇ Results JSON
      </button>
      <button data-action="export-csv" disabled={!doc} onClick={() => doc && downloadBlob(`${fileStem(doc)}.csv`, new Blob([roundsCsv(doc)], { type: 'text/csv' }))}>
        ⬇ CSV
      </button>
      <button data-action="import" disabled={running} onClick={() => fileInput.current?.click()} title="Look at a saved run without running it again">
        ⬆ Import
      </button>
      <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="import-file" onChange={(e) => onImport(e.target.files?.[0])} />
      <button data-action="import-open-lth" disabled={running} onClick={() => folderInput.current?.click()} title="An open_lth lottery_<hash> folder: its loggers and sparsity reports">
        ⬆ Import open_lth folder
      </button>
      <input ref={folderInput} type="file" {...FOLDER_PICKER} multiple hidden data-testid="import-open-lth" onChange={(e) => onImportOpenLth(e.target.files)} />
      {note && <ShareNote note={note} onClose={closeNote} />}
    </div>
  );
}
