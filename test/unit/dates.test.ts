import { describe, expect, it } from "vitest";
import { normalizeDate, parseFeedDate } from "../../src/ingest/dates.js";

const iso = (text: string) => parseFeedDate(text)?.toISOString();

describe("feed dates", () => {
  it.each([
    ["Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21.000Z"],
    ["01 Jan 2004 19:48:21 +0100", "2004-01-01T18:48:21.000Z"],
    ["Thu, 1 Jan 04 19:48 EST", "2004-01-02T00:48:00.000Z"],
    ["Tue, 4 Nov 2025 10:00:00 PDT", "2025-11-04T17:00:00.000Z"],
    ["Wed, 5 Sept 2025 10:00:00", "2025-09-05T10:00:00.000Z"],
    ["2004-01-01T19:48:21Z", "2004-01-01T19:48:21.000Z"],
    ["2004-01-01T19:48:21.250+02:00", "2004-01-01T17:48:21.250Z"],
    ["2004-01-01T19:48:21", "2004-01-01T19:48:21.000Z"],
    ["2004-01-01", "2004-01-01T00:00:00.000Z"],
    ["20040101T194821Z", "2004-01-01T19:48:21.000Z"],
    ["November 3, 2025 2:30 pm", "2025-11-03T14:30:00.000Z"],
    ["3 November 2025", "2025-11-03T00:00:00.000Z"],
  ])("parses %s", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it("returns nothing for text that is not a date", () => {
    expect(parseFeedDate("soon")).toBeUndefined();
    expect(parseFeedDate("")).toBeUndefined();
    expect(parseFeedDate("2025-13-45")).toBeUndefined();
  });

  it("never puts an item more than a day in the future", () => {
    const now = new Date("2025-11-05T12:00:00Z");
    expect(normalizeDate("2030-01-01T00:00:00Z", now)).toBe(now.toISOString());
    expect(normalizeDate("2025-11-06T06:00:00Z", now)).toBe("2025-11-06T06:00:00.000Z");
  });
});
