/**
 * Runs `work` over `tasks` with at most `concurrency` at once overall and at most `perKey` at once
 * for tasks that share a key (feeds on one host), in the order given as far as the limits allow.
 */
export async function runWithLimits<T>(
  tasks: readonly T[],
  options: { concurrency: number; perKey: number; key: (task: T) => string },
  work: (task: T) => Promise<void>,
): Promise<void> {
  const waiting = [...tasks];
  const activeByKey = new Map<string, number>();
  let active = 0;
  return new Promise((resolve) => {
    const pump = () => {
      if (waiting.length === 0 && active === 0) {
        resolve();
        return;
      }
      for (let i = 0; i < waiting.length && active < options.concurrency; ) {
        const task = waiting[i] as T;
        const key = options.key(task);
        const running = activeByKey.get(key) ?? 0;
        if (running >= options.perKey) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        active++;
        activeByKey.set(key, running + 1);
        work(task)
          .catch(() => {})
          .finally(() => {
            active--;
            activeByKey.set(key, (activeByKey.get(key) ?? 1) - 1);
            pump();
          });
      }
    };
    pump();
  });
}
