// Run controls as plain functions: buttons, keyboard shortcuts and tests call the same ones.
import { EngineClient } from '../worker/client';
import { crashFault } from '../engine/faults';
import type { RunSource } from '../config/confirmations';
import { requestReset, requestStart } from './confirm';
import { EMPTY_RUN } from './run-slice';
import { useLab } from './store';

let client: EngineClient | null = null;

function engine(): EngineClient {
  if (!client) {
    client = new EngineClient();
    client.onEvent((e) => useLab.getState().applyEvent(e));
    client.onCrash((message) => {
      // The worker's state is unknown: end it; the next run or resume starts a fresh one.
      client?.terminate();
      client = null;
      const backend = useLab.getState().document?.backend.name ?? '';
      useLab.getState().applyEvent({ type: 'fault', fault: crashFault(message, backend) });
    });
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
  /** Run as the button, Space and a run=1 link do: asks first over finished results or a long estimate. */
  run(source: RunSource = 'button'): void {
    if (isActive()) return;
    requestStart(source, lab.start);
  },
  pause: () => useLab.getState().status === 'running' && engine().pause(),
  resume: () => useLab.getState().status === 'paused' && engine().resume(),
  stop: () => isActive() && engine().stop(),
  /** Runs (or continues) until the current round ends, then pauses. */
  stepRound(): void {
    if (isActive()) return void engine().pauseAfterRound();
    requestStart('button', () => {
      lab.start();
      engine().pauseAfterRound();
    });
  },
  /** Space bar: start, pause or resume. */
  toggle(): void {
    const { status } = useLab.getState();
    if (status === 'running') lab.pause();
    else if (status === 'paused') lab.resume();
    else if (status !== 'starting') lab.run('button');
  },
  /** Forces a fault in the running experiment: the browser tests use it, and anyone can try the recovery (window.ticketLab). */
  forceFault: (kind: 'device-lost' | 'out-of-memory' | 'crash') => isActive() && engine().forceFault(kind),
  /** Reset as the button does: asks first when there are results on screen. */
  askReset: () => requestReset(lab.reset),
  reset(): void {
    if (isActive()) engine().stop();
    useLab.setState({ ...EMPTY_RUN, selectedRound: null });
  },
};
