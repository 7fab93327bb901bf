// Runs the engine in-process, as the command-line runner does, and records its events.
import * as tf from '@tensorflow/tfjs-core';
import { ExperimentRunner } from '../src/engine/runner';
import type { EngineEvent } from '../src/engine/events';
import type { ExperimentConfig } from '../src/config/schema';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { nodeWasmPaths } from '../src/node/wasm-paths';


export function makeRunner(onEvent?: (e: EngineEvent) => void) {
  const events: EngineEvent[] = [];
  const runner = new ExperimentRunner({
    fetchBytes: nodeFetchBytes(),
    wasmPaths: nodeWasmPaths(),
    emit: (e) => {
      events.push(e);
      onEvent?.(e);
    },
  });
  return { runner, events };
}

export async function runExperiment(config: Partial<ExperimentConfig>, onEvent?: (e: EngineEvent) => void) {
  const { runner, events } = makeRunner(onEvent);
  const doc = await runner.run(config);
  return { doc, events, runner };
}

/** Round results without wall-clock fields, for bit-exact comparisons. */
export function withoutTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'seconds' ? undefined : v)));
}

export const numTensors = () => tf.memory().numTensors;
