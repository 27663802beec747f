// Text from a feed or a user ends up in a terminal, a log file and chat messages. C0 and C1
// control characters there are commands (ESC starts the sequences that clear the screen or
// retitle the window, BEL rings, CR overwrites the line), never content, so they go. Newline
// and tab are the two that text legitimately carries.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Characters that are invisible yet change what a reader or a matcher sees: bidi embeddings,
// overrides and isolates reorder text on screen ("Trojan Source"); zero-width spaces, joiners,
// the word joiner, the byte-order mark, soft hyphens and direction marks split a name in two so
// that "Open\u200bAI" is no longer OpenAI. A zero-width joiner between two pictographs is part
// of an emoji sequence (a family, a flag with a sign) and is kept there; anywhere else it goes.
const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|(?<!\p{Extended_Pictographic}[\u{fe0f}\u{1f3fb}-\u{1f3ff}]?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const ANY_INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Removes C0 and C1 control characters except newline and tab. */
export function stripControls(text: string): string {
  return ANY_CONTROL.test(text) ? text.replace(CONTROLS, "") : text;
}

/** Removes bidi controls and zero-width characters (keeping the joiners inside emoji sequences). */
export function stripInvisible(text: string): string {
  return ANY_INVISIBLE.test(text) ? text.replace(INVISIBLE, "") : text;
}

/** What may reach a terminal, a log line or a chat message from untrusted text. */
export function safeText(text: string): string {
  return stripInvisible(stripControls(text));
}
