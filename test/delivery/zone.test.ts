import { describe, expect, it } from "vitest";
import { addDays, instantOf, isValidZone, localDateOf, localParts } from "../../src/delivery/zone.js";

const iso = (t: number) => new Date(t).toISOString();

describe("instantOf: a local wall time in a zone", () => {
  it("reads ordinary times with the zone's offset, half-hour zones included", () => {
    expect(iso(instantOf("America/New_York", "2026-06-01", 8, 0))).toBe("2026-06-01T12:00:00.000Z");
    expect(iso(instantOf("America/New_York", "2026-12-01", 8, 0))).toBe("2026-12-01T13:00:00.000Z");
    expect(iso(instantOf("Asia/Kolkata", "2026-12-01", 9, 0))).toBe("2026-12-01T03:30:00.000Z");
    expect(iso(instantOf("Pacific/Chatham", "2026-07-01", 9, 0))).toBe("2026-06-30T20:15:00.000Z");
  });

  it("moves a time inside the spring-forward gap to the end of the gap", () => {
    // New York skips 02:00–03:00 on 8 March 2026; 03:00 EDT is 07:00 UTC.
    expect(iso(instantOf("America/New_York", "2026-03-08", 2, 30))).toBe("2026-03-08T07:00:00.000Z");
    // London skips 01:00–02:00 on 29 March 2026; 02:00 BST is 01:00 UTC.
    expect(iso(instantOf("Europe/London", "2026-03-29", 1, 15))).toBe("2026-03-29T01:00:00.000Z");
    // Lord Howe moves by half an hour: 02:00 becomes 02:30 on 4 October 2026.
    expect(iso(instantOf("Australia/Lord_Howe", "2026-10-04", 2, 10))).toBe("2026-10-03T15:30:00.000Z");
  });

  it("takes the first of the two instants of a repeated hour", () => {
    // 01:30 happens in EDT (05:30 UTC) and again in EST (06:30 UTC) on 1 November 2026.
    expect(iso(instantOf("America/New_York", "2026-11-01", 1, 30))).toBe("2026-11-01T05:30:00.000Z");
    expect(iso(instantOf("Europe/London", "2026-10-25", 1, 15))).toBe("2026-10-25T00:15:00.000Z");
    expect(iso(instantOf("Australia/Lord_Howe", "2026-04-05", 1, 45))).toBe("2026-04-04T14:45:00.000Z");
  });

  it("reads local dates and steps over month and year ends", () => {
    expect(localDateOf(localParts("Asia/Kolkata", Date.parse("2026-12-31T19:00:00Z")))).toBe("2027-01-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("knows a real zone from a typo", () => {
    expect(isValidZone("Europe/London")).toBe(true);
    expect(isValidZone("Europe/Londn")).toBe(false);
  });
});
