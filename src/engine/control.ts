// Pause, resume and stop for a long async loop. The loop calls checkpoint() every few tens of
// milliseconds; that also yields to the event loop so a worker can receive its messages.

export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

export class RunControl {
  private pausedFlag = false;
  private stoppedFlag = false;
  private wake: (() => void) | null = null;
  private fault: unknown = null;

  get paused(): boolean {
    return this.pausedFlag;
  }

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.wake?.();
  }

  stop(): void {
    this.stoppedFlag = true;
    this.wake?.();
  }

  /** Ends the run with `error` at its next checkpoint (a fault seen outside the loop: a lost GPU). */
  fail(error: unknown): void {
    this.fault ??= error;
    this.stop();
  }

  /** Yields a macrotask; waits while paused; throws StoppedError once stop() was called (or the fault given to fail()). */
  async checkpoint(): Promise<void> {
    await new Promise((r) => setTimeout(r, 0));
    while (this.pausedFlag && !this.stoppedFlag) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
    if (this.fault) throw this.fault;
    if (this.stoppedFlag) throw new StoppedError();
  }
}
