import { useLab } from '../state/store';

/** Names every link parameter that was ignored, and says the defaults are used instead. */
export function IssuesBanner() {
  const issues = useLab((s) => s.configIssues);
  const dismiss = useLab((s) => s.dismissIssues);
  if (!issues.length) return null;
  return (
    <div className="banner" role="alert" data-testid="config-banner">
      <div>
        <b>Some settings in this link were not valid and were replaced by defaults:</b>
        <ul>
          {issues.map((i, k) => (
            <li key={k}>{i.message}</li>
          ))}
        </ul>
      </div>
      <button onClick={dismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
