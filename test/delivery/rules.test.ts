import { describe, expect, it } from "vitest";
import { alertRules, type Destination } from "../../src/delivery/destination.js";
import { InMemoryDeliveryStore } from "../../src/delivery/memory.js";
import {
  type AlertRenderer,
  enqueueDecision,
  materialChanges,
  planAlert,
  quietRelease,
  type StoryRevision,
  subjectOf,
} from "../../src/delivery/rules.js";
import { destination } from "./helpers.js";

const render: AlertRenderer = (r, { changes }) => ({
  title: `${r.storyId} r${r.revision}${changes.length ? ` (${changes.join(", ")})` : ""}`,
  sections: [],
});

function story(id: string, extra: Partial<StoryRevision> = {}): StoryRevision {
  return {
    storyId: id,
    revision: 1,
    type: "investment",
    amountUsd: null,
    status: "talks",
    parties: ["softbank", "openai"],
    entityIds: ["softbank", "openai"],
    sourceCount: 1,
    outlets: ["Outlet A"],
    backfill: false,
    ...extra,
  };
}

const channel = (rules: Parameters<typeof alertRules>[0], extra: Partial<Destination> = {}) =>
  destination("deals", { alerts: alertRules(rules), zone: "Europe/London", ...extra });

async function plan(store: InMemoryDeliveryStore, d: Destination, r: StoryRevision, at: string) {
  const now = new Date(at);
  const decision = await planAlert(store, d, r, now, render);
  await enqueueDecision(store, decision, now);
  return decision;
}

