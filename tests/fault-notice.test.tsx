// @vitest-environment happy-dom
// The fault notice, rendered into a DOM: what happened, what is kept, and one button per backend
// to go on from; and the backends offered after each kind of fault.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FaultNoticeView, type FaultNoticeProps } from '../src/controls/FaultNotice';
import { classifyFault, crashFault, DeviceLostError, recoveryBackends } from '../src/engine/faults';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let container: HTMLElement | null = null;

function render(props: Partial<FaultNoticeProps> & Pick<FaultNoticeProps, 'fault'>) {
  container = document.createElement('div');
  document.body.append(container!);
  const all: FaultNoticeProps = { finishedRounds: 3, resumable: true, onResume: vi.fn(), onRestart: vi.fn(), onDismiss: vi.fn(), ...props };
  act(() => createRoot(container!).render(<FaultNoticeView {...all} />));
  return all;
}
const buttons = () => [...container!.querySelectorAll<HTMLButtonElement>('.fault-actions button')];

afterEach(() => {
  container?.remove();
  container = null;
});

describe('recoveryBackends', () => {
  it('never retries a lost device; after memory or a crash, the same backend comes first', () => {
    expect(recoveryBackends({ kind: 'device-lost', backend: 'webgpu' })).toEqual(['wasm', 'cpu']);
    expect(recoveryBackends({ kind: 'out-of-memory', backend: 'wasm' })).toEqual(['wasm', 'webgpu', 'cpu']);
    expect(recoveryBackends({ kind: 'crash', backend: 'cpu' })).toEqual(['cpu', 'wasm', 'webgpu']);
    expect(recoveryBackends({ kind: 'device-lost', backend: 'webgl' })).toEqual(['wasm', 'webgpu', 'cpu']);
  });
});

describe('FaultNoticeView', () => {
  it('after a lost GPU: says so, keeps rounds 0–2, offers to resume from round 3 elsewhere', () => {
    const props = render({ fault: classifyFault(new DeviceLostError('destroyed'), 'webgpu') });
    const notice = container!.querySelector('[role=alert]')!;
    expect(notice.getAttribute('data-fault')).toBe('device-lost');
    expect(notice.querySelector('b')!.textContent).toBe('The connection to the GPU (WebGPU) was lost (the browser or the driver reset it).');
    expect(notice.textContent).toContain('Rounds 0–2 finished and are kept.');
    expect(buttons().map((b) => b.textContent)).toEqual(['Resume from round 3 on WebAssembly', 'Resume from round 3 on plain JavaScript']);
    act(() => buttons()[0].click());
    expect(props.onResume).toHaveBeenCalledWith('wasm');
    expect(container!.querySelector('code')!.textContent).toBe('WebGPU device lost: destroyed');
  });

  it('with nothing to resume from, offers to start again', () => {
    const props = render({ fault: crashFault('forced worker crash', 'wasm'), finishedRounds: 0 });
    expect(container!.textContent).toContain('No round had finished.');
    expect(buttons()[0].textContent).toBe('Start again on WebAssembly');
    act(() => buttons()[0].click());
    expect(props.onRestart).toHaveBeenCalledWith('wasm');
    expect(props.onResume).not.toHaveBeenCalled();
  });

  it('dismisses', () => {
    const props = render({ fault: classifyFault(new RangeError('Invalid typed array length: 8589934592'), 'wasm'), finishedRounds: 1 });
    expect(container!.textContent).toContain('Round 0 finished and is kept.');
    act(() => container!.querySelector<HTMLButtonElement>('[aria-label="Dismiss the fault notice"]')!.click());
    expect(props.onDismiss).toHaveBeenCalled();
  });
});
