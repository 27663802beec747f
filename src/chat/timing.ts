/**
 * The value of `work` if it settles within `ms`, else undefined (the work goes on). Platforms
 * want an answer within 3 s, so an adapter answers in time or says "working on it" first.
 * `ms <= 0` never waits: every answer is deferred.
 */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
