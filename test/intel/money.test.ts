import { describe, expect, it } from "vitest";
import { extractFigures, formatAmount } from "../../src/intel/money.js";

const rates = { USD: 1, EUR: 1.08, GBP: 1.27, JPY: 0.0067 };
const first = (text: string) => extractFigures(text, rates).money[0];

describe("money", () => {
  it.each([
    ["$10 billion", 10e9, "USD"],
    ["$10B", 10e9, "USD"],
    ["$10bn", 10e9, "USD"],
    ["US$2.5 billion", 2.5e9, "USD"],
    ["$1,400,000,000", 1.4e9, "USD"],
    ["$1.5 trillion", 1.5e12, "USD"],
    ["10 billion dollars", 10e9, "USD"],
    ["two billion dollars", 2e9, "USD"],
    ["six billion dollar", 6e9, "USD"],
    ["$350 million", 350e6, "USD"],
    ["USD 4bn", 4e9, "USD"],
    ["a half-trillion-dollar build-out", 5e11, "USD"],
  ])("reads %s", (text, usd, currency) => {
    expect(first(text)).toMatchObject({ amountUsd: usd, currency, qualifier: "exact" });
  });

  it("keeps the currency of non-dollar amounts and converts them with the dated table", () => {
    expect(first("€2 billion")).toMatchObject({ amount: 2e9, currency: "EUR", amountUsd: 2.16e9 });
    expect(first("£1.2bn")).toMatchObject({ amount: 1.2e9, currency: "GBP", amountUsd: 1.524e9 });
    expect(first("2 billion euros")).toMatchObject({ currency: "EUR", amountUsd: 2.16e9 });
    expect(first("10 billion euro")).toMatchObject({ currency: "EUR", amountUsd: 10.8e9 });
    expect(first("more than six billion dollars")).toMatchObject({ amountUsd: 6e9, qualifier: "more_than" });
  });

  it("reads 'half a trillion dollars' and 'a billion dollars' in words", () => {
    expect(first("now worth nearly half a trillion dollars")).toMatchObject({
      amountUsd: 5e11,
      qualifier: "about",
    });
    expect(first("more than a billion dollars")).toMatchObject({ amountUsd: 1e9, qualifier: "more_than" });
    expect(extractFigures("a data centre", rates).money).toHaveLength(0);
  });

  it("prefers the dollar figure the article states in brackets beside a foreign amount", () => {
    const money = extractFigures("Vantor will spend £7bn ($9.1bn) on two campuses near Leeds.", rates).money;
    expect(money).toHaveLength(1);
    expect(money[0]).toMatchObject({ amount: 7e9, currency: "GBP", amountUsd: 9.1e9, statedUsd: true });
    // The dollar figure taken is the hedged one: its "about" is the amount's (held-out batch 10).
    expect(first("a ¥900bn (about $6.1 billion) purchase")).toMatchObject({
      currency: "JPY",
      amountUsd: 6.1e9,
      qualifier: "about",
    });
    expect(first("up to €5bn (about $5.4bn)")).toMatchObject({ amountUsd: 5.4e9, qualifier: "up_to" });
    expect(first("A$5 billion (US$3.3 billion)")).toMatchObject({ amountUsd: 3.3e9, qualifier: "exact" });
    // Two amounts that are not one figure told twice stay two, each at the table's rate.
    expect(extractFigures("€2bn for chips and $3bn (in cash) for sites", rates).money).toHaveLength(2);
  });

  it.each([
    ["more than $10 billion", "more_than"],
    ["above $500 billion", "more_than"],
    ["beyond $1 trillion", "more_than"],
    ["over $5bn", "more_than"],
    ["a $10bn-plus stake", "more_than"],
    ["up to $100 billion", "up_to"],
    ["as much as $40bn", "up_to"],
    ["roughly $300 billion", "about"],
    ["about $38 billion", "about"],
    ["nearly $7bn", "about"],
    ["the project, estimated at $4bn", "about"],
    ["at least $5 billion", "at_least"],
  ])("maps %s to %s", (text, qualifier) => {
    expect(first(text)?.qualifier).toBe(qualifier);
  });

  it("reads ranges as up to their high end", () => {
    expect(first("$10-15 billion")).toMatchObject({
      amountUsd: 15e9,
      qualifier: "up_to",
      range: [10e9, 15e9],
    });
    expect(first("$10bn to $15bn")).toMatchObject({ amountUsd: 15e9, range: [10e9, 15e9] });
  });

  it("reads durations and gigawatts", () => {
    const f = extractFigures("$38 billion committed to spending on AWS over seven years for 1.2 GW", rates);
    expect(f.durationYears).toBe(7);
    expect(f.gigawatts).toBe(1.2);
    expect(extractFigures("a five-year deal", rates).durationYears).toBe(5);
    expect(extractFigures("500 megawatts", rates).gigawatts).toBe(0.5);
  });

  it("ignores share prices, per-unit sums and small change", () => {
    expect(extractFigures("shares rose to $23.28 a share", rates).money).toEqual([]);
    expect(extractFigures("about $3,000 per book", rates).money).toEqual([]);
    expect(extractFigures("a $5 m fine", rates).money).toEqual([]);
  });

  it("prints amounts the way analysts read them", () => {
    expect(formatAmount(10e9)).toBe("$10B");
    expect(formatAmount(500e9, "more_than")).toBe(">$500B");
    expect(formatAmount(100e9, "up_to")).toBe("up to $100B");
    expect(formatAmount(1.5e12, "about")).toBe("~$1.5T");
    expect(formatAmount(11.9e9)).toBe("$11.9B");
    expect(formatAmount(350e6)).toBe("$350M");
  });
});
