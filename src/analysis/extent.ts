// The largest and smallest of many numbers, by a loop. Math.max(...values) passes every value as
// an argument, and past about 100,000 of them (a long learning curve) the call overflows the stack
// ("Maximum call stack size exceeded").

/** The largest of `values` and `floor` (floor when there are none). */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest of `values` and `ceiling` (ceiling when there are none). */
export function minOf(values: Iterable<number>, ceiling = Infinity): number {
  let min = ceiling;
  for (const v of values) if (v < min) min = v;
  return min;
}
