import { safeText } from "../../text-safety.js";
import type { Message, Span } from "../message.js";

function safeSpan(span: Span): Span {
  const out: Span = { ...span, text: safeText(span.text) };
  if (span.href !== undefined) out.href = safeText(span.href);
  return out;
}

/**
 * The message with every piece of text stripped of control and invisible characters. Stored feed
 * text is clean already; this covers what a user typed and anything a later source adds, so no
 * renderer hands a terminal or a chat client an escape sequence.
 */
export function safeMessage(message: Message): Message {
  const out: Message = {
    ...message,
    title: safeText(message.title),
    sections: message.sections.map((section) => ({
      ...section,
      ...(section.heading !== undefined ? { heading: safeText(section.heading) } : {}),
      lines: section.lines.map((line) => line.map(safeSpan)),
    })),
  };
  if (message.footer !== undefined) out.footer = safeText(message.footer);
  return out;
}
