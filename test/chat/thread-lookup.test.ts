import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { slackClientOptions } from "../../src/chat/slack.js";
import { slackTransport } from "../../src/chat/transports.js";
import { systemClock } from "../../src/clock.js";
import { destinationKey } from "../../src/delivery/destination.js";
import { Sender } from "../../src/delivery/sender.js";
import { silentLogger } from "../../src/log.js";
import { type FakeWorkspace, startFakeWorkspace } from "../helpers/slack-workspace.js";

const C1 = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
const DEST = destinationKey(C1);

let slack: FakeWorkspace | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  await slack?.close();
  app = slack = undefined;
});

const transportOn = (server: FakeWorkspace) =>
  slackTransport(async () => new webApi.WebClient("xoxb-test", slackClientOptions(`${server.url}/api/`)));

describe("finding an unknown-outcome Slack post by its key", () => {
  it("looks for a follow-up in its thread, where the channel's history does not show it", async () => {
    slack = await startFakeWorkspace();
    const transport = transportOn(slack);
    const parent = await transport.post(
      C1,
      { title: "OpenAI raises $40B", sections: [] },
      { idempotencyKey: "a:1" },
    );
    const reply = await transport.post(
      C1,
      { title: "Update: OpenAI raises $40B", sections: [] },
      { idempotencyKey: "a:2", threadOf: parent.messageRef },
    );
    expect(await transport.findByKey?.(C1, "a:1")).toBe(parent.messageRef);
    // Slack's history holds top-level messages only: the reply is not there...
    expect(await transport.findByKey?.(C1, "a:2")).toBeUndefined();
    // ...but it is in the thread.
    expect(await transport.findByKey?.(C1, "a:2", { threadOf: parent.messageRef })).toBe(reply.messageRef);
    expect(await transport.findByKey?.(C1, "a:3", { threadOf: parent.messageRef })).toBeUndefined();
  });

  it("a follow-up whose answer was lost is found in the thread on the next try, not posted twice", async () => {
    // The follow-up reaches Slack, but its answer comes after the sender stopped waiting.
    slack = await startFakeWorkspace((call) =>
      call.json.thread_ts ? { keep: true, delayMs: 1_500 } : undefined,
    );
    app = await createApp({ env: { INFRAWIRE_DB: ":memory:" }, log: silentLogger });
    const { outbox, destinations } = app.store.delivery;
    const now = new Date();
    await destinations.upsert({ ...C1, key: DEST }, now);
    await outbox.enqueue(
      {
        key: "alert:p",
        destinationKey: DEST,
        kind: "alert",
        message: { title: "Parent", sections: [] },
        notBefore: now,
      },
      now,
    );
    await outbox.enqueue(
      {
        key: "alert:f",
        destinationKey: DEST,
        kind: "follow_up",
        threadOf: "alert:p",
        message: { title: "Follow-up", sections: [] },
        notBefore: now,
      },
      now,
    );
    const sender = new Sender({
      clock: systemClock,
      outbox,
      destinations,
      transports: { slack: transportOn(slack) },
      notifyAdmins: async () => {},
      minIntervalMs: { slack: 0 },
      postTimeoutMs: 400,
      leaseMs: 5_000,
      backoffBaseMs: 10,
      backoffMaxMs: 20,
    });
    const deadline = Date.now() + 15_000;
    while ((await outbox.find("alert:f"))?.state !== "sent" && Date.now() < deadline) {
      await sender.pump();
      await sender.idle();
      await new Promise((r) => setTimeout(r, 30));
    }
    const parent = await outbox.find("alert:p");
    const followUp = await outbox.find("alert:f");
    expect(followUp?.state).toBe("sent");
    expect(sender.outcomes.map((o) => [o.key, o.result])).toEqual([
      ["alert:p", "sent"],
      ["alert:f", "retry"],
      ["alert:f", "found"],
    ]);
    // One message per row in the channel, the follow-up in the parent's thread.
    expect(slack.posts()).toHaveLength(2);
    expect(slack.messages.map((m) => [m.text, m.threadTs])).toEqual([
      ["Parent", undefined],
      ["Follow-up", parent?.messageRef],
    ]);
    expect(followUp?.messageRef).toBe(slack.messages[1]?.ts);
    expect(slack.calls.some((c) => c.path.endsWith("/conversations.replies"))).toBe(true);
  });
});
