// Watching for a lost WebGPU device, and forcing faults on purpose (faults.ts says what they mean).
import * as tf from '@tensorflow/tfjs-core';
import type { RunControl } from './control';
import { DeviceLostError } from './faults';

interface LosableDevice {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

/** The live WebGPU device, when the run is on WebGPU. */
function webgpuDevice(): LosableDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: LosableDevice }).device ?? null;
}

/** Stops the run under `control` with a DeviceLostError once the WebGPU device is lost. */
export function watchDeviceLoss(control: RunControl): void {
  webgpuDevice()?.lost.then((info) => control.fail(new DeviceLostError(info.message || info.reason || 'unknown reason')));
}

/**
 * Forces a fault in the running experiment, for the browser tests and for trying the recovery by
 * hand: the GPU device is really destroyed, an allocation no backend can make is really attempted.
 */
export function forceFault(kind: 'device-lost' | 'out-of-memory', control: RunControl): void {
  if (kind === 'device-lost') {
    const device = webgpuDevice();
    if (!device) throw new Error('device-lost can only be forced on the WebGPU backend');
    device.destroy(); // the device's lost promise resolves: watchDeviceLoss stops the run
    return;
  }
  try {
    tf.tidy(() => tf.zeros([2 ** 33]));
  } catch (e) {
    control.fail(e);
    return;
  }
  throw new Error('The forced allocation of 32 GB succeeded');
}

/**
 * Why the WebGPU device was lost, or null (not on WebGPU, or not lost within `waitMs`). An error
 * thrown by a lost device is often the read it cut short ("mapAsync … AbortError"), which says
 * nothing of the loss: the run asks the device itself before it names the fault.
 */
export async function deviceLossReason(waitMs = 500): Promise<string | null> {
  const device = webgpuDevice();
  if (!device) return null;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  return Promise.race([device.lost.then((info) => info.message || info.reason || 'unknown reason'), timeout]);
}
