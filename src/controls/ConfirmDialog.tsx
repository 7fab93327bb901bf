// The question from src/state/confirm.ts, if any, as a Dialog.
import { downloadBlob } from '../panels/common/export-svg';
import { answer, useQuestion, type Question } from '../state/confirm';
import { fileStem, resultsJson } from '../state/export';
import { useLab } from '../state/store';
import type { ResultsDocument } from '../engine/events';
import { Dialog } from './Dialog';

export interface ConfirmViewProps {
  question: Question;
  onAnswer: (go: boolean) => void;
  /** Shown for questions that would replace results: downloads them. */
  onExport?: () => void;
}

/** Presentational: Export JSON (when results would be lost) / go ahead / cancel. */
export function ConfirmView({ question, onAnswer, onExport }: ConfirmViewProps) {
  const cancel = question.kind === 'long' ? 'Not now' : 'Cancel';
  return (
    <Dialog
      title={question.title}
      onCancel={() => onAnswer(false)}
      actions={
        <>
          {onExport && (question.kind === 'replace' || question.kind === 'reset') && (
            <button data-action="confirm-export" onClick={onExport}>
              Export JSON
            </button>
          )}
          <button className="primary" data-action="confirm-yes" onClick={() => onAnswer(true)}>
            {question.confirm}
          </button>
          <button data-action="confirm-no" onClick={() => onAnswer(false)}>
            {cancel}
          </button>
        </>
      }
    >
      <p>{question.text}</p>
    </Dialog>
  );
}

const exportJson = (doc: ResultsDocument) => downloadBlob(`${fileStem(doc)}.json`, new Blob([resultsJson(doc)], { type: 'application/json' }));

export function ConfirmDialog() {
  const question = useQuestion((s) => s.question);
  const doc = useLab((s) => s.document);
  if (!question) return null;
  return <ConfirmView question={question} onAnswer={answer} onExport={doc ? () => exportJson(doc) : undefined} />;
}
