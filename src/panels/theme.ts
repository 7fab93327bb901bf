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

/**
 * Projector mode (projector=1) draws the charts on a dark card: every colour above, and the few
 * greys and inks the panels draw with, mapped to a lighter one of the same hue so each stays
 * apart from the others and at least 4.5:1 on the dark card (#0f172a). Applied as CSS over the
 * SVG attributes (projectorPaletteCss), so the panels keep one set of colours.
 */
export const PROJECTOR_PALETTE: Readonly<Record<string, string>> = {
  // the ticket, its controls and the transfer arms
  '#1d4ed8': '#60a5fa',
  '#c2410c': '#fb923c',
  '#6b7280': '#cbd5e1',
  '#0d9488': '#2dd4bf',
  '#a8a29e': '#e7e5e4',
  '#7c3aed': '#c4b5fd',
  // compared criteria
  '#059669': '#34d399',
  '#9333ea': '#d8b4fe',
  '#db2777': '#f472b6',
  '#0891b2': '#22d3ee',
  '#ca8a04': '#facc15',
  '#65a30d': '#a3e635',
  '#7c2d12': '#fdba74',
  '#4f46e5': '#a5b4fc',
  '#be123c': '#fb7185',
  '#0f766e': '#5eead4',
  '#a16207': '#fde047',
  '#6d28d9': '#ddd6fe',
  // rewind iterations: still light (early k) to dark (late k), all readable on dark
  '#f59e0b': '#fef3c7',
  '#d97706': '#fde68a',
  '#b45309': '#fcd34d',
  '#92400e': '#fbbf24',
  '#78350f': '#f59e0b',
  '#451a03': '#d97706',
  // references, weights, inks and greys
  '#111827': '#f8fafc',
  '#9ca3af': '#cbd5e1',
  '#dc2626': '#f87171',
  '#64748b': '#94a3b8',
  '#e5e7eb': '#334155',
  '#4b5563': '#cbd5e1',
  '#ea580c': '#fb923c',
  '#fff': '#0f172a',
  '#ffffff': '#0f172a',
  // runs compared (Okabe-Ito): the blue and vermillion lightened, black turned white
  '#0072b2': '#56b4e9',
  '#d55e00': '#f08a4b',
  '#009e73': '#2fd4a0',
  '#000000': '#f8fafc',
  '#8c6d00': '#e0c04a',
  // already light enough on dark: kept
  '#cc79a7': '#cc79a7',
  '#e69f00': '#e69f00',
  '#56b4e9': '#56b4e9',
};

/** CSS that repaints the SVG marks and swatches of .app.projector with PROJECTOR_PALETTE. */
export function projectorPaletteCss(): string {
  return Object.entries(PROJECTOR_PALETTE)
    .flatMap(([light, dark]) => [
      `.app.projector svg [stroke="${light}" i] { stroke: ${dark}; }`,
      `.app.projector svg [fill="${light}" i] { fill: ${dark}; }`,
    ])
    .join('\n');
}
