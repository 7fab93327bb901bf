// Run controls as plain functions: buttons, keyboard shortcuts and tests call the same ones.
import { EngineClient } from '../worker/client';
import { crashFault } from '../engine/faults';
import { speedKey } from '../config/speed-key';
import type { RunSource } from '../config/confirmations';
import { closeComparison, compareRuns } from './comparison';
import { requestReset, requestStart } from './confirm';
import { EMPTY_RUN } from './run-slice';
import { useLab } from './store';
import { forgetOpenRun, installSavedRuns, openSavedRun, prepareResume, recordEvent, startFreshRun } from '../storage/saved-runs';

let client: EngineClient | null = null;

function retireEngine(): void {
  client?.terminate();
  client = null;
}

function engine(): EngineClient {
  if (!client) {
    client = new EngineClient();
    client.onEvent((e) => {
      useLab.getState().applyEvent(e);
      recordEvent(e); // saved as it goes (src/storage/): returns at once, writes later
      // After a lost device or exhausted memory the worker's backends are suspect: the next run gets a fresh worker.
      const fault = useLab.getState().fault;
      if (e.type === 'done' && fault && fault.kind !== 'error') retireEngine();
    });
    client.onCrash((message) => {
      // The worker's state is unknown: end it; the next run or resume starts a fresh one.
      retireEngine();
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
    startFreshRun();
    engine().start(useLab.getState().config);
  },
  /** Saved runs (by id) drawn side by side (src/panels/compare/); false when fewer than two could be read. */
  compareRuns: (ids: string[]): Promise<boolean> => compareRuns(ids),
  closeComparison: (): void => closeComparison(),
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
  /**
   * Measures this machine's training speed for the settings on screen (in the engine's worker,
   * a second or so; the first time also the backend choice), so time estimates are measured ones.
   */
  measureSpeed(): void {
    if (isActive()) return;
    const config = useLab.getState().config;
    if (useLab.getState().measuredSpeed?.key === speedKey(config)) return;
    engine().measure(config);
  },
  /** Forces a fault in the running experiment: the browser tests use it, and anyone can try the recovery (window.ticketLab). */
  forceFault: (kind: 'device-lost' | 'out-of-memory' | 'crash') => isActive() && engine().forceFault(kind),
  /** Draws a saved run (Runs list, a reload): its results, curves, weights and masks. */
  openSavedRun: async (id: string): Promise<boolean> => !isActive() && (await openSavedRun(id)) !== null,
  /**
   * Goes on with a saved run from its last finished round, saving into the same saved run;
   * `backend` replaces its own (e.g. WASM after a GPU fault).
   */
  async resumeSavedRun(id: string, backend?: string): Promise<boolean> {
    if (isActive()) return false;
    const prepared = await prepareResume(id, backend);
    if (!prepared || isActive()) return false;
    useLab.setState({ status: 'starting', message: 'Resuming…', selectedRound: null });
    engine().start(prepared.config, prepared.progress);
    return true;
  },
  /** Reset as the button does: asks first when there are results on screen. */
  askReset: () => requestReset(lab.reset),
  reset(): void {
    if (isActive()) engine().stop();
    useLab.setState({ ...EMPTY_RUN, selectedRound: null });
    forgetOpenRun(); // a reload then starts empty too
  },
};

installSavedRuns();
