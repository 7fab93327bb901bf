// One colour per compared run, from Okabe & Ito's palette (distinct under the common colour-vision
// deficiencies), in an order that puts the most different hues first; its yellow, too pale on
// white, is replaced by a dark gold. Eight colours: a comparison holds at most eight runs.
export const RUN_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C6D00'] as const;

/** The colour of the i-th compared run (wraps round past the palette). */
export const runColor = (i: number): string => RUN_COLORS[((i % RUN_COLORS.length) + RUN_COLORS.length) % RUN_COLORS.length];
