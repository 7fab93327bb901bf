// The hypothesis itself, small enough for CI: LeNet-300-100 on MNIST (WASM backend in Node).
// Seven rounds at 20% leave ~21% of the weights; the ticket must stay within 2 points of the
// dense network trained the same way, and its untrained accuracy must be far above chance.
import { describe, expect, it } from 'vitest';
import { runExperiment } from './engine-helpers';

describe('lottery tickets on MNIST', () => {
  it('a ticket at ~20% of the weights trains to within 2 points of the dense network', async () => {
    const { doc } = await runExperiment({
      dataset: 'mnist',
      model: 'lenet300',
      rate: 0.2,
      rounds: 7,
      iters: 400,
      evalEvery: 200,
      controls: [],
      backend: 'wasm',
      seed: 1,
    });
    expect(doc.status).toBe('complete');
    expect(doc.backend.name).toBe('wasm');
    const dense = doc.rounds[0];
    const ticket = doc.rounds[7];
    expect(ticket.remaining).toBeGreaterThan(0.19);
    expect(ticket.remaining).toBeLessThan(0.23);
    expect(dense.ticket.testAccuracy).toBeGreaterThan(0.93);
    expect(ticket.ticket.testAccuracy).toBeGreaterThan(dense.ticket.testAccuracy - 0.02);
    // The rewound, masked, untrained ticket already beats chance (10%) by far.
    expect(ticket.ticket.untrainedAccuracy).toBeGreaterThan(0.3);
    for (const r of doc.rounds) console.log(`round ${r.round}: ${(100 * r.remaining).toFixed(1)}% left, test ${(100 * r.ticket.testAccuracy).toFixed(2)}%, untrained ${(100 * r.ticket.untrainedAccuracy).toFixed(1)}%`);
  });
});
