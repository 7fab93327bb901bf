// The fallback control for a schema field that has no designed control yet.
import type { FieldName } from '../../config/schema';
import { Field, NumberInput, inputId } from './Field';
import type { FieldProps } from './types';
import { fieldError } from './validate';

/** A plain input for a field this file does not know yet (added to the schema later). */
export function GenericField({ name, config, set, note }: FieldProps & { name: string }) {
  const value = (config as Record<string, unknown>)[name];
  if (typeof value === 'number')
    return (
      <Field name={name} note={note} generic>
        <NumberInput name={name} value={value} validate={(v) => fieldError(name, v, config)} onCommit={(v) => set(name as FieldName, v)} step="any" />
      </Field>
    );
  return (
    <Field name={name} note={note} generic>
      <input
        type="text"
        id={inputId(name)}
        data-field={name}
        defaultValue={Array.isArray(value) ? value.join(',') : String(value)}
        onChange={(e) => {
          const v = Array.isArray(value) ? e.target.value.split(',').filter(Boolean) : e.target.value;
          if (!fieldError(name, v, config)) set(name as FieldName, v);
        }}
      />
    </Field>
  );
}
