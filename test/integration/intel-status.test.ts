import { afterEach, describe, expect, it } from "vitest";
import { enrichNewItems } from "../../src/enrich/enrich.js";
import { silentLogger } from "../../src/log.js";
import { rss, startServer, type TestServer } from "../helpers/feed-server.js";
import { makeHarness } from "../helpers/harness.js";
import { shippedIntel } from "../helpers/intel.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe("stored event stages", () => {
  it("keeps a controversy without a stage and a lawsuit with its legal stage", async () => {
    server = await startServer({
      "/wire": (_q, s) =>
        s.writeHead(200).end(
          rss("Wire", [
            {
              title: "Investors question circular AI deals between Nvidia and OpenAI",
              link: "https://wire.example/circular",
              description: "Some investors worry that the deals inflate demand.",
              pubDate: "Mon, 03 Nov 2025 14:00:00 GMT",
            },
            {
              title: "Judge dismisses Musk lawsuit against OpenAI",
              link: "https://wire.example/dismissed",
              description: "A federal judge dismissed the case on Monday.",
              pubDate: "Mon, 03 Nov 2025 15:00:00 GMT",
            },
          ]),
        ),
    });
    const h = makeHarness();
    await h.feeds.add(server.url("/wire"), h.now());
    await h.poller.runCycle();
    const store = h.store.intel;
    expect((await enrichNewItems(store, shippedIntel(), silentLogger, h.clock)).analyzed).toBe(2);
    const events = [...(await store.intelSince(new Date(0))).values()].flatMap((i) => i.events);
    expect(events.find((e) => e.type === "controversy")?.status).toBeNull();
    expect(events.find((e) => e.type === "legal")?.status).toBe("dismissed");
    await h.close();
  });
});
