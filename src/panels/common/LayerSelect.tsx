// The layer picker of the per-layer weight views (histograms, the (w_i, w_f) plane).
import type { LayerSnapshot } from '../../engine/events';

export function LayerSelect({ layers, value, onChange, control }: { layers: readonly LayerSnapshot[] | null; value: string; onChange: (name: string) => void; control: string }) {
  if (!layers || layers.length === 0) return null;
  return (
    <label>
      Layer
      <select value={value} onChange={(e) => onChange(e.target.value)} data-control={control}>
        {layers.map((l) => (
          <option key={l.name} value={l.name}>
            {l.name} [{l.shape.join('×')}]
          </option>
        ))}
      </select>
    </label>
  );
}
