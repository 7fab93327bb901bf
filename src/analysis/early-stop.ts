// The lab's one definition of an arm's summary from its learning curve (the engine's runs and
// imported open_lth runs alike): early stopping at the best validation accuracy after training
// began, the earliest on ties. Pure: no tfjs.
import type { ArmResult, CurvePoint } from '../engine/events';

export function summarizeCurve(curve: CurvePoint[], seconds: number): Omit<ArmResult, 'layers'> {
  const last = curve[curve.length - 1];
  let best = curve.length > 1 ? curve[1] : curve[0];
  for (const p of curve.slice(1)) if (p.valAccuracy > best.valAccuracy) best = p;
  return {
    curve,
    untrainedAccuracy: curve[0].testAccuracy,
    testAccuracy: last.testAccuracy,
    testLoss: last.testLoss,
    bestValAccuracy: best.valAccuracy,
    earlyStopIteration: best.iteration,
    testAccuracyAtEarlyStop: best.testAccuracy,
    seconds,
  };
}
