// Architectures as plain descriptions: layer shapes, fan-in/out, multiply-adds. No tfjs here,
// so the page can size a model (parameters, FLOPs, weights left after n rounds) without the engine.
import type { ModelSummary } from './events';

export interface LayerDef {
  name: string;
  kind: 'dense' | 'conv';
  /** dense: [in, out]; conv: [kh, kw, inChannels, outChannels] */
  shape: number[];
  fanIn: number;
  fanOut: number;
  isOutput: boolean;
  /** conv only: a 2x2 max-pool follows this layer. */
  poolAfter?: boolean;
  /** Multiply-adds per example (the FLOPs column counts 2 per multiply-add). */
  macs: number;
}

export interface Architecture {
  name: string;
  inputShape: number[];
  numClasses: number;
  layers: LayerDef[];
}

function dense(name: string, nIn: number, nOut: number, isOutput = false): LayerDef {
  return { name, kind: 'dense', shape: [nIn, nOut], fanIn: nIn, fanOut: nOut, isOutput, macs: nIn * nOut };
}

function mlp(name: string, inputShape: number[], hidden: number[], numClasses: number): Architecture {
  const sizes = [inputShape.reduce((a, b) => a * b, 1), ...hidden, numClasses];
  const layers = sizes.slice(1).map((out, i) => dense(`fc${i + 1}`, sizes[i], out, i === sizes.length - 2));
  return { name, inputShape, numClasses, layers };
}

// Frankle & Carbin's Conv-2/4/6: 3x3 'same' convolutions, a 2x2 max-pool after each pair, then
// fully-connected 256-256-10.
function convNet(name: string, inputShape: number[], channels: number[], numClasses: number): Architecture {
  let [h, w, c] = inputShape;
  const layers: LayerDef[] = [];
  channels.forEach((out, i) => {
    const poolAfter = i % 2 === 1;
    layers.push({
      name: `conv${i + 1}`,
      kind: 'conv',
      shape: [3, 3, c, out],
      fanIn: 9 * c,
      fanOut: 9 * out,
      isOutput: false,
      poolAfter,
      macs: h * w * 9 * c * out,
    });
    c = out;
    if (poolAfter) {
      h = Math.floor(h / 2);
      w = Math.floor(w / 2);
    }
  });
  const flat = h * w * c;
  layers.push(dense('fc1', flat, 256), dense('fc2', 256, 256), dense('fc3', 256, numClasses, true));
  return { name, inputShape, numClasses, layers };
}

/** Builds the architecture named in the config for a dataset's input shape. */
export function buildArchitecture(model: string, inputShape: number[], numClasses: number): Architecture {
  if (model === 'lenet300') return mlp('LeNet-300-100', inputShape, [300, 100], numClasses);
  if (model === 'conv2') return convNet('Conv-2', inputShape, [64, 64], numClasses);
  if (model === 'conv4') return convNet('Conv-4', inputShape, [64, 64, 128, 128], numClasses);
  if (model === 'conv6') return convNet('Conv-6', inputShape, [64, 64, 128, 128, 256, 256], numClasses);
  const widths = model.split('-').slice(1).map(Number);
  return mlp(`MLP ${[inputShape.reduce((a, b) => a * b, 1), ...widths, numClasses].join('-')}`, inputShape, widths, numClasses);
}

export const layerSize = (l: LayerDef) => l.shape.reduce((a, b) => a * b, 1);

/** The largest activation one example produces (floats): bounds evaluation chunk sizes. */
export function maxActivation(arch: Architecture): number {
  return Math.max(...arch.layers.map((l) => (l.kind === 'conv' ? l.macs / (l.shape[0] * l.shape[1] * l.shape[2]) : l.shape[1])));
}

export function summarize(arch: Architecture): ModelSummary {
  const layers = arch.layers.map((l) => ({
    name: l.name,
    kind: l.kind,
    shape: l.shape,
    weights: layerSize(l),
    biases: l.shape[l.shape.length - 1],
    flops: 2 * l.macs,
    // Where each weight is applied per example: 1 for a dense layer, out-height × out-width for a conv.
    positions: Math.round(l.macs / layerSize(l)),
  }));
  return { name: arch.name, inputShape: arch.inputShape, numClasses: arch.numClasses, layers, prunableWeights: layers.reduce((s, l) => s + l.weights, 0) };
}
