/**
 * The platform-neutral answer every command returns. Renderers turn it into Slack Block Kit,
 * Discord embeds or terminal text; nothing here knows a platform.
 */
export interface Span {
  text: string;
  href?: string;
  bold?: boolean;
}

/** One line of an answer: spans of (untrusted) text, some of them links. */
export type Line = Span[];

export interface Section {
  heading?: string;
  lines: Line[];
}

export interface Message {
  title: string;
  sections: Section[];
  /** A closing note: counts, "and N more — use …", hints. */
  footer?: string;
  /** Errors and help go only to the person who asked. */
  ephemeral?: boolean;
  kind?: "answer" | "error";
}

export const span = (text: string, extra: Omit<Span, "text"> = {}): Span => ({ text, ...extra });
export const link = (text: string, href: string | null | undefined): Span =>
  href ? { text, href } : { text };
export const bold = (text: string): Span => ({ text, bold: true });

/** The one-sentence error with an example that works. */
export function errorMessage(problem: string, example?: string): Message {
  return {
    title: "Sorry",
    sections: [
      { lines: [[span(problem)], ...(example ? [[span("Try: "), span(example, { bold: true })]] : [])] },
    ],
    ephemeral: true,
    kind: "error",
  };
}
