import type { FxRates } from "../config/schema.js";

export type Qualifier = "exact" | "more_than" | "up_to" | "about" | "at_least";

export interface Money {
  /** In `currency` units. */
  amount: number;
  currency: string;
  amountUsd: number;
  qualifier: Qualifier;
  /** Set when `amountUsd` is the dollar figure the text states beside a foreign one ("£9bn ($11.8bn)"). */
  statedUsd?: boolean;
  /** Low and high ends when the text gives a range ("$10bn-$15bn"); `amount` is the high end. */
  range?: [number, number];
  /** Offsets of the whole expression (qualifier included) in the text. */
  start: number;
  end: number;
  text: string;
}

export interface Figures {
  money: Money[];
  /** "over seven years", "a five-year deal". */
  durationYears?: number;
  /** Power of the capacity in the deal: "10 GW", "500 megawatts". */
  gigawatts?: number;
}

const SCALES: Record<string, number> = {
  trillion: 1e12,
  tn: 1e12,
  t: 1e12,
  trn: 1e12,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  bln: 1e9,
  billions: 1e9,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  mln: 1e6,
  mm: 1e6,
  millions: 1e6,
  thousand: 1e3,
  k: 1e3,
};

const CURRENCY_SYMBOLS: Record<string, string> = {
  us$: "USD",
  usd: "USD",
  $: "USD",
  "€": "EUR",
  eur: "EUR",
  "£": "GBP",
  gbp: "GBP",
  "¥": "JPY",
  jpy: "JPY",
  cny: "CNY",
  rmb: "CNY",
  yuan: "CNY",
  c$: "CAD",
  ca$: "CAD",
  cad: "CAD",
  a$: "AUD",
  aud: "AUD",
  "₹": "INR",
  inr: "INR",
  chf: "CHF",
  krw: "KRW",
  "₩": "KRW",
  sek: "SEK",
  aed: "AED",
  sar: "SAR",
};
const CURRENCY_WORDS: Record<string, string> = {
  dollars: "USD",
  dollar: "USD",
  euros: "EUR",
  euro: "EUR",
  pounds: "GBP",
  yen: "JPY",
  yuan: "CNY",
  renminbi: "CNY",
  rupees: "INR",
  won: "KRW",
  dirhams: "AED",
  riyals: "SAR",
};

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SCALE = String.raw`(?:\s?(?:trillion|billions?|millions?|thousand|trn|tn|bln|bn|mln|mn|mm)\b|(?:[bmkt])\b)`;
const PREFIX = String.raw`US\$|CA\$|C\$|A\$|\$|€|£|¥|₹|₩|(?:USD|EUR|GBP|JPY|CNY|RMB|CAD|AUD|INR|CHF|KRW|SEK|AED|SAR)\s?`;
const RANGE_JOIN = String.raw`\s?(?:-|–|—|to)\s?`;
// "$10 billion", "US$2.5bn", "€1.7 billion", "$10-15 billion", "$10bn to $15bn", "$1,400,000,000".
const SYMBOL_AMOUNT = new RegExp(
  String.raw`(${PREFIX})(${NUMBER})(${SCALE})?(?:${RANGE_JOIN}(?:${PREFIX})?(${NUMBER})(${SCALE})?)?(\+|-plus\b)?`,
  "gi",
);
// "10 billion dollars", "2 billion euros", "10 billion euro", "about two billion dollars",
// "nearly half a trillion dollars", "a billion dollars".
const WORD_AMOUNT = new RegExp(
  String.raw`(?<![\w$€£.,])(${NUMBER}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|half a|a)\s?(trillion|billion|million)\s+(?:US\s)?(dollars?|euros?|pounds|yen|yuan|renminbi|rupees|won|dirhams|riyals)\b`,
  "gi",
);

// "a half-trillion-dollar build-out", "a $10-billion-dollar" is rare; "10-billion-dollar" is not.
const HYPHENATED_AMOUNT =
  /\b(half|one|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)-(trillion|billion|million)-dollar\b/gi;

const QUALIFIERS: [RegExp, Qualifier][] = [
  [
    // "in talks over a $5 billion deal": "over" there means about, not more than.
    /(?:more than|over(?<!\b(?:talks|negotiations|discussions|dispute|row|clash|spat|fight)\sover)|above|beyond|in excess of|upwards of|north of|exceeding|greater than|just over|topping|surpassing)\s+(?:a\s+)?$/i,
    "more_than",
  ],
  [/(?:up to|as much as|as many as|no more than|at most|as high as|a maximum of)\s+$/i, "up_to"],
  [/(?:at least|a minimum of|no less than|not less than)\s+$/i, "at_least"],
  [
    /(?:about|around|roughly|approximately|nearly|almost|some|close to|an estimated|estimated(?: at)?|circa|approx\.?|just under|~)\s*$/i,
    "about",
  ],
];

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
};

