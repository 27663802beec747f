import type { IncomingMessage, ServerResponse } from "node:http";
import { type App, type Receiver, type ReceiverEvent, verifySlackRequest } from "@slack/bolt";
import { systemClock } from "../clock.js";
import type { Logger } from "../log.js";

/** Slack's window: a request signed more than 5 minutes from our clock, either way, is refused. */
const MAX_SKEW_SECONDS = 300;
const MAX_REMEMBERED = 50_000;

/** Why a request was refused, for the log; the sender only ever sees 401. */
export type SlackRejection = "no signature" | "timestamp out of range" | "bad signature" | "replay";

/**
 * Checks one request the way Slack signs it, and closes the two gaps Bolt's own check leaves:
 * Bolt accepts timestamps from the future, and it accepts the same signed request twice.
 */
export class SlackRequestVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => Date = () => systemClock.now(),
  ) {}

  check(headers: IncomingMessage["headers"], rawBody: string): SlackRejection | undefined {
    const signature = headers["x-slack-signature"];
    const stamp = headers["x-slack-request-timestamp"];
    if (typeof signature !== "string" || typeof stamp !== "string" || !/^\d{1,12}$/.test(stamp))
      return "no signature";
    const nowMs = this.now().getTime();
    const timestamp = Number(stamp);
    if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > MAX_SKEW_SECONDS) return "timestamp out of range";
    try {
      verifySlackRequest({
        signingSecret: this.signingSecret,
        body: rawBody,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
        nowMilliseconds: nowMs,
      });
    } catch {
      return "bad signature";
    }
    // A signature can only be reused within the window above, so it is remembered that long.
    for (const [key, expires] of this.seen) {
      if (expires > nowMs && this.seen.size < MAX_REMEMBERED) break;
      this.seen.delete(key);
    }
    if (this.seen.has(signature)) return "replay";
    this.seen.set(signature, timestamp * 1000 + MAX_SKEW_SECONDS * 1000);
    return undefined;
  }
}

type Body = Record<string, unknown>;

function parseBody(contentType: string | undefined, raw: string): Body {
  if ((contentType ?? "").startsWith("application/json")) return JSON.parse(raw) as Body;
  const form = Object.fromEntries(new URLSearchParams(raw));
  // Interactivity (buttons) arrives as one form field holding JSON.
  if (typeof form.payload === "string") return JSON.parse(form.payload) as Body;
  return form;
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === "") {
    res.writeHead(status).end();
    return;
  }
  if (typeof body === "string") {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
    return;
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

/**
 * A Bolt receiver mounted on our one HTTP server instead of its own: it verifies the request,
 * answers Slack's URL check, and hands the event to Bolt with an `ack` that writes the response.
 * Bolt listeners run after the ack, so a slash command's answer can follow through response_url.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly verifier: SlackRequestVerifier,
    private readonly log: Logger,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const text = raw.toString("utf8");
    const refused = this.verifier.check(req.headers, text);
    if (refused) {
      this.log.warn("slack request refused", { reason: refused });
      send(res, 401, "The request signature could not be verified.");
      return;
    }
    let body: Body;
    try {
      body = parseBody(req.headers["content-type"], text);
    } catch {
      send(res, 400, "The request body could not be read.");
      return;
    }
    if (body.type === "url_verification") {
      send(res, 200, { challenge: body.challenge });
      return;
    }
    if (body.ssl_check) {
      send(res, 200);
      return;
    }
    const app = this.app;
    if (!app) {
      send(res, 503, "Slack is not ready yet.");
      return;
    }
    let acked = false;
    const retry = req.headers["x-slack-retry-num"];
    const reason = req.headers["x-slack-retry-reason"];
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        send(res, 200, response);
      },
      ...(typeof retry === "string" ? { retryNum: Number(retry) } : {}),
      ...(typeof reason === "string" ? { retryReason: reason } : {}),
    };
    try {
      await app.processEvent(event);
      if (!acked) send(res, 200);
    } catch (error) {
      this.log.error("slack event failed", { error: (error as Error)?.stack ?? String(error) });
      if (!acked) send(res, 500);
    }
  }
}
