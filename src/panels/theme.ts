// Colours and type sizes shared by every chart. Chosen to stay distinct on a projector and for
// the common colour-vision deficiencies (blue / orange / grey never rely on red-green).
import { CRITERIA, criterionLabel } from '../engine/criteria';
import { criterionOf, rewindOf, type Arm } from '../engine/events';

const BASE_COLOR = {
  ticket: '#1d4ed8',
  reinit: '#c2410c', // orange-700: 4.9:1 on the table's header grey, also as text (orange-600 was 3.4:1)
  randomMask: '#6b7280',
  transfer: '#0d9488',
  transferRandomMask: '#a8a29e',
  targetTicket: '#7c3aed',
};

const BASE_LABEL = {
  ticket: 'Winning ticket (rewound)',
  reinit: 'Random re-init (same mask)',
  randomMask: 'Random mask (same sparsity)',
  transfer: 'Ticket transferred to the target',
  transferRandomMask: 'Random mask on the target',
  targetTicket: 'Target’s own ticket',
};

// Compared criteria: one colour each, away from the ticket's blue and the controls' orange and grey.
const CRITERION_COLORS = ['#059669', '#9333ea', '#db2777', '#0891b2', '#ca8a04', '#65a30d', '#7c2d12', '#4f46e5', '#be123c', '#0f766e', '#a16207', '#6d28d9'];

// Swept rewind iterations: shades from light (early k) to dark (late k), apart from the ticket's blue.
const REWIND_COLORS = ['#f59e0b', '#d97706', '#b45309', '#92400e', '#78350f', '#451a03'];
const REWIND_STEPS = [0, 1, 50, 100, 250, 1000];
const rewindIndex = (k: number) => REWIND_STEPS.filter((s) => k >= s).length - 1;

export function armColor(arm: Arm): string {
  const k = rewindOf(arm);
  if (k !== null) return REWIND_COLORS[rewindIndex(k)];
  const c = criterionOf(arm);
  return c ? CRITERION_COLORS[CRITERIA.indexOf(c) % CRITERION_COLORS.length] : BASE_COLOR[arm as keyof typeof BASE_COLOR];
}

export function armLabel(arm: Arm): string {
  const k = rewindOf(arm);
  if (k !== null) return k === 0 ? 'Ticket rewound to θ0' : `Ticket rewound to iteration ${k}`;
  const c = criterionOf(arm);
  return c ? `Ticket by ${criterionLabel(c)}` : BASE_LABEL[arm as keyof typeof BASE_LABEL];
}

export const DENSE_COLOR = '#111827';
export const CHANCE_COLOR = '#9ca3af';
export const KEPT_COLOR = '#1d4ed8';
export const PRUNED_COLOR = '#dc2626';
export const INIT_COLOR = '#9333ea';

/** Base font size in px for chart text; the lecture mode scales it with a CSS variable. */
export const CHART_FONT = 'var(--chart-font, 13px)';
