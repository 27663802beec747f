import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { discordNonce, discordRest } from "../../src/chat/discord.js";
import type { Message } from "../../src/chat/message.js";
import { slackClientOptions } from "../../src/chat/slack.js";
import { discordTransport, slackTransport } from "../../src/chat/transports.js";
import { DeliveryError } from "../../src/delivery/transport.js";
import { type FakeServer, type Recorded, startFake } from "../helpers/chat.js";

const slackChannel = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const discordChannel = { platform: "discord", workspaceId: "2", channelId: "3000000000000000003" } as const;
const alert: Message = { title: "OpenAI raises $40B", sections: [] };

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** What a failed call is to delivery: the kind decides between waiting, retrying and pausing. */
async function failure(work: Promise<unknown>): Promise<DeliveryError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe("the Slack transport", () => {
  const transportOn = (server: FakeServer) =>
    slackTransport(async () => new webApi.WebClient("xoxb-test", slackClientOptions(`${server.url}/api/`)));

  it("posts once with the key in metadata, in a thread when asked, and finds the post by its key", async () => {
    const posted: Recorded[] = [];
    fake = await startFake((call) => {
      if (call.path.endsWith("/chat.postMessage")) {
        posted.push(call);
        return { body: { ok: true, channel: "C1", ts: `17000000${posted.length}.000100` } };
      }
      if (call.path.endsWith("/conversations.history"))
        return {
          body: {
            ok: true,
            messages: [
              { ts: "1699.1", text: "someone else" },
              {
                ts: "170000001.000100",
                metadata: { event_type: "infrawire_post", event_payload: { key: "alert:k1" } },
              },
            ],
          },
        };
      return { body: { ok: true } };
    });
    const transport = transportOn(fake);
    const first = await transport.post(slackChannel, alert, { idempotencyKey: "alert:k1" });
    await transport.post(slackChannel, alert, { idempotencyKey: "alert:k1:r2", threadOf: first.messageRef });
    expect(posted).toHaveLength(2);
    expect(posted[0]?.json.metadata).toEqual({
      event_type: "infrawire_post",
      event_payload: { key: "alert:k1" },
    });
    expect(posted[1]?.json.thread_ts).toBe(first.messageRef);
    expect(await transport.findByKey?.(slackChannel, "alert:k1")).toBe(first.messageRef);
    expect(await transport.findByKey?.(slackChannel, "alert:never-sent")).toBeUndefined();
  });

  it("tells a server error, a gone channel and a refused message apart, and never posts twice", async () => {
    let answer: { status: number; body: unknown } = { status: 500, body: { ok: false } };
    fake = await startFake(() => answer);
    const transport = transportOn(fake);
    expect((await failure(transport.post(slackChannel, alert, { idempotencyKey: "a" }))).kind).toBe(
      "transient",
    );
    answer = { status: 200, body: { ok: false, error: "channel_not_found" } };
    expect((await failure(transport.post(slackChannel, alert, { idempotencyKey: "b" }))).kind).toBe(
      "permanent",
    );
    answer = { status: 200, body: { ok: false, error: "msg_too_long" } };
    expect((await failure(transport.post(slackChannel, alert, { idempotencyKey: "c" }))).kind).toBe(
      "rejected",
    );
    // One request per post: the client's own retries are off except on 429.
    expect(fake.calls.filter((c) => c.path.endsWith("/chat.postMessage"))).toHaveLength(3);
  });

  it("reports a post whose answer never came as an unknown outcome, to be looked up before a resend", async () => {
    fake = await startFake(() => ({ body: { ok: true, ts: "1.1" }, delayMs: 60_000 }));
    const transport = slackTransport(
      async () =>
        new webApi.WebClient("xoxb-test", { ...slackClientOptions(`${fake?.url}/api/`), timeout: 300 }),
    );
    expect((await failure(transport.post(slackChannel, alert, { idempotencyKey: "slow" }))).kind).toBe(
      "unknown_outcome",
    );
  });
});

describe("the Discord transport", () => {
  it("posts with the key's nonce as a reply, and classifies a gone channel and a server error", async () => {
    let status = 200;
    let body: unknown = { id: "5000000000000000005" };
    fake = await startFake(() => ({ status, body }));
    const transport = discordTransport(discordRest({ token: "bot", apiUrl: `${fake.url}/api` }));
    const sent = await transport.post(discordChannel, alert, {
      idempotencyKey: "alert:discord:2:3:story-1",
      threadOf: "7000000000000000007",
    });
    expect(sent.messageRef).toBe("5000000000000000005");
    const call = await fake.next(/^POST \/api\/v10\/channels\/3000000000000000003\/messages/);
    expect(call.json.nonce).toBe(discordNonce("alert:discord:2:3:story-1"));
    expect(call.json.message_reference).toMatchObject({ message_id: "7000000000000000007" });

    status = 404;
    body = { code: 10003, message: "Unknown Channel" };
    expect((await failure(transport.post(discordChannel, alert, { idempotencyKey: "x" }))).kind).toBe(
      "permanent",
    );
    status = 502;
    body = { message: "Bad Gateway" };
    expect((await failure(transport.post(discordChannel, alert, { idempotencyKey: "y" }))).kind).toBe(
      "transient",
    );
  });
});
