/** A small seeded generator, so that every benchmark run reads the same data. */
export function seededRandom(seed: number): { random(): number; pick<T>(list: readonly T[]): T } {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { random, pick: <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T };
}
