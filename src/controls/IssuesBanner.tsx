import type { ConfigIssue } from '../config/schema';
import { useLab } from '../state/store';

/**
 * Names every link parameter that was ignored, and says the defaults are used instead; notes from
 * an import (a results file or an open_lth folder) get a title of their own.
 */
export function IssuesBannerView({ issues, onDismiss }: { issues: readonly ConfigIssue[]; onDismiss: () => void }) {
  if (!issues.length) return null;
  return (
    <div className="banner" role="alert" data-testid="config-banner">
      <div>
        <b>
          {issues.every((i) => i.field === 'import')
            ? 'Notes on the imported results:'
            : 'Some settings in this link were not valid and were replaced by defaults:'}
        </b>
        <ul>
          {issues.map((i, k) => (
            <li key={k}>{i.message}</li>
          ))}
        </ul>
      </div>
      <button onClick={onDismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

export function IssuesBanner() {
  const issues = useLab((s) => s.configIssues);
  const dismiss = useLab((s) => s.dismissIssues);
  return <IssuesBannerView issues={issues} onDismiss={dismiss} />;
}
