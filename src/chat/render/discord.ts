import type { Line, Message } from "../message.js";
import { safeMessage } from "./safe.js";

// Discord's embed limits.
export const DISCORD_LIMITS = { title: 256, description: 4_096, footer: 2_048, total: 6_000 };

export interface DiscordEmbed {
  title: string;
  description?: string;
  footer?: { text: string };
  color?: number;
}

export interface DiscordMessage {
  embeds: DiscordEmbed[];
  /** No feed or user text may ping anyone, ever. */
  allowed_mentions: { parse: [] };
  flags?: number;
}

const EPHEMERAL = 1 << 6;

/** Neutralises Discord markdown and mention syntax in untrusted text. */
export function escapeDiscord(text: string): string {
  return noMentions(text.replace(/[\\*_~`|>[\]()]/g, (c) => `\\${c}`));
}

/** Mention syntax can form across pieces ("@" + "everyone"): applied to every finished string. */
function noMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, "@\u200b$1").replace(/<([@#&!:])/g, "<\u200b$1");
}

function safeUrl(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href.replace(/\)/g, "%29") : undefined;
  } catch {
    return undefined;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function markdownLine(spans: Line): string {
  return spans
    .map((s) => {
      const text = escapeDiscord(s.text);
      const url = s.href ? safeUrl(s.href) : undefined;
      const body = url ? `[${text}](${url})` : text;
      return s.bold ? `**${body}**` : body;
    })
    .join("");
}

/** One embed within Discord's limits: sections become paragraphs of the description. */
export function renderDiscord(input: Message): DiscordMessage {
  const message = safeMessage(input);
  const title = clip(escapeDiscord(message.title), DISCORD_LIMITS.title);
  const footerRoom = 200;
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - title.length - footerRoom) - 40;
  const parts: string[] = [];
  let used = 0;
  let dropped = 0;
  for (const section of message.sections) {
    if (section.heading) {
      const heading = clip(`**${escapeDiscord(section.heading)}**`, 300);
      if (used + heading.length + 2 <= room) {
        parts.push(heading);
        used += heading.length + 2;
      }
    }
    for (const line of section.lines) {
      const piece = clip(noMentions(`• ${markdownLine(line)}`), 1_000);
      if (used + piece.length + 1 > room) {
        dropped++;
        continue;
      }
      parts.push(piece);
      used += piece.length + 1;
    }
    parts.push("");
  }
  const description = parts.join("\n").trim();
  const notes = [message.footer ?? "", dropped > 0 ? `…and ${dropped} more lines` : ""]
    .filter(Boolean)
    .join(" · ");
  const embed: DiscordEmbed = { title, color: message.kind === "error" ? 0xd9534f : 0x3b82f6 };
  if (description) embed.description = description;
  if (notes) embed.footer = { text: clip(noMentions(notes), footerRoom - 10) };
  return {
    embeds: [embed],
    allowed_mentions: { parse: [] },
    ...(message.ephemeral ? { flags: EPHEMERAL } : {}),
  };
}