const COUNT = `\\d{1,2}|${Object.keys(WORD_NUMBERS).join("|")}`;
// "over seven years", "for the next 5 years"; "a five-year deal".
const DURATION = new RegExp(
  `\\b(?:over|for|across|spanning|during)\\s+(?:the\\s+(?:next|coming)\\s+)?(${COUNT})\\s+years\\b`,
  "i",
);
const TERM = new RegExp(`\\b(${COUNT})-year\\b`, "i");
const YEARS_OR_TERM = /years|-year/i;

function toNumber(text: string): number {
  return Number(text.includes(",") ? text.replaceAll(",", "") : text);
}

function scaleOf(text: string | undefined): number {
  if (!text) return 1;
  // Most scales are written as the table spells them ("bn", "b"): no new strings for those.
  return SCALES[text] ?? SCALES[text.trim().toLowerCase()] ?? 1;
}

// The last word of every qualifier above: a cheap test before the patterns run.
const QUALIFIER_ENDINGS = new Set(
  "than over above beyond of exceeding topping surpassing a as to much many most high least about around roughly approximately nearly almost some estimated at circa approx approx. under ~".split(
    " ",
  ),
);

function qualifierBefore(text: string, start: number): { qualifier: Qualifier; start: number } {
  const before = text.slice(Math.max(0, start - 30), start);
  const trimmed = before.trimEnd();
  const lastWord = trimmed.slice(trimmed.lastIndexOf(" ") + 1).toLowerCase();
  if (!QUALIFIER_ENDINGS.has(lastWord) && !lastWord.endsWith("~")) return { qualifier: "exact", start };
  for (const [pattern, qualifier] of QUALIFIERS) {
    const m = pattern.exec(before);
    if (m) return { qualifier, start: start - m[0].length };
  }
  return { qualifier: "exact", start };
}

function usd(amount: number, currency: string, rates: FxRates["rates"]): number {
  const rate = rates[currency] ?? (currency === "USD" ? 1 : undefined);
  if (rate === undefined) return Number.NaN;
  const value = amount * rate;
  // Converted amounts are approximate: round to the million like the press does.
  return currency === "USD" || value < 1e8 ? Math.round(value) : Math.round(value / 1e6) * 1e6;
}

/** Text right after an amount that makes it something other than a deal size. */
const NOT_A_DEAL_SIZE =
  /^\s*(?:a|per)\s+(?:share|book|user|hour|gpu|chip|token|employee|author|title|work)\b|^\s*each\b|^\s*(?:in\s+)?(?:revenue|annuali[sz]ed revenue|sales|market (?:value|cap)|of market value)\b/i;

/** Finds the amounts of money, durations and gigawatts in one text. */
export function extractFigures(text: string, rates: FxRates["rates"], minUsd = 1e6): Figures {
  return { money: extractMoney(text, rates, minUsd), ...extractTerms(text) };
}

/** The amounts of money in one text, in reading order. */
export function extractMoney(text: string, rates: FxRates["rates"], minUsd = 1e6): Money[] {
  const money: Money[] = [];
  const push = (
    m: RegExpExecArray,
    amount: number,
    currency: string,
    range?: [number, number],
    plus = false,
  ) => {
    const q = qualifierBefore(text, m.index);
    const value = usd(amount, currency, rates);
    if (!Number.isFinite(value) || value < minUsd) return;
    if (NOT_A_DEAL_SIZE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) return;
    const qualifier: Qualifier =
      plus && q.qualifier === "exact"
        ? "more_than"
        : range && q.qualifier === "exact"
          ? "up_to"
          : q.qualifier;
    const entry: Money = {
      amount,
      currency,
      amountUsd: value,
      qualifier,
      start: q.start,
      end: m.index + m[0].length,
      text: text.slice(q.start, m.index + m[0].length),
    };
    if (range) entry.range = range;
    money.push(entry);
  };

  // Cheap checks first: most sentences hold no amount, and these run for every article.
  const hasDigit = /\d/.test(text);
  SYMBOL_AMOUNT.lastIndex = hasDigit ? 0 : text.length;
  for (let m = SYMBOL_AMOUNT.exec(text); m !== null; m = SYMBOL_AMOUNT.exec(text)) {
    const currency = CURRENCY_SYMBOLS[(m[1] ?? "").trim().toLowerCase()] ?? "USD";
    const first = toNumber(m[2] ?? "");
    const lastScale = scaleOf(m[5] ?? m[3]);
    if (m[4] !== undefined) {
      const low = first * scaleOf(m[3] ?? m[5]);
      const high = toNumber(m[4]) * lastScale;
      if (high > low) {
        push(m, high, currency, [low, high]);
        continue;
      }
    }
    // A single letter is a scale only when glued to the number ("$10B"), not "$5 m" in prose.
    const scaleText = m[3];
    if (scaleText && /^\s[bmkt]$/i.test(scaleText)) continue;
    push(m, first * scaleOf(scaleText), currency, undefined, Boolean(m[6]));
  }
  WORD_AMOUNT.lastIndex = text.includes("illion ") ? 0 : text.length;
  for (let m = WORD_AMOUNT.exec(text); m !== null; m = WORD_AMOUNT.exec(text)) {
    const currency = CURRENCY_WORDS[(m[3] ?? "").toLowerCase()] ?? "USD";
    const word = (m[1] ?? "").toLowerCase();
    const count = word === "half a" ? 0.5 : word === "a" ? 1 : (WORD_NUMBERS[word] ?? toNumber(m[1] ?? ""));
    push(m, count * scaleOf(m[2]), currency);
  }
  HYPHENATED_AMOUNT.lastIndex = text.includes("-dollar") ? 0 : text.length;
  for (let m = HYPHENATED_AMOUNT.exec(text); m !== null; m = HYPHENATED_AMOUNT.exec(text)) {
    const count =
      WORD_NUMBERS[(m[1] ?? "").toLowerCase()] ?? (m[1]?.toLowerCase() === "half" ? 0.5 : Number(m[1]));
    if (Number.isFinite(count)) push(m, count * scaleOf(m[2]), "USD");
  }
  money.sort((a, b) => a.start - b.start);
  return money.length >= 2 && text.includes("(") ? withStatedUsd(money, text) : money;
}

