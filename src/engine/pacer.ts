// The rhythm of a training loop: a progress report every PROGRESS_MS with samples/s over training
// time alone (evaluations and pauses do not count), and a checkpoint every YIELD_MS where a pause or
// stop takes effect and the worker gets to answer messages.
import type { RunControl } from './control';

const PROGRESS_MS = 250;
const YIELD_MS = 50;

export class Pacer {
  private lastYield = performance.now();
  private lastProgress = this.lastYield;
  private samples = 0;

  constructor(
    private readonly control: RunControl,
    private readonly onProgress: (iteration: number, samplesPerSecond: number) => void,
  ) {}

  /** Counts training examples toward the next report. */
  trained(samples: number): void {
    this.samples += samples;
  }

  /** Runs `f` (an evaluation) off the training clock. */
  async offClock<T>(f: () => Promise<T>): Promise<T> {
    const before = performance.now();
    try {
      return await f();
    } finally {
      this.lastProgress += performance.now() - before;
    }
  }

  /** After each step: reports when due (always after the last) and yields when due. */
  async tick(iteration: number, last: boolean): Promise<void> {
    const now = performance.now();
    if (now - this.lastProgress >= PROGRESS_MS || last) {
      this.onProgress(iteration, (this.samples * 1000) / Math.max(1, now - this.lastProgress));
      this.lastProgress = now;
      this.samples = 0;
    }
    if (now - this.lastYield >= YIELD_MS) {
      await this.control.checkpoint();
      this.lastYield = performance.now();
      this.lastProgress += this.lastYield - now; // time spent paused does not count against samples/s
    }
  }
}
