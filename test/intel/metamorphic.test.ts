import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import { formatAmount } from "../../src/intel/money.js";
import { loadGold } from "../helpers/gold.js";
import { shippedIntel } from "../helpers/intel.js";

// Metamorphic suite: every gold deal between two tracked companies, told again in the forms real
// headlines use (active, bet, pour, possessive, passive, question, talks...). The type, the first
// party and the amount must survive each rewrite; recall is printed per form.
const context = shippedIntel();
const names = context.matcher.entities;
const name = (id: string) => names.get(id)?.name ?? id;

type Form = (a: string, b: string, amount: string) => string;
const FORMS: Record<string, Record<string, Form>> = {
  investment: {
    active: (a, b, x) => `${a} invests ${x} in ${b}`,
    bet: (a, b, x) => `${a} bets ${x} on ${b}`,
    pour: (a, b, x) => `${a} pours ${x} into ${b}`,
    possessive: (a, b, x) => `${a}'s ${x} ${b} bet raises the stakes`,
    passive: (a, b, x) => `${b} gets ${x} investment from ${a}`,
    question: (a, b, x) => `Is ${a} about to invest ${x} in ${b}?`,
    talks: (a, b, x) => `${a} in talks to invest ${x} in ${b}`,
    stake: (a, b, x) => `${a} weighs ${x} stake in ${b}`,
  },
  compute_contract: {
    active: (a, b, x) => `${a} signs ${x} cloud deal with ${b}`,
    supplier: (a, b, x) => `${b} wins ${x} cloud contract from ${a}`,
    possessive: (a, b, x) => `${a}'s ${x} computing deal with ${b} explained`,
    question: (a, b, x) => `Can ${b} deliver the ${x} of computing capacity ${a} wants?`,
    talks: (a, b, x) => `${a} in talks with ${b} over ${x} cloud computing deal`,
  },
  chip_supply: {
    active: (a, b) => `${a} to deploy ${b} GPUs in multiyear chip deal`,
    supplier: (a, b) => `${b} to supply chips to ${a} in multiyear deal`,
    order: (a, b) => `${a} orders ${b} accelerators for new data centres`,
  },
  people: {
    hire: (a, b) => `${a} hires ${b}'s head of AI research`,
    poach: (a, b) => `${a} poaches three ${b} researchers`,
    loses: (a, b) => `${b} loses another top engineer to ${a}`,
    departs: (a, b) => `${b} chief scientist departs for ${a}`,
  },
  legal: {
    sues: (a, b) => `${a} sues ${b} over trade secrets`,
    files: (a, b) => `${a} files lawsuit against ${b}`,
    accuses: (a, b) => `${a} accuses ${b} of copying its code in new complaint`,
  },
  acquisition: {
    active: (a, b, x) => `${a} to acquire ${b} for ${x}`,
    buy: (a, b, x) => `${a} buys ${b} for ${x}`,
    passive: (a, b, x) => `${b} to be acquired by ${a} for ${x}`,
    question: (a, b, x) => `Why is ${a} paying ${x} to acquire ${b}?`,
  },
};

interface Case {
  form: string;
  title: string;
  type: string;
  first: string;
  amountUsd: number | null;
}

const cases: Case[] = [];
const seen = new Set<string>();
for (const item of loadGold(["tuning", "held-out"])) {
  for (const event of item.expect.events) {
    const forms = FORMS[event.type];
    const first = event.parties[0];
    const last = event.parties.at(-1);
    if (!forms || !first || !last || first === last) continue;
    // "GPUs from Amazon" would change the deal: a cloud's own chips are rewritten only by name.
    if (event.type === "chip_supply" && names.get(last)?.kind !== "chipmaker") continue;
    const key = `${event.type}:${first}:${last}:${event.amountUsd}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const amount = event.amountUsd === null ? "" : formatAmount(event.amountUsd, "exact");
    for (const [form, write] of Object.entries(forms)) {
      if (event.amountUsd === null && write.length > 2 && form !== "active") continue;
      const title = write(name(first), name(last), amount).replace(/\s+/g, " ").replace(" ?", "?");
      // Forms without an amount (hires, lawsuits) are scored on type and parties only.
      const amountUsd = write.length > 2 ? event.amountUsd : null;
      cases.push({ form: `${event.type}/${form}`, title, type: event.type, first, amountUsd });
    }
  }
}

function holds(c: Case): boolean {
  const found = analyzeArticle({ title: c.title, body: "" }, context).events.find((e) => e.type === c.type);
  if (!found || found.parties[0] !== c.first) return false;
  return (
    c.amountUsd === null ||
    (found.amountUsd !== null && Math.abs(found.amountUsd - c.amountUsd) <= 0.02 * c.amountUsd)
  );
}

describe("metamorphic rewrites of the gold deals", () => {
  const byForm = new Map<string, { hit: number; total: number; misses: string[] }>();
  for (const c of cases) {
    const row = byForm.get(c.form) ?? { hit: 0, total: 0, misses: [] };
    row.total++;
    if (holds(c)) row.hit++;
    else row.misses.push(c.title);
    byForm.set(c.form, row);
  }
  const lines = [...byForm.entries()].map(
    ([form, r]) =>
      `${form.padEnd(30)} ${(r.hit / r.total).toFixed(3)} (${r.hit}/${r.total})${r.misses.length ? `  e.g. "${r.misses[0]}"` : ""}`,
  );
  console.log(`metamorphic recall per form (${cases.length} rewrites)\n${lines.join("\n")}`);

  it("rewrites enough gold deals to measure every form", () => {
    expect(cases.length).toBeGreaterThan(60);
    for (const forms of Object.entries(FORMS))
      for (const form of Object.keys(forms[1]))
        expect(byForm.get(`${forms[0]}/${form}`)?.total ?? 0).toBeGreaterThan(0);
  });

  for (const [form, r] of byForm)
    it(`keeps type, investor/buyer/customer and amount in at least 90% of ${form} rewrites`, () => {
      expect(r.hit / r.total, r.misses.join("\n")).toBeGreaterThanOrEqual(0.9);
    });
});
