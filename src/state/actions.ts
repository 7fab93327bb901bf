// Run controls as plain functions: buttons, keyboard shortcuts and tests call the same ones.
import { EngineClient } from '../worker/client';
import { EMPTY_RUN } from './run-slice';
import { useLab } from './store';

let client: EngineClient | null = null;

function engine(): EngineClient {
  if (!client) {
    client = new EngineClient();
    client.onEvent((e) => useLab.getState().applyEvent(e));
  }
  return client;
}

const isActive = () => ['starting', 'running', 'paused'].includes(useLab.getState().status);

export const lab = {
  start(): void {
    if (isActive()) return;
    useLab.setState({ ...EMPTY_RUN, status: 'starting', message: 'Starting…', selectedRound: null });
    engine().start(useLab.getState().config);
  },
  pause: () => useLab.getState().status === 'running' && engine().pause(),
  resume: () => useLab.getState().status === 'paused' && engine().resume(),
  stop: () => isActive() && engine().stop(),
  /** Runs (or continues) until the current round ends, then pauses. */
  stepRound(): void {
    if (!isActive()) lab.start();
    engine().pauseAfterRound();
  },
  /** Space bar: start, pause or resume. */
  toggle(): void {
    const { status } = useLab.getState();
    if (status === 'running') lab.pause();
    else if (status === 'paused') lab.resume();
    else if (status !== 'starting') lab.start();
  },
  reset(): void {
    if (isActive()) engine().stop();
    useLab.setState({ ...EMPTY_RUN, selectedRound: null });
  },
};
