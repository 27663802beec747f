import { describe, expect, it } from "vitest";
import type { CommandContext, CommandDef } from "../../src/chat/command.js";
import { dispatch } from "../../src/chat/dispatch.js";
import { startChatServer } from "../../src/chat/http.js";
import type { LogFields, Logger } from "../../src/log.js";
import { silentLogger } from "../../src/log.js";

describe("the chat HTTP server", () => {
  it("answers /healthz 503 until every adapter is ready, then 200", async () => {
    let ready = false;
    const server = await startChatServer({
      port: 0,
      host: "127.0.0.1",
      log: silentLogger,
      post: {},
      ready: () => ready,
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
      ready = true;
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("says in one sentence what to do when the port is taken", async () => {
    const first = await startChatServer({
      port: 0,
      host: "127.0.0.1",
      log: silentLogger,
      post: {},
      ready: () => true,
    });
    try {
      const port = Number(new URL(first.url).port);
      await expect(
        startChatServer({ port, host: "127.0.0.1", log: silentLogger, post: {}, ready: () => true }),
      ).rejects.toThrow(`The chat server cannot listen on port ${port} (it is in use).`);
    } finally {
      await first.close();
    }
  });

  it("refuses a body over 1 MB without calling the handler", async () => {
    let called = false;
    const server = await startChatServer({
      port: 0,
      host: "127.0.0.1",
      log: silentLogger,
      post: {
        "/slack/events": async (_req, res) => {
          called = true;
          res.writeHead(200).end();
        },
      },
      ready: () => true,
    });
    try {
      const res = await fetch(`${server.url}/slack/events`, {
        method: "POST",
        body: "x".repeat(1_100_000),
      }).catch(() => undefined);
      expect(res === undefined || res.status === 413).toBe(true);
      expect(called).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe("a command that throws", () => {
  it("answers with an apology and an error id that the log line with the stack carries too", async () => {
    const lines: { message: string; fields?: LogFields }[] = [];
    const log: Logger = {
      ...silentLogger,
      error: (message, fields) => lines.push({ message, ...(fields ? { fields } : {}) }),
    };
    const broken: CommandDef = {
      name: "broken",
      description: "fails",
      usage: "/broken",
      examples: ["/broken"],
      options: [],
      run() {
        throw new TypeError("cannot read the thing");
      },
    };
    const ctx = {
      caller: { id: "U1", isAdmin: false },
      channel: { platform: "slack", channelId: "C1" },
    } as CommandContext;
    const answer = await dispatch([broken], "broken", { text: "" }, ctx, log);
    const id = /error id ([0-9a-f]{8})/.exec(JSON.stringify(answer))?.[1];
    expect(id).toBeDefined();
    expect(answer.kind).toBe("error");
    expect(JSON.stringify(answer)).not.toContain("cannot read the thing");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields?.errorId).toBe(id);
    expect(String(lines[0]?.fields?.error)).toMatch(/TypeError: cannot read the thing\n\s+at /);
  });
});
