import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { describeDeliveryStore } from "../delivery/store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "iw-delivery-"));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeDeliveryStore("sqlite in memory", async () => (await openStore(":memory:")).delivery);
describeDeliveryStore("sqlite file", async () => (await openStore(join(dir, `d-${++files}.db`))).delivery);

describe("sqlite destinations follow the channel's settings", () => {
  const console_ = { platform: "console", workspaceId: "local", channelId: "console" } as const;
  const T0 = new Date("2026-03-01T09:00:00Z");

  it("is the channel's digest and alert settings and watchlist, with since reset when the time moves", async () => {
    const store = await openStore(":memory:");
    const key = "console:local:console";
    expect(await store.delivery.destinations.get(key)).toBeUndefined();
    await store.settings.update(
      console_,
      { digestEnabled: true, digestTime: "08:00", digestTimezone: "Europe/London" },
      "u",
      T0,
    );
    await store.settings.watch(console_, "openai", "u", T0);
    await store.settings.update(
      console_,
      { alertsEnabled: true, alertsMinUsd: 1e9, quietStart: 22, quietEnd: 7 },
      "u",
      T0,
    );
    const d = await store.delivery.destinations.get(key);
    expect(d).toMatchObject({
      key,
      digest: { time: "08:00", zone: "Europe/London", since: T0 },
      alerts: {
        trackedEntityIds: ["openai"],
        minAmountUsd: 1e9,
        quietHours: { startHour: 22, endHour: 7 },
        capPerHour: 10,
      },
    });
    const later = new Date(T0.getTime() + 3_600_000);
    await store.settings.update(console_, { alertsMinUsd: null }, "u", later);
    expect((await store.delivery.destinations.get(key))?.digest?.since).toEqual(T0);
    await store.settings.update(console_, { digestTime: "18:00" }, "u", later);
    expect((await store.delivery.destinations.get(key))?.digest?.since).toEqual(later);
    await store.settings.unwatch(console_, "openai");
    expect((await store.delivery.destinations.listWithAlerts())[0]?.alerts?.trackedEntityIds).toEqual([]);
    await store.settings.update(console_, { digestEnabled: false, alertsEnabled: false }, "u", later);
    expect(await store.delivery.destinations.listWithDigest()).toEqual([]);
    expect(await store.delivery.destinations.listWithAlerts()).toEqual([]);
    await store.close();
  });

  it("never treats the shell as a place to post", async () => {
    const store = await openStore(":memory:");
    await store.settings.update(
      { platform: "cli", workspaceId: "local", channelId: "cli" },
      { digestEnabled: true, digestTime: "08:00", digestTimezone: "UTC" },
      "u",
      T0,
    );
    expect(await store.delivery.destinations.listWithDigest()).toEqual([]);
    await store.close();
  });
});
