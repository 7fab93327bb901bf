// Saved runs: every run of this browser, newest first: its name (renamed in place), date, status,
// weights left and ticket accuracy, with open, rename, export and delete, a box to pick it for a
// comparison, and how much of the browser's storage they use.
import { useEffect, useRef, useState } from 'react';
import { formatPercent, percent } from '../analysis/format';
import { downloadBlob } from '../panels/common/export-svg';
import { lab } from '../state/actions';
import { requestDeleteAllRuns, requestDeleteRun } from '../state/confirm';
import { fileStem, resultsJson } from '../state/export';
import { useLab } from '../state/store';
import { loadRunDocument, SAVED_WEIGHT_BUDGET_BYTES, type SavedRunMeta } from '../storage/runs-db';
import { deleteAllSavedRuns, deleteSavedRun, isInterrupted, refreshSavedRuns, renameSavedRun, restoreLastOpenRun, useSavedRuns } from '../storage/saved-runs';
import './saved-runs.css';

/** 12.4 MB, 2.1 GB, 830 KB, 64 MB. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let n = bytes;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

/** complete / stopped / failed / running (this page runs it) / interrupted (the page was closed mid-run). */
export function statusWords(meta: SavedRunMeta, interrupted: boolean): string {
  if (meta.status !== 'running') return meta.status;
  if (!interrupted) return 'running';
  return meta.resumable ? 'interrupted — resumable' : 'interrupted';
}

/** "1.2 MB", and which rounds' trained weights are kept when not all: "3.4 MB, weights of the last 4 rounds". */
export function storedWords(meta: SavedRunMeta): string {
  const size = formatBytes(meta.bytes);
  if (meta.weightRounds >= meta.roundsDone) return size;
  return `${size}, weights of the last ${meta.weightRounds === 1 ? 'round' : `${meta.weightRounds} rounds`}`;
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

async function exportRun(id: string): Promise<void> {
  const doc = await loadRunDocument(id);
  if (doc) downloadBlob(`${fileStem(doc)}.json`, new Blob([resultsJson(doc)], { type: 'application/json' }));
}

function NameCell({ meta, editing, onDone }: { meta: SavedRunMeta; editing: boolean; onDone: () => void }) {
  const [draft, setDraft] = useState(meta.name);
  // Escape cancels: the blur that follows must not save.
  const cancelled = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!editing) return;
    setDraft(meta.name);
    cancelled.current = false;
    // The whole name selected: typing replaces it, arrows keep it.
    input.current?.focus();
    input.current?.select();
  }, [editing, meta.name]);
  if (!editing) return <span className="run-name">{meta.name}</span>;
  const save = () => {
    if (!cancelled.current && draft.trim() && draft.trim() !== meta.name) void renameSavedRun(meta.id, draft);
    onDone();
  };
  return (
    <input
      ref={input}
      className="run-name"
      aria-label={`Name of the saved run ${meta.name}`}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          e.stopPropagation();
          cancelled.current = true;
          e.currentTarget.blur();
        }
      }}
    />
  );
}

function RunRow({ meta, editing, setEditing }: { meta: SavedRunMeta; editing: boolean; setEditing: (id: string | null) => void }) {
  const openId = useLab((s) => s.savedRunId);
  const active = useLab((s) => ['starting', 'running', 'paused'].includes(s.status));
  const picked = useLab((s) => s.pickedRunIds.includes(meta.id));
  const live = active && openId === meta.id;
  const interrupted = isInterrupted(meta);
  const pick = (on: boolean) => {
    const ids = useLab.getState().pickedRunIds;
    useLab.getState().setPickedRunIds(on ? [...ids, meta.id] : ids.filter((i) => i !== meta.id));
  };
  return (
    <tr data-run-id={meta.id} data-open={openId === meta.id} data-status={interrupted ? 'interrupted' : meta.status}>
      <td>
        <input type="checkbox" aria-label={`Compare ${meta.name}`} checked={picked} onChange={(e) => pick(e.target.checked)} data-action="pick-run" />
      </td>
      <td data-testid="run-name">
        <NameCell meta={meta} editing={editing} onDone={() => setEditing(null)} />
      </td>
      <td>
        <time dateTime={meta.createdAt}>{DATE.format(new Date(meta.createdAt))}</time>
      </td>
      <td data-testid="run-status">{statusWords(meta, interrupted)}</td>
      <td className="number">{meta.remaining === null ? '-' : formatPercent(meta.remaining)}</td>
      <td className="number">{percent(meta.ticketAccuracy, 2)}</td>
      <td data-testid="run-stored">{storedWords(meta)}</td>
      <td>
        <div className="run-actions">
          <button data-action="open-run" disabled={active} onClick={() => void lab.openSavedRun(meta.id)} aria-label={`Open ${meta.name}`}>
            Open
          </button>
          <button data-action="rename-run" onClick={() => setEditing(meta.id)} aria-label={`Rename ${meta.name}`}>
            Rename
          </button>
          <button data-action="export-run" onClick={() => void exportRun(meta.id)} aria-label={`JSON of ${meta.name}`} title="Download its results JSON">
            ⬇ JSON
          </button>
          <button data-action="delete-run" disabled={live} onClick={() => requestDeleteRun(meta.name, () => void deleteSavedRun(meta.id))} aria-label={`Delete ${meta.name}`}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

// A reload comes back to the run that was open: once per page.
let restored = false;

export function RunsList() {
  const { runs, usage, available } = useSavedRuns();
  const picked = useLab((s) => s.pickedRunIds);
  const active = useLab((s) => ['starting', 'running', 'paused'].includes(s.status));
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    void refreshSavedRuns().then(() => {
      if (restored) return;
      restored = true;
      return restoreLastOpenRun();
    });
  }, []);
  if (!available) return null;
  const budget = `Every run is saved in this browser as it goes: its results, learning curves, the masks of every round, and the trained weights of the newest rounds, up to ${formatBytes(SAVED_WEIGHT_BUDGET_BYTES)} per run.`;
  return (
    <section className="saved-runs" aria-labelledby="saved-runs-title" data-testid="saved-runs">
      <h2 id="saved-runs-title">Saved runs</h2>
      <p className="saved-runs-note">
        {budget}
        {usage && ' '}
        {usage && <span data-testid="storage-use">{`${formatBytes(usage.used)} of ${formatBytes(usage.quota)} used.`}</span>}
      </p>
      {runs.length === 0 ? (
        <p className="saved-runs-note">No saved runs yet.</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Name</th>
                <th scope="col">Date</th>
                <th scope="col">Status</th>
                <th scope="col">Weights left</th>
                <th scope="col">Ticket accuracy</th>
                <th scope="col">Stored</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((meta) => (
                <RunRow key={meta.id} meta={meta} editing={editing === meta.id} setEditing={setEditing} />
              ))}
            </tbody>
          </table>
          <div className="saved-runs-buttons">
            <button data-action="compare-runs" disabled={picked.length < 2} onClick={() => void lab.compareRuns(picked)} title="Pick two or more runs with their boxes">
              Compare {picked.length > 0 ? `(${picked.length})` : ''}
            </button>
            <button data-action="delete-all-runs" disabled={active} onClick={() => requestDeleteAllRuns(runs.length, () => void deleteAllSavedRuns())}>
              Delete all
            </button>
          </div>
        </>
      )}
    </section>
  );
}
