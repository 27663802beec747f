import { safeText } from "../text-safety.js";

/** A feed could not be fetched or read. `reason` is written for the person who added the feed. */
export class FeedError extends Error {
  readonly reason: string;

  constructor(
    reason: string,
    readonly details: {
      status?: number;
      /** The server asked us to come back after this long. */
      retryAfterMs?: number;
      /** Retrying will not help (HTTP 410, a refused address). */
      permanent?: boolean;
    } = {},
  ) {
    // A reason can quote the feed (a parser's message, a server's status line) and is shown in
    // `feeds list`, logs and chat.
    const safe = safeText(reason);
    super(safe);
    this.reason = safe;
    this.name = "FeedError";
  }
}
