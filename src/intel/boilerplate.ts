// Lines that are page furniture, not reporting: bylines, share prompts, newsletter pitches.
const BOILERPLATE =
  /^(?:by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+)*(?:,| and |$)|share this( article| story)?|read (?:also|more|next)\b|related:|sign up\b|subscribe\b|newsletter\b|follow us\b|©|\(c\) \d{4}|all rights reserved|advertisement$|click here|this article (?:was|is) (?:originally|first)|copy link|email \||reporting by |editing by |additional reporting)/i;

export function isBoilerplate(sentence: string): boolean {
  return BOILERPLATE.test(sentence.trim());
}

// "SEATTLE, Dec 17 — ", "LONDON (Reuters) - ", "WASHINGTON, March 8 — "
const DATELINE =
  /^[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.? \d{1,2})?(?:\s*\([^)]{1,30}\))?\s*[—–-]{1,2}\s+/;

export function stripDateline(sentence: string): string {
  return sentence.replace(DATELINE, "");
}
