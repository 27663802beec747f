import type { Line, Message } from "../message.js";
import { safeMessage } from "./safe.js";

function line(spans: Line): string {
  return spans.map((s) => (s.href ? `${s.text} <${s.href}>` : s.text)).join("");
}

/** Plain text for the console and the CLI. */
export function renderText(input: Message): string {
  const message = safeMessage(input);
  const out: string[] = [message.kind === "error" ? `✗ ${message.title}` : message.title];
  for (const section of message.sections) {
    out.push("");
    if (section.heading) out.push(`== ${section.heading} ==`);
    for (const l of section.lines) out.push(`• ${line(l)}`);
  }
  if (message.footer) out.push("", message.footer);
  return out.join("\n");
}
