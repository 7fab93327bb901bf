// One line naming the experiment on screen, for a lecture hall that cannot read the sidebar:
// dataset, model, pruning rate, rounds and seed, in the words the settings use.
import { settingsCaption } from '../analysis/settings-caption';
import { useLab } from '../state/store';

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
