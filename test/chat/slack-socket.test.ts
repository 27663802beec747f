import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import type { App } from "../../src/app.js";
import { createChatCore } from "../../src/chat/core.js";
import { type ChatFrontEnd, startChatFrontEnd } from "../../src/chat/front.js";
import { silentLogger } from "../../src/log.js";
import { type FakeServer, seededChatApp, startFake } from "../helpers/chat.js";

let app: App;
let slack: FakeServer;
let wss: WebSocketServer;
let front: ChatFrontEnd;

beforeAll(async () => {
  ({ app } = await seededChatApp());
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on("connection", (socket) => {
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: "A1" },
        debug_info: {},
      }),
    );
  });
  slack = await startFake((call) => {
    if (call.path.endsWith("/apps.connections.open")) return { body: { ok: true, url: wsUrl } };
    if (call.path.endsWith("/auth.test"))
      return {
        body: { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", url: "https://t1.example/" },
      };
    if (call.path.endsWith("/users.info"))
      return { body: { ok: true, user: { id: String(call.json.user), is_admin: false, is_owner: false } } };
    return { body: { ok: true } };
  });
  front = await startChatFrontEnd(createChatCore(app), {
    env: { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_API_URL: `${slack.url}/api/` },
    port: 0,
    host: "127.0.0.1",
    log: silentLogger,
  });
});

afterAll(async () => {
  await front?.close();
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => wss?.close(() => resolve()));
  await slack?.close();
  await app?.close();
});

describe("Slack in Socket Mode", () => {
  it("connects with the app token, turns healthy, and acknowledges a slash command with the answer", async () => {
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await fetch(`${front.url}/healthz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    const opened = slack.calls.find((c) => c.path.endsWith("/apps.connections.open"));
    expect(opened?.headers.authorization).toBe("Bearer xapp-test");

    const [socket] = [...wss.clients];
    const acked = new Promise<{ envelope_id: string; payload: { response_type: string; blocks: unknown[] } }>(
      (resolve) => socket?.on("message", (data) => resolve(JSON.parse(String(data)))),
    );
    socket?.send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          team_id: "T1",
          channel_id: "C1",
          user_id: "U_MEMBER",
          user_name: "jane",
          command: "/deals",
          text: "openai since:1y",
          api_app_id: "A1",
          response_url: `${slack.url}/respond/socket`,
          trigger_id: "t-socket",
        },
      }),
    );
    const ack = await acked;
    expect(ack.envelope_id).toBe("env-1");
    expect(ack.payload.response_type).toBe("ephemeral");
    expect(JSON.stringify(ack.payload.blocks)).toMatch(/OpenAI/);
  });
});
