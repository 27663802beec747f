import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Message } from "../../src/chat/message.js";
import { renderDiscord } from "../../src/chat/render/discord.js";
import { renderSlack } from "../../src/chat/render/slack.js";
import { renderText } from "../../src/chat/render/text.js";
import { decodeBody } from "../../src/ingest/decode.js";
import { FeedError } from "../../src/ingest/errors.js";
import { parseFeed } from "../../src/ingest/parse.js";
import { openStore } from "../../src/store/index.js";

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

// Controls as raw characters, as XML character references and as HTML entities inside escaped HTML.
const controlChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.constantFrom(0x200b, 0x200c, 0x200d, 0x200e, 0x202a, 0x202e, 0x2060, 0x2066, 0x2069, 0xfeff, 0xad),
);
const piece = fc.oneof(
  fc.string({ maxLength: 20 }),
  controlChar.map((c) => String.fromCodePoint(c)),
  controlChar.map((c) => `&#${c};`),
  controlChar.map((c) => `&amp;#x${c.toString(16)};`),
  fc.constantFrom("\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "OpenAI", "<b>", "</b>", "&amp;", "]]>", "\r\n"),
);
const hostileText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

function feedXml(title: string, items: { title: string; body: string; author: string; cat: string }[]) {
  const entries = items
    .map(
      (item, i) =>
        `<item><title>${item.title}</title><link>https://w.example/${i}</link><guid isPermaLink="false">g${i}</guid><author>${item.author}</author><category>${item.cat}</category><description><![CDATA[${item.body}]]></description></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${entries}</channel></rss>`;
}

const feedBytes = fc.oneof(
  // A well-formed feed carrying hostile text in every field.
  fc
    .record({
      title: hostileText,
      items: fc.array(
        fc.record({ title: hostileText, body: hostileText, author: hostileText, cat: hostileText }),
        { minLength: 1, maxLength: 4 },
      ),
    })
    .map(({ title, items }) => Buffer.from(feedXml(title, items), "utf8")),
  // Random bytes, alone or inside a feed's title.
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
  fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) =>
      Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><item><title>'),
        Buffer.from(bytes.filter((b) => b !== 0x3c && b !== 0x26)),
        Buffer.from("</title><link>https://w.example/x</link></item></channel></rss>"),
      ]),
    ),
);

const store = await openStore(":memory:");
const { feeds, items } = store;
afterAll(() => store.close());

function everyRendering(message: Message): string[] {
  const slack = renderSlack(message);
  const discord = renderDiscord(message);
  return [
    renderText(message),
    slack.text,
    ...slack.blocks.flatMap((b) => (b.type === "context" ? b.elements.map((e) => e.text) : [b.text.text])),
    ...discord.embeds.flatMap((e) => [e.title, e.description ?? "", e.footer?.text ?? ""]),
  ];
}

describe("random bytes and control characters: parse -> store -> every renderer", () => {
  it("never crashes and never lets a control character out", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(feedBytes, async (bytes) => {
        const { text } = decodeBody(bytes, "application/rss+xml");
        let parsed: Awaited<ReturnType<typeof parseFeed>>;
        try {
          parsed = await parseFeed(text, { url: "https://w.example/feed" });
        } catch (error) {
          // A document that is not a feed is refused with a reason, never anything else.
          expect(error).toBeInstanceOf(FeedError);
          expect((error as FeedError).reason).not.toMatch(CONTROL);
          return;
        }
        const { feed } = await feeds.add(`https://w.example/feed/${run++}`, new Date(), parsed.title);
        await items.insert(feed.id, parsed.items, { now: new Date(), backfill: true });
        const stored = (await items.latest(parsed.items.length + 5)).filter((i) => i.feedId === feed.id);
        const feedTitle = (await feeds.byId(feed.id))?.title ?? "";
        for (const item of stored) {
          for (const field of [item.title, item.summary, item.author ?? "", ...item.categories]) {
            expect(field).not.toMatch(CONTROL);
            expect(field).not.toMatch(INVISIBLE);
          }
        }
        const message: Message = {
          title: parsed.title || "untitled",
          sections: [
            {
              heading: feedTitle,
              lines: stored.map((i) => [
                { text: i.title, href: i.url ?? "https://w.example/" },
                { text: ` ${i.summary} — ${i.author ?? ""}`, bold: true },
              ]),
            },
          ],
          footer: stored.flatMap((i) => i.categories).join(", "),
        };
        for (const out of everyRendering(message)) expect(out).not.toMatch(CONTROL);
      }),
      { numRuns: 300 },
    );
  });

  it("renderers strip what did not come through a feed (user input, anything added later)", () => {
    fc.assert(
      fc.property(hostileText, hostileText, (title, text) => {
        const message: Message = { title, sections: [{ heading: text, lines: [[{ text }]] }], footer: text };
        for (const out of everyRendering(message)) expect(out).not.toMatch(CONTROL);
        expect(renderText(message)).not.toMatch(INVISIBLE);
      }),
      { numRuns: 500 },
    );
  });
});
