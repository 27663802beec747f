import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import type { CommandContext } from "../../src/chat/command.js";
import { dispatch } from "../../src/chat/dispatch.js";
import type { Message } from "../../src/chat/message.js";
import { renderDiscord } from "../../src/chat/render/discord.js";
import { renderSlack } from "../../src/chat/render/slack.js";
import { renderText } from "../../src/chat/render/text.js";
import { silentLogger } from "../../src/log.js";
import { contextFor, goldApp } from "../helpers/briefing.js";

const app = await goldApp();
afterAll(async () => {
  await app.close();
});
const admin = await contextFor(app, { id: "U-admin", isAdmin: true });
const member = await contextFor(app, { id: "U-member", isAdmin: false });

async function runIn(line: string, ctx: CommandContext): Promise<{ message: Message; text: string }> {
  const [name = "", ...rest] = line.replace(/^\//, "").split(" ");
  const message = await dispatch(commands, name, { text: rest.join(" ") }, ctx, silentLogger);
  return { message, text: renderText(message) };
}

const run = (line: string, ctx: CommandContext = member) => runIn(line, ctx);

describe("/deals", () => {
  it("lists deals largest first, one line each with amount, parties, status and every source linked", async () => {
    const { text, message } = await run("/deals openai since:2y");
    expect(message.kind).not.toBe("error");
    const lines = text.split("\n").filter((l) => l.startsWith("• "));
    expect(lines[0]).toMatch(/OpenAI.* · .*\$(1\.4T|500B|300B)/);
    const softbank = lines.find((l) => l.includes("SoftBank → OpenAI · investment · $40B"));
    expect(softbank).toMatch(
      /2 sources: .*<https:\/\/gold\.infrawire\.invalid\/.*>, .*<https:\/\/gold\.infrawire\.invalid\//,
    );
    const amounts = lines.map((l) => /\$(\d+(?:\.\d+)?)([BT])/.exec(l)).filter((m) => m !== null);
    const values = amounts.map((m) => Number(m[1]) * (m[2] === "T" ? 1000 : 1));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("filters by minimum amount and type", async () => {
    const { text } = await run("/deals min:$50B type:compute_contract since:2y");
    const lines = text.split("\n").filter((l) => l.startsWith("• "));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toContain("compute contract · ");
      // Every figure the line shows for the deal (outlets may disagree) is at least $50B.
      const figures = [...line.matchAll(/\$(\d+(?:\.\d+)?)([BT])/g)].map(
        (m) => Number(m[1]) * (m[2] === "T" ? 1e12 : 1e9),
      );
      expect(figures.length).toBeGreaterThan(0);
      expect(Math.max(...figures)).toBeGreaterThanOrEqual(50e9);
    }
  });

  it("answers a bad option with one sentence and an example that works", async () => {
    const { message, text } = await run("/deals min:lots");
    expect(message.kind).toBe("error");
    expect(text).toContain("min:lots is not an amount like $1B, 500M or 1.5bn.");
    expect(text).toContain("Try: /deals min:$1B");
    expect((await run("/deals color:blue")).text).toMatch(
      /"color:" is not an option of this command \(it takes min:, type:, since:\)/,
    );
    expect((await run("/deals type:cake")).text).toMatch(/"cake" is not one of investment, valuation/);
    // An amount past any real deal is a typo, not a filter: refused, never "$InfinityT".
    const huge = (await run(`/deals min:$${"9".repeat(400)}B`)).text;
    expect(huge).toContain("is not an amount like $1B");
    expect(huge).not.toContain("Infinity");
    expect((await run("/deals min:$900T")).text).toContain(
      "min:$900T is larger than any deal ($100T at most).",
    );
  });

  it("says what was searched and suggests a wider window when nothing matches", async () => {
    const { text } = await run("/deals nvidia since:1d");
    expect(text).toContain("No deals about Nvidia in the last day.");
    expect(text).toContain("/deals nvidia since:3d");
  });
});

describe("/brief", () => {
  it("resolves a product to its company and shows valuation, deals and disputes", async () => {
    const { text } = await run("/brief claude sonnet since:2y");
    expect(text).toMatch(/^Brief: Anthropic — the last 2 years/);
    expect(text).toMatch(/== Latest valuation ==\n• \$183B/);
    expect(text).toContain("== Deals ==");
    expect(text).toContain("== Controversies and legal ==");
    expect((await run("/brief trainium since:2y")).text).toMatch(/^Brief: Amazon/);
  });

  it("offers did-you-mean for a misspelt company", async () => {
    const { message, text } = await run("/brief opnai");
    expect(message.kind).toBe("error");
    expect(text).toContain('"opnai" is not a tracked company, product or person. Did you mean OpenAI');
    expect(text).toContain("Try: /brief openai");
  });

  it("groups the period's top stories by type", async () => {
    const { text } = await run("/brief since:2y");
    expect(text).toContain("== Investments ==");
    expect(text).toContain("== Compute contracts ==");
    expect(text).toContain("== Legal ==");
  });
});

describe("/valuations, /controversies, /search", () => {
  it("shows the latest valuation per company and one company's history", async () => {
    // The latest OpenAI figure in the gold set: talks over a round that "could value it at more than $750 billion".
    expect((await run("/valuations")).text).toMatch(/• OpenAI >\$750B · 2026-01-28 · talks/);
    const anthropic = await run("/valuations anthropic");
    expect(anthropic.text).toMatch(/• Anthropic \$183B · 2025-\d\d-\d\d · closed · .*<https:/);
  });

  it("lists legal and controversy stories newest first", async () => {
    const { text } = await run("/controversies openai since:2y");
    const dates = [...text.matchAll(/\((\d{4}-\d\d-\d\d)\)/g)].map((m) => m[1] as string);
    expect(dates.length).toBeGreaterThan(1);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(text).toMatch(/legal|controversy/);
  });

  it("searches stored articles and links them", async () => {
    const { text } = await run("/search hyperion blue owl");
    expect(text).toMatch(/• 2025-\d\d-\d\d .*Hyperion.* <https:\/\/gold\.infrawire\.invalid\//);
    expect((await run("/search")).text).toContain("words is missing.");
  });
});

describe("/track, /digest, /alerts: channel settings", () => {
  it("keeps a watchlist per channel, through aliases, with suggestions for unknown names", async () => {
    const channel = await contextFor(app, { id: "U-member", isAdmin: false }, "C-track");
    expect((await run("/track list", channel)).text).toContain("Nothing tracked in this channel yet.");
    expect((await run("/track add aws", channel)).text).toMatch(/^Tracking Amazon/);
    expect((await run("/track add amazon", channel)).text).toMatch(/^Amazon is already tracked/);
    expect((await run("/track add nvdia", channel)).text).toMatch(/Did you mean: \/track add nvidia/);
    expect((await run("/track list", channel)).text).toMatch(/Watchlist \(1\)\n\n• Amazon \(amazon\)/);
    expect((await run("/track remove amazon", channel)).text).toMatch(/^Stopped tracking Amazon/);
    expect(await app.store.settings.watchlist(channel.channel)).toEqual([]);
  });

  it("lets an admin add an unknown company with its aliases, and then resolves it", async () => {
    // The entity directory is read per request, as the adapters do.
    const runFresh = async (line: string, ctx: CommandContext) =>
      runIn(line, await contextFor(app, ctx.caller, ctx.channel.channelId));
    const channel = await contextFor(app, { id: "U-member", isAdmin: false }, "C-custom");
    const unknown = await runFresh("/track add Zephyr Compute", channel);
    expect(unknown.text).toContain('"Zephyr Compute" is not a tracked company, product or person.');
    expect(unknown.text).toContain(`/track add Zephyr Compute aliases:"Zephyr Compute,ZephyrCompute"`);
    expect((await runFresh('/track add Zephyr Compute aliases:"Zephyr,ZC Cloud"', channel)).text).toContain(
      "Only admins can add a new entity.",
    );
    const adminHere = await contextFor(app, { id: "U-admin", isAdmin: true }, "C-custom");

    expect((await runFresh('/track add Zephyr Compute aliases:"Zephyr,ZC Cloud"', adminHere)).text).toMatch(
      /^Tracking Zephyr Compute/,
    );
    expect((await runFresh("/track add zc cloud", adminHere)).text).toMatch(
      /^Zephyr Compute is already tracked/,
    );
    // An alias the matcher could never find is refused, with the rule.
    expect((await runFresh('/track add Baidu Kunlun aliases:"百度,Kunlun"', adminHere)).text).toContain(
      '"百度" cannot be matched in articles: names must be at least two characters and start with a Latin letter or digit',
    );
    expect((await runFresh("/track add Baidu Kunlun", adminHere)).text).toContain("is not a tracked company");
    expect((await app.intel.get()).matcher.mentions("ZC Cloud signs a deal").map((m) => m.entityId)).toEqual([
      "zephyr-compute",
    ]);
  });

  it("stores a digest time with its zone, and refuses bad times and zones", async () => {
    expect((await run("/digest on 25:00", admin)).text).toContain('"25:00" is not a time of day like 08:30.');
    expect((await run("/digest on 08:30 Mars/Olympus", admin)).text).toContain(
      '"Mars/Olympus" is not a time zone.',
    );
    expect((await run("/digest on 8:30 Europe/London", admin)).text).toContain(
      "every day at 08:30 Europe/London",
    );
    const stored = await app.store.settings.settings(admin.channel);
    expect(stored).toMatchObject({
      digestEnabled: true,
      digestTime: "08:30",
      digestTimezone: "Europe/London",
    });
  });

  it("stores alert filters", async () => {
    const { text } = await run("/alerts on min:$1B types:investment,acquisition quiet:22-07", admin);
    expect(text).toContain("Filters: at least $1B; investment, acquisition; quiet 22:00–7:00.");
    expect((await run("/alerts on types:gossip", admin)).text).toContain('"gossip" is not an event type');
    expect((await run("/alerts on min:$5000T", admin)).text).toContain("is larger than any deal");
    expect((await app.store.settings.settings(admin.channel)).alertsMinUsd).toBe(1e9);
    expect((await run("/alerts", member)).text).toMatch(/^Alerts are on/);
  });
});

describe("permissions and help", () => {
  it("keeps admin actions for admins and lets everyone read", async () => {
    const refused = await run("/feeds add https://example.com/feed", member);
    expect(refused.message.kind).toBe("error");
    expect(refused.text).toContain("/feeds add is for admins");
    expect((await run("/digest off", member)).text).toContain("/digest off is for admins");
    expect((await run("/feeds list", member)).text).toMatch(/^Feeds \(\d+\)/);
  });

  it("lists every command with an example, and explains one", async () => {
    const { text } = await run("/help");
    for (const c of commands) expect(text).toContain(`/${c.name} — `);
    const deals = (await run("/help deals")).text;
    expect(deals).toContain("min: smallest amount");
    expect(deals).toContain("/deals openai min:$5B since:90d");
    expect((await run("/help nope")).text).toContain("There is no /nope command.");
    expect((await run("/frobnicate")).text).toContain("There is no /frobnicate command.");
  });
});

describe("native options (Discord slash-command options)", () => {
  it("takes options as fields and checks them like free text", async () => {
    const ok = await dispatch(
      commands,
      "deals",
      { options: { entity: "aws", min: "$10B", since: "2y" } },
      member,
      silentLogger,
    );
    expect(ok.title).toBe("Deals: Amazon — the last 2 years");
    const bad = await dispatch(commands, "deals", { options: { since: "soon" } }, member, silentLogger);
    expect(bad.kind).toBe("error");
    expect(renderText(bad)).toContain("since:soon is not a period like 7d, 24h, 2w, 3m or 2y.");
  });
});

describe("rendering real answers", () => {
  it("keeps the deal ledger within Slack's and Discord's limits", async () => {
    const { message } = await run("/brief since:2y");
    const slack = renderSlack(message);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    for (const block of slack.blocks) {
      if (block.type === "section") expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    const discord = renderDiscord(message);
    const embed = discord.embeds[0];
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect((embed?.description ?? "").length).toBeLessThanOrEqual(4096);
    expect(
      (embed?.title.length ?? 0) + (embed?.description?.length ?? 0) + (embed?.footer?.text.length ?? 0),
    ).toBeLessThanOrEqual(6000);
  });
});
