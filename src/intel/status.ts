/** An event's status (talks, agreed, closed; filed, ruling, settled ...) from the words around its cue. */
import { DEAL_STAGES, type EventStatus, type EventType, LEGAL_STAGES, stageCues } from "./event-types.js";

const found = new Int32Array(Math.max(DEAL_STAGES.length, LEGAL_STAGES.length));

/**
 * The event's stage as the title states it, else as the lead does: for deals "agreed" when nobody
 * hedges, for legal actions "filed" unless a ruling, settlement, dismissal or appeal is reported;
 * none for controversies.
 */
export function statusOf(type: EventType, texts: readonly string[]): EventStatus | null {
  if (type === "controversy") return null;
  const legal = type === "legal";
  const cues: readonly (readonly [EventStatus, RegExp])[] = legal ? LEGAL_STAGES : DEAL_STAGES;
  // A deal the company itself announced ("the software company said") stays agreed when a later
  // sentence hedges a detail of it ("according to a person familiar with the terms").
  let announced = false;
  for (const raw of texts) {
    // "..., days after reports that X was negotiating with Y": the news that came before, not this
    // deal's stage; "after people familiar with the terms said it is worth $3bn" attributes a figure.
    const cut = raw.includes("after ") ? raw.search(AFTER_NEWS) : -1;
    const text = cut >= 0 ? raw.slice(0, cut) : raw;
    stageCues(text, legal, found);
    for (let k = 0; k < cues.length; k++) {
      const status = (cues[k] as readonly [EventStatus, RegExp])[0];
      if ((found[k] as number) >= 0 && !(announced && status === "reported")) return status;
    }
    if (!legal && !announced && (raw.includes(" said") || raw.includes("announc") || raw.includes("filing")))
      announced = OWN_WORD.test(text);
  }
  return legal ? "filed" : "agreed";
}

// The company's own word: "the software company said", "Nebius said in a filing".
const OWN_WORD =
  /\b(?:the (?:[\w-]+ )?(?:company|companies|firm|start-?up|lab|chipmaker|group|maker|developer) said|(?:said|announced|disclosed) in a (?:statement|filing|blog post|press release)|(?:in|according to) a (?:regulatory |securities )?filing)\b/;
// Also "five days after Anthropic closed a $13bn round": another deal told as a point in time.
const AFTER_NEWS =
  /\b(?:after (?:reports?|news|people|a person|sources)|(?:days|weeks|hours|months|a day|a week|a month) after)\b/;
