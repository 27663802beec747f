/**
 * src/delivery — when and where a digest or an alert goes, and that it goes exactly once.
 *
 * Wired: the store implements the repositories in destination.ts (`Store.delivery`, SQLite in
 * src/store/sqlite/delivery.ts), `runtime.ts` builds one scheduler and one sender that
 * `infrawire run` starts, and a chat adapter plugs in by registering its `Transport`:
 * `app.delivery.transports.slack = transport` (the console's is registered in src/service.ts).
 *
 * The flow:
 *
 * 1. Write. Whoever stores stories (the bot's poller, or `infrawire poll --once` beside a running
 *    bot) calls `planAlert` for each changed story revision and each destination with alerts, and
 *    writes the rows it returns (`enqueueDecision`) in the SAME transaction as the stories. Every
 *    row has a unique idempotency key — `alert:<destination>:<story>:<revision>` — so a repeated
 *    poll or a second process writing the same row is a no-op, and a crash before the commit loses
 *    the stories and their rows together, never one without the other.
 *    Digests: the scheduler's tick (`startScheduler`, one node-cron job every 30 s) asks
 *    `DigestSchedule.findDue` which slots (destination + local date) are due in each destination's
 *    zone, builds each digest, and claims the slot together with its outbox row
 *    (`digest:<destination>@<date>`) in one write. A slot under 12 hours late (the bot was down)
 *    goes out at start; a later one is recorded as skipped and the channel is told.
 * 2. Claim. The sender asks the outbox for due rows: at most one per channel, none for a paused
 *    channel or one with a send in flight under a live lease. Claiming sets a lease; a process
 *    that dies mid-send leaves the lease to run out, and the row comes back marked
 *    `outcomeUnknown`.
 * 3. Send. One post per channel at a time, a second apart on Slack. A row whose outcome is unknown
 *    is first looked up by its key in the channel (Slack message metadata); Discord dedupes by
 *    `nonce` + `enforce_nonce`. Follow-ups reply in the thread of the story's first alert.
 * 4. Complete. A post's message id is stored with the row (`complete`), which is what threads
 *    follow-ups. 429s wait out Retry-After, 5xx and network errors retry with backoff and jitter
 *    and become dead letters after the attempt limit; permanent errors pause the destination and
 *    tell its admins once, keeping its rows for when it resumes.
 */
export type { Clock } from "../clock.js";
export * from "./destination.js";
export { InMemoryDeliveryStore } from "./memory.js";
export * from "./plan-alerts.js";
export * from "./rules.js";
export * from "./runtime.js";
export * from "./schedule.js";
export * from "./sender.js";
export * from "./tick.js";
export * from "./transport.js";
export * from "./zone.js";