// "£9bn ($11.8bn)", "¥1tn (about $6.4 billion)": the gap between a foreign amount and the dollar
// figure the article gives for it, and what closes the brackets.
const STATED_HEDGES = "about|around|roughly|approximately|some|nearly|almost|close to";
const STATED_OPEN = new RegExp(
  String.raw`^\s*\(\s*(?:or\s+)?(?:(?:${STATED_HEDGES}|equivalent to)\s+)?(?:US)?$`,
  "i",
);
const STATED_CLOSE = /^\s*\)/;
const STATED_HEDGE = new RegExp(String.raw`\b(?:${STATED_HEDGES})\s`, "i");

/**
 * A foreign amount takes the dollar figure the article states for it in brackets: the writer's
 * rate of the day, not the dated table's. The bracketed figure is no amount of its own.
 */
function withStatedUsd(money: Money[], text: string): Money[] {
  const out: Money[] = [];
  for (let k = 0; k < money.length; k++) {
    const m = money[k] as Money;
    const next = money[k + 1];
    if (
      next &&
      m.currency !== "USD" &&
      next.currency === "USD" &&
      STATED_OPEN.test(text.slice(m.end, next.start)) &&
      STATED_CLOSE.test(text.slice(next.end, next.end + 3))
    ) {
      // "A$5bn (about US$3.3bn)": the hedge of the dollar figure is the amount's when the foreign
      // one has none of its own.
      const hedged = m.qualifier === "exact" && STATED_HEDGE.test(text.slice(m.end, next.start));
      const qualifier = hedged ? "about" : m.qualifier === "exact" ? next.qualifier : m.qualifier;
      out.push({ ...m, amountUsd: next.amountUsd, qualifier, statedUsd: true });
      k++;
      continue;
    }
    out.push(m);
  }
  return out;
}

/** The term and power a text states ("over seven years", "1.2 GW"), without reading amounts. */
export function extractTerms(text: string): Omit<Figures, "money"> {
  const figures: Omit<Figures, "money"> = {};
  const hasDigit = /\d/.test(text);
  // DURATION needs "years", TERM "-year": "next year" alone is neither.
  const duration = YEARS_OR_TERM.test(text) ? (DURATION.exec(text) ?? TERM.exec(text)) : null;
  if (duration) {
    const word = (duration[1] ?? "").toLowerCase();
    const years = /^\d+$/.test(word) ? Number(word) : WORD_NUMBERS[word];
    if (years !== undefined && years > 0 && years <= 30) figures.durationYears = years;
  }
  const power = hasDigit ? /(\d+(?:\.\d+)?)\s?(gigawatts?|GW|megawatts?|MW)\b/.exec(text) : null;
  if (power) {
    const value = Number(power[1]);
    figures.gigawatts = /^m/i.test(power[2] ?? "") ? value / 1000 : value;
  }
  return figures;
}

/** `$10B`, `>$500B`, `up to $100B`, `~€1.7B`: the way users read amounts in one line. */
export function formatAmount(amountUsd: number, qualifier: Qualifier = "exact"): string {
  const abs = Math.abs(amountUsd);
  const [div, unit] =
    abs >= 1e12 ? [1e12, "T"] : abs >= 1e9 ? [1e9, "B"] : abs >= 1e6 ? [1e6, "M"] : [1e3, "K"];
  const value = amountUsd / div;
  const digits = value >= 100 || Number.isInteger(value) ? 0 : value >= 10 ? 1 : 2;
  const text = `$${Number(value.toFixed(digits))}${unit}`;
  switch (qualifier) {
    case "more_than":
      return `>${text}`;
    case "up_to":
      return `up to ${text}`;
    case "about":
      return `~${text}`;
    case "at_least":
      return `≥${text}`;
    default:
      return text;
  }
}
