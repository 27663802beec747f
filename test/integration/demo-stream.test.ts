import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { CONSOLE_CHANNEL, ConsoleTransport } from "../../src/chat/console-transport.js";
import { destinationKey } from "../../src/delivery/destination.js";
import { Sender } from "../../src/delivery/sender.js";
import { startDemoStream } from "../../src/demo-stream.js";
import { silentLogger } from "../../src/log.js";
import { samplesDir } from "../../src/paths.js";

const dir = mkdtempSync(join(tmpdir(), "iw-demo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the live demo", () => {
  it("stores the older samples as silent history, then alerts the console as the rest arrive", async () => {
    const app = await createApp({
      env: { INFRAWIRE_DB: join(dir, "main.db") },
      log: silentLogger,
      demo: true,
    });
    try {
      await app.actions.seedFeeds({ samplesDir: samplesDir() });
      const stream = await startDemoStream(app, 20);
      const history = await app.store.items.count();
      expect(history).toBeGreaterThan(10);
      // History is stored and analysed but queues nothing.
      expect(await app.store.delivery.outbox.claimDue({ now: new Date(), leaseMs: 1, limit: 10 })).toEqual(
        [],
      );
      const deadline = Date.now() + 20_000;
      let total = history;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        const n = await app.store.items.count();
        if (n === total && n > history) break;
        total = n;
      }
      await stream.stop();
      expect(total).toBeGreaterThan(history);
      const printed: string[] = [];
      const sender = new Sender({
        clock: app.clock,
        outbox: app.store.delivery.outbox,
        destinations: app.store.delivery.destinations,
        transports: { console: new ConsoleTransport((t) => printed.push(t)) },
        notifyAdmins: async () => {},
      });
      while ((await sender.pump()) > 0) await sender.idle();
      expect(printed.length).toBeGreaterThan(0);
      expect(printed.every((p) => p.startsWith("── #") || p.startsWith("  ↳"))).toBe(true);
      // The console's digest is set up to run a minute and a half after the start.
      expect(
        (await app.store.delivery.destinations.get(destinationKey(CONSOLE_CHANNEL)))?.digest,
      ).toBeDefined();
      expect((await app.actions.nextDigest(CONSOLE_CHANNEL))?.getTime()).toBeLessThan(Date.now() + 120_000);
    } finally {
      await app.close();
    }
  }, 60_000);
});
