// Colours and type sizes shared by every chart. Chosen to stay distinct on a projector and for
// the common colour-vision deficiencies (blue / orange / grey never rely on red-green).
import type { Arm } from '../engine/events';

export const ARM_COLOR: Record<Arm, string> = {
  ticket: '#1d4ed8',
  reinit: '#ea580c',
  randomMask: '#6b7280',
};

export const ARM_LABEL: Record<Arm, string> = {
  ticket: 'Winning ticket (rewound)',
  reinit: 'Random re-init (same mask)',
  randomMask: 'Random mask (same sparsity)',
};

export const DENSE_COLOR = '#111827';
export const CHANCE_COLOR = '#9ca3af';
export const KEPT_COLOR = '#1d4ed8';
export const PRUNED_COLOR = '#dc2626';
export const INIT_COLOR = '#9333ea';

/** Base font size in px for chart text; the lecture mode scales it with a CSS variable. */
export const CHART_FONT = 'var(--chart-font, 13px)';
