// Building blocks of the config controls: a labelled wrapper with the implication line, a number
// input validated as you type, and a range input that a browser test can find by data-field.
import { useState, type ReactNode } from 'react';
import { FIELDS } from '../../config/schema';
import { Glossed } from '../Term';
import { fieldLabel } from './labels';

export const inputId = (name: string, part = 'input') => `${part}-${name}`;
export const noteId = (name: string) => `field-${name}-note`;

const doc = (name: string) => (FIELDS as Record<string, { doc?: string }>)[name]?.doc;

/**
 * One field: `data-field` and `id="field-<name>"` (the link's hide=<name> removes it), a label for
 * the main input, the current value in words, the controls, and what the value implies.
 */
export function Field(props: {
  name: string;
  /** Default: the field's label in labels.ts. */
  label?: string;
  /** Current value in words, e.g. "20% per round". */
  value?: ReactNode;
  /** id of the input the label names; default input-<name>. */
  htmlFor?: string;
  /**
   * The field is a group of checkboxes or radios (role="group" aria-labelledby="label-<name>"):
   * its label names the group, not its first box, whose own label names it.
   */
  group?: boolean;
  note: ReactNode;
  disabled?: boolean;
  /** A plain fallback input for a field without a designed control. */
  generic?: boolean;
  children: ReactNode;
}) {
  const { name } = props;
  const label = <Glossed text={props.label ?? fieldLabel(name)} />;
  const labelFor = props.group ? undefined : (props.htmlFor ?? inputId(name));
  return (
    <div className={props.disabled ? 'field disabled' : 'field'} data-field={name} id={`field-${name}`} data-generic={props.generic || undefined}>
      <div className="field-head">
        {props.group ? (
          <span className="field-label" id={`label-${name}`} title={doc(name)}>
            {label}
          </span>
        ) : (
          <label className="field-label" htmlFor={labelFor} id={`label-${name}`} title={doc(name)}>
            {label}
          </label>
        )}
        {props.value !== undefined && (
          <output className="field-value" htmlFor={labelFor} data-value={name}>
            {props.value}
          </output>
        )}
      </div>
      <div className="field-body">{props.children}</div>
      <p className="implication" id={noteId(name)} data-implication={name}>
        {props.note}
      </p>
    </div>
  );
}

/**
 * A number input that keeps what you type: a value the field accepts is applied at once, any
 * other shows why (and the store keeps its value). External changes (presets, sliders) replace
 * the text unless it already reads as the same number.
 */
export function NumberInput(props: {
  name: string;
  value: number;
  onCommit: (value: number) => void;
  /** null when accepted, else the reason. */
  validate: (value: number) => string | null;
  id?: string;
  label?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  disabled?: boolean;
  className?: string;
  /** Shown after the input, e.g. "iterations". */
  unit?: string;
}) {
  const [draft, setDraft] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    if (Number(draft) !== props.value || draft.trim() === '') setDraft(String(props.value));
  }
  const parsed = draft.trim() === '' ? NaN : Number(draft);
  const error = Number.isNaN(parsed) ? 'enter a number' : parsed === props.value ? null : props.validate(parsed);
  const id = props.id ?? inputId(props.name);
  return (
    <span className={`number-input ${props.className ?? ''}`.trim()}>
      <input
        type="number"
        id={id}
        data-field={props.name}
        aria-label={props.label}
        aria-describedby={error ? `${id}-error` : noteId(props.name)}
        aria-invalid={error ? true : undefined}
        inputMode="decimal"
        min={props.min}
        max={props.max}
        step={props.step}
        value={draft}
        disabled={props.disabled}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const n = text.trim() === '' ? NaN : Number(text);
          if (!Number.isNaN(n) && props.validate(n) === null) props.onCommit(n);
        }}
        onBlur={() => {
          if (error) return;
          setDraft(String(props.value));
        }}
      />
      {props.unit && <span className="unit">{props.unit}</span>}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** A slider with data-field on the <input> itself (browser tests drag or fill it). */
export function Range(props: {
  name: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (value: number) => void;
  id?: string;
  label?: string;
  /** Screen-reader text for the value, e.g. "20% per round". */
  valueText?: string;
  disabled?: boolean;
  /** Marks a log-scale slider (its position is not the field's value). */
  scale?: 'log';
}) {
  return (
    <input
      type="range"
      className="range"
      id={props.id ?? inputId(props.name)}
      data-field={props.name}
      data-scale={props.scale}
      aria-label={props.label}
      aria-describedby={noteId(props.name)}
      aria-valuetext={props.valueText}
      min={props.min}
      max={props.max}
      step={props.step}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(Number(e.target.value))}
    />
  );
}
