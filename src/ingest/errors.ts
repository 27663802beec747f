/** A feed could not be fetched or read. `reason` is written for the person who added the feed. */
export class FeedError extends Error {
  constructor(
    readonly reason: string,
    readonly details: {
      status?: number;
      /** The server asked us to come back after this long. */
      retryAfterMs?: number;
      /** Retrying will not help (HTTP 410, a refused address). */
      permanent?: boolean;
    } = {},
  ) {
    super(reason);
    this.name = "FeedError";
  }
}
