// What the weight and mask views say when the results on screen carry no weights: a results file
// or an open_lth folder holds numbers only (their first round will never "finish" here).
export const noWeightsMessage = (what: string) =>
  `Imported results carry no weights or masks, so ${what} cannot be drawn: they are drawn for runs made in this browser, and for its saved runs.`;
