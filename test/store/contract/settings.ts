import { describe, expect, it } from "vitest";
import type { ChannelSettings, Store } from "../../../src/store/index.js";
import { at, console_, discord, slackA, slackB, T0 } from "../fixtures.js";

const DEFAULTS: ChannelSettings = {
  digestEnabled: false,
  digestTime: null,
  digestTimezone: null,
  alertsEnabled: false,
  alertsMinUsd: null,
  alertsTypes: [],
  quietStart: null,
  quietEnd: null,
};

export function settingsContract(store: () => Store): void {
  describe("settings: watchlists, channel settings, custom entities", () => {
    it("keeps one watchlist per channel: the same channel id in two workspaces or platforms is another list", async () => {
      const s = store();
      expect(await s.settings.watchlist(slackA)).toEqual([]);
      expect(await s.settings.watch(slackA, "openai", "U1", T0)).toBe(true);
      expect(await s.settings.watch(slackA, "nvidia", "U1", T0)).toBe(true);
      expect(await s.settings.watch(slackA, "openai", "U2", at(1))).toBe(false);
      expect(await s.settings.watch(slackB, "amd", "U9", T0)).toBe(true);
      expect(await s.settings.watch(discord, "google", "D1", T0)).toBe(true);
      expect(await s.settings.watch(console_, "meta", "local", T0)).toBe(true);

      expect([...(await s.settings.watchlist(slackA))].sort()).toEqual(["nvidia", "openai"]);
      expect(await s.settings.watchlist(slackB)).toEqual(["amd"]);
      expect(await s.settings.watchlist(discord)).toEqual(["google"]);
      expect(await s.settings.watchlist(console_)).toEqual(["meta"]);
      expect(await s.settings.watchlist({ ...slackA, channelId: "C200" })).toEqual([]);

      expect(await s.settings.unwatch(slackB, "openai")).toBe(false);
      expect(await s.settings.unwatch(slackA, "openai")).toBe(true);
      expect(await s.settings.unwatch(slackA, "openai")).toBe(false);
      expect(await s.settings.watchlist(slackA)).toEqual(["nvidia"]);
      expect(await s.settings.watchlist(slackB)).toEqual(["amd"]);
    });

    it("starts a channel with the default settings and merges each change into what is stored", async () => {
      const s = store();
      expect(await s.settings.settings(slackA)).toEqual(DEFAULTS);
      const digest = await s.settings.update(
        slackA,
        { digestEnabled: true, digestTime: "08:30", digestTimezone: "Europe/Berlin" },
        "U1",
        T0,
      );
      expect(digest).toEqual({
        ...DEFAULTS,
        digestEnabled: true,
        digestTime: "08:30",
        digestTimezone: "Europe/Berlin",
      });
      const alerts = await s.settings.update(
        slackA,
        {
          alertsEnabled: true,
          alertsMinUsd: 5e9,
          alertsTypes: ["investment", "compute_contract"],
          quietStart: 22,
          quietEnd: 7,
        },
        "U2",
        at(1),
      );
      const both: ChannelSettings = {
        digestEnabled: true,
        digestTime: "08:30",
        digestTimezone: "Europe/Berlin",
        alertsEnabled: true,
        alertsMinUsd: 5e9,
        alertsTypes: ["investment", "compute_contract"],
        quietStart: 22,
        quietEnd: 7,
      };
      expect(alerts).toEqual(both);
      expect(await s.settings.settings(slackA)).toEqual(both);
      // A value can be cleared, and quiet hours may start at midnight.
      const cleared = await s.settings.update(
        slackA,
        { alertsMinUsd: null, quietStart: 0, alertsTypes: [] },
        "U1",
        at(2),
      );
      expect(cleared).toEqual({ ...both, alertsMinUsd: null, quietStart: 0, alertsTypes: [] });
      expect(await s.settings.settings(slackA)).toEqual(cleared);

      // Other channels, including the same channel id in another workspace, keep their own.
      expect(await s.settings.settings(slackB)).toEqual(DEFAULTS);
      expect(await s.settings.settings(discord)).toEqual(DEFAULTS);
      await s.settings.update(slackB, { digestEnabled: true }, "U9", T0);
      expect((await s.settings.settings(slackB)).digestTime).toBeNull();
      expect(await s.settings.settings(slackA)).toEqual(cleared);
    });

    it("keeps entities users added, with their aliases", async () => {
      const s = store();
      expect(await s.settings.customEntities()).toEqual([]);
      await s.settings.addCustomEntity(
        { id: "tensorwave", name: "TensorWave", aliases: ["Tensor Wave"] },
        "U1",
        T0,
      );
      await s.settings.addCustomEntity({ id: "fluidstack", name: "Fluidstack", aliases: [] }, "U2", at(1));
      const stored = await s.settings.customEntities();
      expect([...stored].sort((x, y) => x.id.localeCompare(y.id))).toEqual([
        { id: "fluidstack", name: "Fluidstack", aliases: [] },
        { id: "tensorwave", name: "TensorWave", aliases: ["Tensor Wave"] },
      ]);
    });
  });

  describe("health", () => {
    it("reports where the store lives and its schema version", async () => {
      const health = await store().health();
      expect(health.location.length).toBeGreaterThan(0);
      expect(Number.isInteger(health.schemaVersion)).toBe(true);
      expect(health.schemaVersion).toBeGreaterThan(0);
    });
  });
}
