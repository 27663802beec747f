import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface GoldEvent {
  type: string;
  amountUsd: number | null;
  qualifier: string | null;
  parties: string[];
  status: string;
}

export interface GoldItem {
  guid: string;
  outlet: string;
  title: string;
  link: string;
  publishedAt: string;
  body: string;
  expect: { entities: string[]; events: GoldEvent[]; story: string };
  /** "tuning" items may guide rules; "held-out" items (items-heldout-*.json) never do. */
  split: "tuning" | "held-out";
  /** The fixture file the item comes from, so a batch can be scored on its own. */
  file: string;
}

const dir = join(import.meta.dirname, "../fixtures/gold");

/**
 * The hand-labelled gold set (test/fixtures/gold/items-*.json). By default the tuning split only,
 * the content the command tests were written against; the gold test asks for both splits.
 */
export function loadGold(splits: readonly GoldItem["split"][] = ["tuning"]): GoldItem[] {
  return readdirSync(dir)
    .filter((f) => /^items.*\.json$/.test(f))
    .sort()
    .flatMap((f) =>
      (
        JSON.parse(readFileSync(join(dir, f), "utf8")) as { items: Omit<GoldItem, "split" | "file">[] }
      ).items.map(
        (item): GoldItem => ({
          ...item,
          split: f.startsWith("items-heldout") ? "held-out" : "tuning",
          file: f,
        }),
      ),
    )
    .filter((item) => splits.includes(item.split));
}

/** The entity ids the gold set labels; predictions outside it are not scored. */
export const GOLD_VOCABULARY = new Set(
  "openai anthropic xai mistral deepseek cohere perplexity ssi thinking-machines amazon microsoft google meta apple oracle alibaba bytedance tencent ibm nvidia amd intel broadcom tsmc arm qualcomm samsung sk-hynix micron cerebras groq marvell asml coreweave nebius lambda crusoe together-ai nscale softbank mgx thrive-capital a16z sequoia blackrock blue-owl equinix digital-realty stargate supermicro dell foxconn us-government".split(
    " ",
  ),
);
