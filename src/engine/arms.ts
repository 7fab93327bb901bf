// A round's arms as plain data: which network (its role and seed), what it starts from and which
// weights it may train. lottery.ts builds them from the last round's results; batched.ts trains
// them together. New experiments add roles and rules here, not new training loops.
import type { Arm } from './events';
import type { Masks } from './masks';

/** A network's starting values: what the weights are reset to before a training run. */
export interface Checkpoint {
  weights: Float32Array[];
  biases: Float32Array[];
}

export interface ArmPlan {
  role: Arm;
  /** Which of config.seeds this arm belongs to (0 = config.seed). */
  seedIndex: number;
  /** Starting values with the mask applied (pruned weights already 0). */
  start: Checkpoint;
  /** 1 = trainable, 0 = pruned (held at its start value, 0). */
  masks: Masks;
  /** Trains and is evaluated on the transfer target's data (transfer=…), not the source's. */
  onTarget?: boolean;
  /** stability=…: this arm is the second copy of arm `copyOf` (same start, another data order). */
  copyOf?: number;
}
