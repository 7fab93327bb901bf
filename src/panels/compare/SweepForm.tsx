// A sweep from the page: one setting and its values (as a link writes them), checked as they are
// typed by the same reader as a sweep= link, with the runs' total estimate; Run sweep asks first.
import { useId, useMemo, useState } from 'react';
import { formatDuration } from '../../config/implications';
import type { ExperimentConfig, FieldName } from '../../config/schema';
import { linkValueOf, parseSweep, SWEEP_SETTINGS, totalEstimateSeconds } from '../../config/sweep';
import { fieldLabel } from '../../controls/fields/labels';

export interface SweepFormProps {
  /** The settings every run of the sweep shares (the config on screen). */
  config: ExperimentConfig;
  /** A run is under way: a sweep cannot start now. */
  busy: boolean;
  onSweep: (configs: ExperimentConfig[]) => void;
  /** The setting first offered (default: the pruning rate). */
  initialField?: FieldName;
  initialValues?: string;
}

export function SweepForm({ config, busy, onSweep, initialField = 'rate', initialValues }: SweepFormProps) {
  const id = useId();
  const [field, setField] = useState<FieldName>(initialField);
  const [values, setValues] = useState(initialValues ?? linkValueOf(config, initialField));
  const key = SWEEP_SETTINGS.find((s) => s.field === field)?.key ?? field;
  const parsed = useMemo(() => parseSweep(`${key}:${values}`, config), [key, values, config]);
  const plan = parsed.plan;
  const estimate = plan ? formatDuration(totalEstimateSeconds(plan.configs)) : null;
  return (
    <form
      className="sweep-form"
      data-testid="sweep-form"
      aria-label="Sweep one setting"
      onSubmit={(e) => {
        e.preventDefault();
        if (plan && !busy) onSweep(plan.configs);
      }}
    >
      <label htmlFor={`${id}-field`}>Sweep</label>
      <select id={`${id}-field`} value={field} data-sweep="field" onChange={(e) => setField(e.target.value as FieldName)}>
        {SWEEP_SETTINGS.map((s) => (
          <option key={s.field} value={s.field}>
            {fieldLabel(s.field).endsWith(`(${s.key})`) ? fieldLabel(s.field) : `${fieldLabel(s.field)} (${s.key})`}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-values`}>over the values</label>
      <input id={`${id}-values`} data-sweep="values" value={values} onChange={(e) => setValues(e.target.value)} placeholder="0.2,0.5,0.8" aria-describedby={`${id}-note`} spellCheck={false} />
      <button type="submit" data-action="run-sweep" disabled={!plan || busy}>
        Run sweep
      </button>
      <p id={`${id}-note`} className="sweep-note" data-sweep="note" aria-live="polite">
        {plan ? `${plan.configs.length} runs, one after another: about ${estimate} in all.` : null}
        {parsed.issues.map((issue, i) => (
          <span key={i} className="sweep-issue">
            {' '}
            {issue.message}.
          </span>
        ))}
      </p>
    </form>
  );
}