describe("alert rules", () => {
  it("alerts on a tracked company, as a party or a linked entity, and says why it did not otherwise", async () => {
    const store = new InMemoryDeliveryStore();
    const d = channel({ trackedEntityIds: ["nvidia"] });
    const asParty = await plan(store, d, story("s1", { parties: ["nvidia"] }), "2026-06-01T12:00:00Z");
    expect(asParty).toMatchObject({ action: "alert", entities: ["nvidia"] });
    const linked = await plan(
      store,
      d,
      story("s2", { entityIds: ["openai", "nvidia"] }),
      "2026-06-01T12:00:00Z",
    );
    expect(linked.action).toBe("alert");
    const other = await plan(store, d, story("s3"), "2026-06-01T12:00:00Z");
    expect(other).toEqual({ action: "none", reason: "it is about none of the channel's tracked companies" });
    expect(store.allRows().map((r) => r.key)).toEqual([
      "alert:slack:T1:deals:s1:1",
      "alert:slack:T1:deals:s2:1",
    ]);
  });

  it("filters by event type and minimum amount; a story without an amount still alerts", async () => {
    const store = new InMemoryDeliveryStore();
    const d = channel({
      trackedEntityIds: ["openai"],
      eventTypes: ["investment", "legal"],
      minAmountUsd: 1e9,
    });
    expect((await plan(store, d, story("small", { amountUsd: 5e8 }), "2026-06-01T12:00:00Z")).action).toBe(
      "none",
    );
    expect((await plan(store, d, story("big", { amountUsd: 4e10 }), "2026-06-01T12:00:00Z")).action).toBe(
      "alert",
    );
    expect((await plan(store, d, story("launch", { type: "launch" }), "2026-06-01T12:00:00Z")).action).toBe(
      "none",
    );
    expect((await plan(store, d, story("suit", { type: "legal" }), "2026-06-01T12:00:00Z")).action).toBe(
      "alert",
    );
  });

  it("never alerts on backfill, not even a material update of it", async () => {
    const store = new InMemoryDeliveryStore();
    const d = channel({ trackedEntityIds: ["openai"] });
    const first = await plan(store, d, story("old", { backfill: true }), "2026-06-01T12:00:00Z");
    expect(first).toEqual({ action: "none", reason: "it was stored as backfill, which never alerts" });
    const update = story("old", { backfill: true, revision: 2, status: "agreed", amountUsd: 1e9 });
    expect((await plan(store, d, update, "2026-06-01T12:05:00Z")).action).toBe("none");
    expect(store.allRows()).toEqual([]);
  });

  it("holds alerts in quiet hours until they end in the channel's zone", async () => {
    const store = new InMemoryDeliveryStore();
    const d = channel({ trackedEntityIds: ["openai"], quietHours: { startHour: 22, endHour: 7 } });
    // 23:30 BST on 1 June: held until 07:00 BST on 2 June (06:00 UTC).
    const night = await plan(store, d, story("s1"), "2026-06-01T22:30:00Z");
    expect(night).toMatchObject({ action: "alert", heldUntil: new Date("2026-06-02T06:00:00Z") });
    // 05:00 BST: the same morning's 07:00.
    const early = await plan(store, d, story("s2"), "2026-06-02T04:00:00Z");
    expect(early).toMatchObject({ heldUntil: new Date("2026-06-02T06:00:00Z") });
    // Noon: not held.
    const noon = await plan(store, d, story("s3"), "2026-06-02T11:00:00Z");
    expect(noon.action).toBe("alert");
    expect(noon).not.toHaveProperty("heldUntil");
    expect(store.allRows().map((r) => r.notBefore.toISOString())).toEqual([
      "2026-06-02T06:00:00.000Z",
      "2026-06-02T06:00:00.000Z",
      "2026-06-02T11:00:00.000Z",
    ]);
  });

  it("computes the end of quiet hours across a DST change and inside a daytime window", () => {
    // London springs forward on 29 March at 01:00 UTC: quiet until 07:00 BST is 06:00 UTC.
    expect(
      quietRelease({ startHour: 22, endHour: 7 }, "Europe/London", new Date("2026-03-28T23:00:00Z")),
    ).toEqual(new Date("2026-03-29T06:00:00Z"));
    expect(
      quietRelease({ startHour: 12, endHour: 14 }, "Asia/Kolkata", new Date("2026-06-01T07:00:00Z")),
    ).toEqual(new Date("2026-06-01T08:30:00Z"));
    expect(
      quietRelease({ startHour: 12, endHour: 14 }, "Asia/Kolkata", new Date("2026-06-01T09:00:00Z")),
    ).toBe(undefined);
  });

  it("caps top-level alerts per hour, rolls the rest into the digest and tells the channel once", async () => {
    const store = new InMemoryDeliveryStore();
    const d = channel({ trackedEntityIds: ["openai"], capPerHour: 3 });
    const actions: string[] = [];
    for (let i = 0; i < 6; i++) {
      const at = new Date(Date.parse("2026-06-01T12:00:00Z") + i * 60_000).toISOString();
      actions.push((await plan(store, d, story(`s${i}`), at)).action);
    }
    expect(actions).toEqual(["alert", "alert", "alert", "rolled", "rolled", "rolled"]);
    const notices = store.allRows().filter((r) => r.kind === "notice");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message.sections[0]?.lines[0]?.[0]?.text).toContain("next digest");
    const rolled = await store.rolledOver(d.key);
    expect(rolled.map((r) => r.subject?.storyId)).toEqual(["s3", "s4", "s5"]);
    // An hour after the first alert the window has room again.
    expect((await plan(store, d, story("later"), "2026-06-01T13:00:30Z")).action).toBe("alert");
  });

  it("counts alerts held overnight at the time they go out", async () => {
    const store = new InMemoryDeliveryStore();
    const d = channel({
      trackedEntityIds: ["openai"],
      capPerHour: 2,
      quietHours: { startHour: 22, endHour: 7 },
    });
    const actions: string[] = [];
    for (let i = 0; i < 3; i++)
      actions.push((await plan(store, d, story(`n${i}`), "2026-06-02T01:00:00Z")).action);
    expect(actions).toEqual(["alert", "alert", "rolled"]);
  });

  it("posts a material update into the first alert's thread and ignores the rest", async () => {
    const store = new InMemoryDeliveryStore();
    const d = channel({ trackedEntityIds: ["openai"] });
    await plan(store, d, story("s1"), "2026-06-01T12:00:00Z");
    const reworded = await plan(
      store,
      d,
      story("s1", { revision: 2, outlets: ["Outlet A", "Outlet B"] }),
      "2026-06-01T12:10:00Z",
    );
    expect(reworded).toEqual({ action: "none", reason: "nothing material changed since the last alert" });
    const agreed = await plan(
      store,
      d,
      story("s1", { revision: 3, status: "agreed", amountUsd: 4e10, outlets: ["Outlet A", "Outlet B"] }),
      "2026-06-01T13:00:00Z",
    );
    expect(agreed).toMatchObject({ action: "follow_up", changes: ["first_amount", "status"] });
    expect(agreed.action === "follow_up" && agreed.row.threadOf).toBe("alert:slack:T1:deals:s1:1");
    const third = await plan(
      store,
      d,
      story("s1", {
        revision: 4,
        status: "agreed",
        amountUsd: 4e10,
        outlets: ["Outlet A", "Outlet B", "Outlet C"],
      }),
      "2026-06-01T14:00:00Z",
    );
    expect(third).toMatchObject({ action: "follow_up", changes: ["third_outlet"] });
    expect(third.action === "follow_up" && third.row.threadOf).toBe("alert:slack:T1:deals:s1:1");
    // The same revision stored again (a second poll) is not alerted twice.
    expect((await plan(store, d, story("s1", { revision: 4 }), "2026-06-01T14:01:00Z")).action).toBe("none");
    expect(store.allRows().map((r) => [r.kind, r.key])).toEqual([
      ["alert", "alert:slack:T1:deals:s1:1"],
      ["follow_up", "alert:slack:T1:deals:s1:3"],
      ["follow_up", "alert:slack:T1:deals:s1:4"],
    ]);
  });

  it("finds each kind of material change, and none in a reworded revision", () => {
    const before = subjectOf(story("s", { amountUsd: null, status: "talks", outlets: ["A", "B"] }));
    expect(materialChanges(before, story("s", { outlets: ["A", "B"], amountUsd: null }))).toEqual([]);
    expect(materialChanges(before, story("s", { outlets: ["A", "B"], amountUsd: 1e9 }))).toEqual([
      "first_amount",
    ]);
    expect(materialChanges(before, story("s", { outlets: ["A", "B"], status: "agreed" }))).toEqual([
      "status",
    ]);
    expect(
      materialChanges(before, story("s", { outlets: ["A", "B"], parties: ["softbank", "openai", "oracle"] })),
    ).toEqual(["new_party"]);
    expect(materialChanges(before, story("s", { outlets: ["A", "B", "C"] }))).toEqual(["third_outlet"]);
    expect(
      materialChanges(
        subjectOf(story("s", { outlets: ["A", "B", "C"] })),
        story("s", { outlets: ["A", "B", "C", "D"] }),
      ),
    ).toEqual([]);
  });
});
