// Controls of the "Data & model" group: the dataset, and the model with its custom MLP widths.
import { useState } from 'react';
import { DATASET_INFO, MODEL_NAMES } from '../../config/implications';
import { DATASETS, IMAGE_DATASETS, type ExperimentConfig } from '../../config/schema';
import { Field, inputId } from './Field';
import type { FieldProps } from './types';
import { fieldError } from './validate';

const DATASET_GROUPS: { label: string; names: readonly string[] }[] = [
  { label: 'Images (28×28, 10 classes)', names: IMAGE_DATASETS },
  { label: '2-D points (2 classes)', names: DATASETS.filter((d) => !IMAGE_DATASETS.includes(d)) },
];

export function DatasetField({ config, set, note }: FieldProps) {
  return (
    <Field name="dataset" note={note}>
      <select id={inputId('dataset')} data-field="dataset" value={config.dataset} onChange={(e) => set('dataset', e.target.value)}>
        {DATASET_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.names.map((d) => (
              <option key={d} value={d}>
                {DATASET_INFO[d as keyof typeof DATASET_INFO].name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

/** Why custom widths like "300-100" are refused, in the text box's own terms; null if accepted. */
export function widthsError(text: string, config: ExperimentConfig): string | null {
  const widths = text.trim();
  if (!/^\d{1,4}(-\d{1,4}){0,5}$/.test(widths)) return '1 to 6 hidden widths joined by "-", e.g. 300-100 or 64-64-64';
  return fieldError('model', `mlp-${widths}`, config);
}

const widthsOf = (model: string) => (model.startsWith('mlp-') ? model.slice(4) : '300-100');

export function ModelField({ config, set, note }: FieldProps) {
  const custom = config.model.startsWith('mlp');
  const images = IMAGE_DATASETS.includes(config.dataset);
  const [draft, setDraft] = useState(widthsOf(config.model));
  const [shown, setShown] = useState(config.model);
  if (shown !== config.model) {
    setShown(config.model);
    if (config.model.startsWith('mlp')) setDraft(widthsOf(config.model));
  }
  const error = custom && `mlp-${draft.trim()}` !== config.model ? widthsError(draft, config) : null;
  return (
    <Field name="model" note={note}>
      <select
        id={inputId('model')}
        data-field="model"
        value={custom ? 'custom' : config.model}
        onChange={(e) => set('model', e.target.value === 'custom' ? `mlp-${widthsError(draft, config) ? '300-100' : draft.trim()}` : e.target.value)}
      >
        <option value="lenet300">LeNet-300-100 (Frankle & Carbin)</option>
        {(['conv2', 'conv4', 'conv6'] as const).map((m) => (
          <option key={m} value={m} disabled={!images} title={images ? undefined : 'needs 28×28 images'}>
            {MODEL_NAMES[m]}
            {images ? '' : ' (images only)'}
          </option>
        ))}
        <option value="custom">Custom MLP…</option>
      </select>
      {custom && (
        <span className="custom-widths">
          <label htmlFor="input-model-widths">Hidden widths</label>
          <input
            type="text"
            id="input-model-widths"
            data-field="model-widths"
            className="widths"
            spellCheck={false}
            placeholder="300-100"
            value={draft}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'model-widths-error' : undefined}
            onChange={(e) => {
              const text = e.target.value;
              setDraft(text);
              if (!widthsError(text, config)) set('model', `mlp-${text.trim()}`);
            }}
          />
          {error && (
            <span className="field-error" id="model-widths-error" role="alert">
              {error}
            </span>
          )}
        </span>
      )}
    </Field>
  );
}
