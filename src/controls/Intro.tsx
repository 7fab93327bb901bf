// What a first-time visitor sees before anything has run: the idea in three sentences, what the
// current settings will do, and a way to see a result in seconds.
import { DATASET_INFO, estimateTime, formatDuration, MODEL_NAMES, remainingText, timeText } from '../config/implications';
import { measuredSamplesPerSecond } from './ConfigControls';
import { PRESETS } from '../config/presets';
import { lab } from '../state/actions';
import { useLab } from '../state/store';
import { applyPreset } from './Presets';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const QUICK = PRESETS.find((p) => p.id === 'spiral')!;

export function Intro() {
  const show = useLab((s) => s.status === 'idle' && !s.document);
  const config = useLab((s) => s.config);
  // This machine's measured speed for these settings (the page measures it on load), else a guess.
  const samplesPerSecond = useLab(measuredSamplesPerSecond);
  const hidden = useLab((s) => s.hidden.includes('intro'));
  if (!show || hidden) return null;
  const model = MODEL_NAMES[config.model] ?? config.model;
  return (
    <section className="intro" data-testid="intro">
      <div>
        <h2>Does a big network hide a small one that trains just as well?</h2>
        <p>
          The <b>Lottery Ticket Hypothesis</b> (Frankle &amp; Carbin, 2019) says yes: train a network, remove its
          smallest weights, <b>reset the survivors to their original initial values</b> and train again. Repeat, and
          the sparse &ldquo;winning ticket&rdquo; keeps up with the full network, while the same structure with{' '}
          <b>fresh random weights</b> falls behind. The lab runs that experiment here, in your browser.
        </p>
        <p className="intro-plan">
          Ready to run: <b>{model}</b> on <b>{DATASET_INFO[config.dataset].name}</b>, {remainingText(config)}. {capitalize(timeText(config, samplesPerSecond ?? undefined))}.
        </p>
      </div>
      {/* The quick demo first: a first visit sees a result in seconds, not after the default's minutes. */}
      <div className="intro-actions">
        <button
          className="primary"
          data-action="intro-quick"
          onClick={() => {
            applyPreset(QUICK);
            lab.start();
          }}
        >
          ▶ {QUICK.title}
        </button>
        <button data-action="intro-run" onClick={() => lab.run()}>
          ▶ Run these settings ({formatDuration(estimateTime(config, samplesPerSecond ?? undefined).seconds)})
        </button>
      </div>
    </section>
  );
}
