import type { Line, Message } from "../message.js";
import { safeMessage } from "./safe.js";

// Slack's limits: 50 blocks per message, 3,000 characters per section text, 150 per header.
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_TEXT = 3_000;
const HEADER_MAX = 150;

export type SlackBlock =
  | { type: "header"; text: { type: "plain_text"; text: string } }
  | { type: "section"; text: { type: "mrkdwn"; text: string } }
  | { type: "context"; elements: { type: "mrkdwn"; text: string }[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  response_type?: "ephemeral" | "in_channel";
}

/**
 * Escapes feed and user text for mrkdwn: with & < > escaped, no text can form a mention
 * (<!here>, <!channel>, <@U…>) or a link; our own markup is added after escaping.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function safeUrl(href: string): string | undefined {
  try {
    const url = new URL(href);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    // `|`, `<` and `>` would end Slack's <url|label> markup early.
    return url.href.replace(/\|/g, "%7C").replace(/>/g, "%3E").replace(/</g, "%3C");
  } catch {
    return undefined;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Clips escaped text without cutting an entity such as "&amp;" in half. */
function clipEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, "")}…`;
}

/**
 * One line of mrkdwn within `max` characters. Spans are added whole while they fit; the one
 * that does not is clipped as text (a link that cannot fit whole becomes plain text), so
 * clipping never leaves half of our own <url|label> markup behind.
 */
function mrkdwnLine(spans: Line, max: number): string {
  let out = "";
  for (const s of spans) {
    const room = max - out.length;
    if (room <= 1) break;
    // A zero-width space keeps feed text from switching on bold, italics or code.
    const text = escapeSlack(s.text).replace(/[*_~`]/g, (c) => `\u200b${c}`);
    const url = s.href ? safeUrl(s.href) : undefined;
    let piece = url ? `<${url}|${text.replace(/\|/g, "¦")}>` : text;
    if (s.bold) piece = `*${piece}*`;
    if (piece.length <= room) {
      out += piece;
      continue;
    }
    out += clipEscaped(text, room);
    break;
  }
  return out;
}

/** Block Kit within Slack's limits; lines that do not fit are counted in a closing note. */
export function renderSlack(input: Message): SlackMessage {
  const message = safeMessage(input);
  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: clip(message.title, HEADER_MAX) } },
  ];
  const reserve = 2;
  let dropped = 0;
  for (const section of message.sections) {
    let chunk = section.heading ? `*${clipEscaped(escapeSlack(section.heading), 500)}*\n` : "";
    let lines = 0;
    const flush = () => {
      if (lines === 0) return;
      if (blocks.length < SLACK_MAX_BLOCKS - reserve)
        blocks.push({ type: "section", text: { type: "mrkdwn", text: chunk } });
      else dropped += lines;
      chunk = "";
      lines = 0;
    };
    for (const line of section.lines) {
      const rendered = `• ${mrkdwnLine(line, SLACK_MAX_TEXT - 600)}`;
      if (chunk.length + rendered.length + 1 > SLACK_MAX_TEXT) flush();
      chunk += `${rendered}\n`;
      lines++;
    }
    flush();
  }
  const notes = [
    message.footer ? escapeSlack(message.footer) : "",
    dropped > 0 ? `…and ${dropped} more lines` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  if (notes)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(notes, SLACK_MAX_TEXT) }] });
  return {
    text: clip(escapeSlack(message.title), SLACK_MAX_TEXT),
    blocks,
    ...(message.ephemeral ? { response_type: "ephemeral" as const } : {}),
  };
}
