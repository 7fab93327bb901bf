import { formatPercent } from '../../config/implications';

/** Weights left after each round 0..n as a row of bars (log height, so 3% still shows). */
export function Schedule({ schedule }: { schedule: number[] }) {
  const n = schedule.length;
  const floor = Math.log10(Math.min(0.001, ...schedule));
  const h = (f: number) => Math.max(0.04, (Math.log10(f) - floor) / -floor);
  return (
    <svg className="schedule" data-testid="schedule" viewBox={`0 0 ${n} 1`} preserveAspectRatio="none" role="img" aria-label={`weights left per round: ${schedule.map(formatPercent).join(', ')}`}>
      {schedule.map((f, i) => (
        <rect key={i} data-round={i} x={i + 0.1} width={0.8} y={1 - h(f)} height={h(f)}>
          <title>{`round ${i}: ${formatPercent(f)} left`}</title>
        </rect>
      ))}
    </svg>
  );
}
