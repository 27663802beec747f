import { expect } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import type { ExtractedEvent } from "../../src/intel/event-types.js";
import { shippedIntel } from "./intel.js";

// The form tests of each diagnosed batch read one headline and lead with the shipped config and
// check what the item's story is about, so its secondary (body) events are left out.

/** The item's own events (not its secondary ones) for one headline and lead. */
export function readEvents(title: string, body = ""): ExtractedEvent[] {
  return analyzeArticle({ title, body }, shippedIntel()).events.filter((e) => !e.secondary);
}

/** Type, amount and parties of each event, for one `toEqual`. */
export function summary(title: string, body: string) {
  return readEvents(title, body).map((e) => [e.type, e.amountUsd, e.parties] as const);
}

export interface Want {
  types: string[];
  amountUsd?: number | null;
  parties?: string[];
  status?: string;
}

/** The event types in order, and the first event's amount, parties and status where asked. */
export function expectRead(title: string, body: string, want: Want): void {
  const events = readEvents(title, body);
  expect(events.map((e) => e.type)).toEqual(want.types);
  if (want.amountUsd !== undefined) expect(events[0]?.amountUsd ?? null).toBeCloseTo(want.amountUsd ?? 0, -3);
  if (want.parties) expect(events[0]?.parties).toEqual(want.parties);
  if (want.status) expect(events[0]?.status).toBe(want.status);
}
