import type { Message } from "../chat/message.js";
import type { EntityInfo } from "../intel/entities.js";
import { type AlertQuery, alert } from "./alert.js";
import { brief } from "./brief.js";
import { controversies } from "./controversies.js";
import { type DealsQuery, deals } from "./deals.js";
import type { BriefingDeps, Period } from "./deps.js";
import { type DigestQuery, digest } from "./digest.js";
import { search } from "./search.js";
import { valuations } from "./valuations.js";

export type { AlertQuery, BriefingDeps, DealsQuery, DigestQuery, Period };

/** Every answer the bot gives from stored facts, as platform-neutral Messages. */
export interface Briefing {
  brief(period: Period): Promise<Message>;
  deals(query: DealsQuery): Promise<Message>;
  valuations(entity: EntityInfo | undefined): Promise<Message>;
  controversies(period: Period): Promise<Message>;
  search(words: string): Promise<Message>;
  digest(query: DigestQuery): Promise<Message>;
  /** Undefined when the story no longer exists (regrouped away). */
  alert(query: AlertQuery): Promise<Message | undefined>;
}

export function createBriefing(deps: BriefingDeps): Briefing {
  return {
    brief: (period) => brief(deps, period),
    deals: (query) => deals(deps, query),
    valuations: (entity) => valuations(deps, entity),
    controversies: (period) => controversies(deps, period),
    search: (words) => search(deps, words),
    digest: (query) => digest(deps, query),
    alert: (query) => alert(deps, query),
  };
}
