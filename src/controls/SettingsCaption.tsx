// One line naming the experiment on screen, for a lecture hall that cannot read the sidebar:
// dataset, model, pruning rate, rounds and seed, in the words the settings use.
import type { ExperimentConfig } from '../config/schema';
import { architectureOf, DATASET_INFO, rateText } from '../config/implications';
import { useLab } from '../state/store';

/** "MNIST digits · MLP 784-32-16-10 · pruning 20% per round · 2 rounds · seed 3". */
export function settingsCaption(config: ExperimentConfig): string {
  const rounds = `${config.rounds} pruning round${config.rounds === 1 ? '' : 's'}`;
  return [DATASET_INFO[config.dataset].name, architectureOf(config).name, `pruning ${rateText(config.rate)}`, rounds, `seed ${config.seed}`].join(' · ');
}

/** The run on screen, or before any run the config about to run. */
export function SettingsCaption() {
  const config = useLab((s) => s.document?.config ?? s.config);
  const caption = settingsCaption(config);
  return (
    <p className="settings-caption" data-testid="settings-caption" title={caption}>
      {caption}
    </p>
  );
}
