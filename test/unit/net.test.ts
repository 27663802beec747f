import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../src/ingest/canonical.js";
import { decodeBody } from "../../src/ingest/decode.js";
import { parseRetryAfter } from "../../src/ingest/fetch.js";
import { addressChecker, guardedLookup, isPrivateAddress } from "../../src/ingest/net-guard.js";

describe("private addresses", () => {
  it.each([
    "127.0.0.1",
    "10.0.0.5",
    "172.16.3.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:127.0.0.1",
  ])("%s is private", (address) => expect(isPrivateAddress(address)).toBe(true));
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111"])("%s is public", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it("allows a configured range and nothing else", () => {
    const allowed = addressChecker({ allowPrivate: false, allowedNetworks: ["10.20.0.0/16"] });
    expect(allowed("10.20.1.1")).toBe(true);
    expect(allowed("10.21.1.1")).toBe(false);
    expect(allowed("8.8.8.8")).toBe(true);
  });

  it("refuses a name that resolves to loopback at connect time", async () => {
    const lookup = guardedLookup(addressChecker({ allowPrivate: false, allowedNetworks: [] }));
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup("localhost", { all: true }, (err) => resolve(err)),
    );
    expect(error?.message).toMatch(/localhost resolves to the private address/);
  });
});

describe("canonical URLs", () => {
  it("ignores scheme, www, fragment, tracking parameters and parameter order", () => {
    const a = canonicalUrl("https://www.Example.com/a/b/?utm_source=x&b=2&a=1#frag");
    const b = canonicalUrl("http://example.com/a/b?a=1&b=2&fbclid=zz");
    expect(a).toBe("example.com/a/b?a=1&b=2");
    expect(b).toBe(a);
  });
  it("keeps different articles apart", () => {
    expect(canonicalUrl("https://example.com/a?id=1")).not.toBe(canonicalUrl("https://example.com/a?id=2"));
  });
});

describe("body charsets", () => {
  const text = "Nvidia’s “Rubin” — €2 billion";
  it("trusts the Content-Type charset", () => {
    expect(decodeBody(iconv.encode(text, "windows-1252"), "text/xml; charset=windows-1252").text).toBe(text);
  });
  it("reads the XML declaration", () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-2"?><t>Łódź</t>`;
    expect(decodeBody(iconv.encode(xml, "iso-8859-2")).text).toBe(xml);
  });
  it("reads UTF-16 by BOM and without one", () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><t>${text}</t>`;
    expect(decodeBody(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(xml, "utf-16be")])).text).toBe(
      xml,
    );
    expect(decodeBody(iconv.encode(xml, "utf-16le")).text).toBe(xml);
  });
  it("keeps UTF-8 that carries U+FFFD of its own (dashes lost upstream) as UTF-8", () => {
    const damaged = "<t>OpenAI’s deal\ufffdits biggest yet\ufffdcould close soon</t>";
    expect(decodeBody(Buffer.from(damaged, "utf8"), "text/xml; charset=utf-8")).toEqual({
      text: damaged,
      charset: "utf-8",
    });
  });
  it("falls back to windows-1252 when bytes labelled UTF-8 are not UTF-8", () => {
    expect(decodeBody(iconv.encode(`<t>${text}</t>`, "windows-1252"), "text/xml; charset=utf-8").text).toBe(
      `<t>${text}</t>`,
    );
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, capped at a day", () => {
    const now = Date.parse("2025-11-05T12:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Wed, 05 Nov 2025 13:00:00 GMT", now)).toBe(3_600_000);
    expect(parseRetryAfter("999999", now)).toBe(86_400_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
