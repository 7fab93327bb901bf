// @vitest-environment happy-dom
// While a run starts, empty charts say it is coming rather than "run an experiment".
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { AccuracyVsRemaining } from '../../src/panels/AccuracyVsRemaining';
import { STARTING_MESSAGE } from '../../src/panels/common/ChartCard';
import { EMPTY_RUN } from '../../src/state/run-slice';
import { useLab } from '../../src/state/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  useLab.setState({ ...EMPTY_RUN });
  document.body.innerHTML = '';
});

const emptyText = () => {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => createRoot(container).render(<AccuracyVsRemaining runs={[[]]} />));
  return container.querySelector('[data-empty]')?.textContent;
};

describe('an empty chart', () => {
  it('invites a run when idle, and says the run is coming while it starts', () => {
    expect(emptyText()).toMatch(/^Run an experiment to see/);
    document.body.innerHTML = '';
    useLab.setState({ status: 'starting' });
    expect(emptyText()).toBe(STARTING_MESSAGE);
  });
});
