// One line naming an experiment in the settings' own words: the projector's caption and every
// exported chart's caption share it.
import type { ExperimentConfig } from '../config/schema';
import { architectureOf, DATASET_INFO, rateText } from '../config/implications';

/** "MNIST digits · MLP 784-32-16-10 · pruning 20% per round · 2 pruning rounds · seed 3". */
export function settingsCaption(config: ExperimentConfig): string {
  const rounds = `${config.rounds} pruning round${config.rounds === 1 ? '' : 's'}`;
  return [DATASET_INFO[config.dataset].name, architectureOf(config).name, `pruning ${rateText(config.rate)}`, rounds, `seed ${config.seed}`].join(' · ');
}
