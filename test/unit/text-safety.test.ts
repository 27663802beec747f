import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { safeText } from "../../src/text-safety.js";

describe("safeText", () => {
  it("drops controls but keeps newlines and tabs", () => {
    expect(safeText("a\x1b]0;pwned\x07b\x9b2J\r\n\tc\x00")).toBe("a]0;pwnedb2J\n\tc");
  });

  it("joins names split by zero-width and bidi characters, keeps emoji sequences whole", () => {
    expect(safeText("Open\u200bAI, Open\u200dAI, Nvi\u00addia, \u202eAMD\u202c, \u2066Intel\u2069")).toBe(
      "OpenAI, OpenAI, Nvidia, AMD, Intel",
    );
    const family = "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}";
    const technologist = "\u{1f469}\u{1f3fd}\u200d\u{1f4bb}";
    expect(safeText(`${family} ${technologist}`)).toBe(`${family} ${technologist}`);
  });
});

describe("log lines", () => {
  it("carry feed text without its escape sequences, in text and JSON format", () => {
    const lines: string[] = [];
    for (const json of [false, true]) {
      createLogger("info", (l) => lines.push(l), json).info("new item \x1b[2J", {
        title: "Big\x1b]0;pwned\x07deal\u202e",
      });
    }
    expect(lines[0]).toMatch(/ info {2}new item \[2J title=Big\]0;pwneddeal$/);
    expect(JSON.parse(lines[1] ?? "")).toMatchObject({ message: "new item [2J", title: "Big]0;pwneddeal" });
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});
