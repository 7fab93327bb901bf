// What each engine event hands over rather than copies: snapshots and resume points are fresh
// buffers made for the page (megabytes per round). Its own module so tests can post events the
// way the worker does (tests/transfer-events.test.ts).
import type { EngineEvent } from '../engine/events';
import { resumePointBuffers } from '../engine/resume';

export const transferables = (event: EngineEvent): ArrayBuffer[] => {
  if (event.type === 'snapshot') return event.layers.flatMap((l) => [l.final.buffer, l.mask.buffer, ...(l.nextMask ? [l.nextMask.buffer] : [])]) as ArrayBuffer[];
  if (event.type === 'resume-point') return resumePointBuffers(event.point);
  // θ0 and the rewind values may be one array (k = 0): a buffer is listed once.
  if (event.type === 'start-weights') return [...new Set(event.layers.flatMap((l) => [l.init.buffer, l.rewind.buffer]))] as ArrayBuffer[];
  return [];
};
