import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Message } from "../../src/chat/message.js";
import { renderDiscord } from "../../src/chat/render/discord.js";
import { renderSlack } from "../../src/chat/render/slack.js";

// Strings a feed or a user could send: mentions, markup, entities, links, very long runs.
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    "<!here>",
    "<!channel>",
    "<!everyone>",
    "<@U024BE7LH>",
    "<#C024BE7LH>",
    "<!subteam^S123>",
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@&987654321>",
    "&lt;!here&gt;",
    "<https://evil.example|click>",
    "[x](https://evil.example)",
    "*bold* _it_ ~st~ `code` ||spoiler||",
    "a".repeat(5_000),
  ),
  fc
    .array(fc.constantFrom("<", ">", "&", "!", "@", "here", "channel", "everyone", "|", "#", "^", " "), {
      maxLength: 40,
    })
    .map((a) => a.join("")),
);

const message = fc.record({
  title: hostile,
  footer: fc.option(hostile, { nil: undefined }),
  sections: fc.array(
    fc.record({
      heading: fc.option(hostile, { nil: undefined }),
      lines: fc.array(
        fc.array(
          fc.record({
            text: hostile,
            href: fc.option(fc.oneof(fc.webUrl(), hostile), { nil: undefined }),
            bold: fc.option(fc.boolean(), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        { maxLength: 80 },
      ),
    }),
    { maxLength: 6 },
  ),
}) as fc.Arbitrary<Message>;

function slackTexts(rendered: ReturnType<typeof renderSlack>): string[] {
  return [
    rendered.text,
    ...rendered.blocks.flatMap((b) =>
      b.type === "section" ? [b.text.text] : b.type === "context" ? b.elements.map((e) => e.text) : [],
    ),
  ];
}

describe("no feed or user text can ping anyone or break a platform limit", () => {
  it("Slack: no mention or link markup but our own links, at most 50 blocks of 3,000 characters", () => {
    fc.assert(
      fc.property(message, (m) => {
        const rendered = renderSlack(m);
        expect(rendered.blocks.length).toBeLessThanOrEqual(50);
        const header = rendered.blocks[0];
        if (header?.type === "header") expect(header.text.text.length).toBeLessThanOrEqual(150);
        for (const text of slackTexts(rendered)) {
          expect(text.length).toBeLessThanOrEqual(3_000);
          // Our own links are <http(s)://...|label>; nothing else may open Slack markup.
          const withoutLinks = text.replace(/<https?:\/\/[^|<>\s]+\|[^<>]*>/g, "");
          expect(withoutLinks).not.toMatch(/[<>]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("Discord: parse no mentions, neutralise @everyone and <@…>, stay within embed limits", () => {
    fc.assert(
      fc.property(message, (m) => {
        const rendered = renderDiscord(m);
        expect(rendered.allowed_mentions).toEqual({ parse: [] });
        const embed = rendered.embeds[0];
        expect(embed).toBeDefined();
        if (!embed) return;
        expect(embed.title.length).toBeLessThanOrEqual(256);
        expect((embed.description ?? "").length).toBeLessThanOrEqual(4_096);
        expect((embed.footer?.text ?? "").length).toBeLessThanOrEqual(2_048);
        expect(
          embed.title.length + (embed.description ?? "").length + (embed.footer?.text ?? "").length,
        ).toBeLessThanOrEqual(6_000);
        for (const text of [embed.title, embed.description ?? "", embed.footer?.text ?? ""]) {
          expect(text).not.toMatch(/@(everyone|here)/i);
          expect(text).not.toMatch(/<[@#&!]/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
