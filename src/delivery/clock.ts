/**
 * The clock delivery reads. `src/clock.ts` (issue 8) defines the same shape for the whole app; this
 * one exists so delivery builds before that lands — the lead replaces the import when unifying.
 */
export interface Clock {
  now(): Date;
}
