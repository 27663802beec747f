import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { discordRest, postDiscordMessage } from "../../src/chat/discord.js";
import { postSlackMessage, slackClientOptions } from "../../src/chat/slack.js";
import { type FakeServer, startFake } from "../helpers/chat.js";

const message = { title: "Digest", sections: [] };
const slackChannel = { platform: "slack" as const, workspaceId: "T1", channelId: "C1" };
let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Answers each call to a path with the next status in `statuses` (then 200). */
function scripted(statuses: { status: number; headers?: Record<string, string> }[]) {
  let n = 0;
  return startFake(() => {
    const next = statuses[n++];
    if (next && next.status !== 200)
      return { status: next.status, body: { ok: false, error: "server_error" } };
    return { body: { ok: true, ts: "1.2", id: "9" } };
  });
}

describe("posting never doubles a message", () => {
  it("Slack: a 500 from chat.postMessage fails once, without a retry", async () => {
    fake = await scripted([{ status: 500 }]);
    const client = new webApi.WebClient("xoxb-test", slackClientOptions(`${fake.url}/api/`));
    await expect(postSlackMessage(client, slackChannel, message)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.filter((c) => c.path.endsWith("/chat.postMessage"))).toHaveLength(1);
  });

  it("Slack: a 429 with Retry-After is waited out and retried once", async () => {
    let n = 0;
    fake = await startFake(() =>
      n++ === 0
        ? { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } }
        : { body: { ok: true, ts: "1.2" } },
    );
    const client = new webApi.WebClient("xoxb-test", slackClientOptions(`${fake.url}/api/`));
    const sent = await postSlackMessage(client, slackChannel, message);
    expect(sent.ts).toBe("1.2");
    expect(fake.calls.filter((c) => c.path.endsWith("/chat.postMessage"))).toHaveLength(2);
  });

  it("Discord: a 500 on a channel post fails once, without a retry", async () => {
    fake = await scripted([{ status: 500 }]);
    const rest = discordRest({ token: "bot-token", apiUrl: `${fake.url}/api` });
    await expect(
      postDiscordMessage(rest, { platform: "discord", workspaceId: "2", channelId: "3" }, message, {
        idempotencyKey: "k1",
      }),
    ).rejects.toThrow();
    expect(fake.calls.filter((c) => c.path.includes("/channels/3/messages"))).toHaveLength(1);
  });
});
