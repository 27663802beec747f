// Lines that are page furniture, not reporting: bylines, share prompts, newsletter pitches.
const BOILERPLATE =
  /^(?:by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+)*(?:,| and |$)|share this( article| story)?|read (?:also|more|next)\b|related:|sign up\b|subscribe\b|newsletter\b|follow us\b|©|\(c\) \d{4}|all rights reserved|advertisement$|click here|this article (?:was|is) (?:originally|first)|copy link|email \||reporting by |editing by |additional reporting)/i;

// An author's bio under the byline ("I'm Jo Doe, a journalist based in ...", "5 min read"), or
// a line that is only a name: furniture that would otherwise fill the lead.
const AUTHOR_FURNITURE =
  /^(?:(?:[A-Z][\w'’-]+ ){1,3}I['’]m [A-Z]|I['’]m [A-Z][\w'’-]+ [A-Z][\w'’-]+, an? |I (?:write|cover|report) (?:about|on)\b|I['’]ve (?:been|spent) (?:working|writing|covering|reporting)|I (?:enjoy|love) |outside of work\b|you['’]ll (?:often )?find me\b|\d+\s?min(?:ute)?s? read\b)/i;

/**
 * What every wording of AUTHOR_FURNITURE needs, tested without a RegExp: an opening "I", "outside",
 * "you" or figure, or an apostrophe ("Jo Doe I'm"). Most sentences have none, and a RegExp scan of
 * each sentence cost more than the anchored test it saved.
 */
function maybeAuthor(text: string): boolean {
  // Lower-case an ASCII letter; digits keep their codes.
  const first = text.charCodeAt(0) | 0x20;
  return (
    first === 0x69 ||
    first === 0x6f ||
    first === 0x79 ||
    (first >= 0x30 && first <= 0x39) ||
    text.indexOf("'") >= 0 ||
    text.indexOf("’") >= 0
  );
}
const BARE_NAME = /^(?:[A-Z][a-z'’-]+ ){1,2}[A-Z][a-z'’-]+$/;

// A newsletter's section heading ("2. THE PARIS CHEQUE", "OUR TAKE", a lone item number "2.",
// a pairing "AMAZON x ANTHROPIC") or its greeting ("Morning all.", "Good morning.", "Five things
// worth your time this Monday."): layout, and it would take a lead sentence's place.
const SECTION_HEADING =
  /^(?:(?:\d{1,2}[.)]\s*)?[A-Z0-9](?:[A-Z0-9'’&:,!?\- ]| x (?=[A-Z0-9])){2,40}\.?|\d{1,2}[.)]?)$/;
const GREETING =
  /^(?:good (?:morning|afternoon|evening)|morning(?:,)? (?:all|everyone)|hello(?: again| all| everyone)?|hi (?:all|everyone)|welcome back|happy (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)|(?:[\w-]+ ){1,6}to start your (?:day|week|weekend|morning|monday|tuesday|wednesday|thursday|friday)|(?:\d{1,2}|three|four|five|six|seven|eight|nine|ten) (?:things|stories|reads|links) (?:worth your time|to know|you need to know|worth reading))\b[^.!?]{0,30}[.!]?$/i;

// A live blog's housekeeping: the follow-along notice, the time-zone note ("All times ET."), the
// refresh prompt and the sign-offs that top the newest timestamps ("16:45 — That's all from us
// today.", "Call ends.", "Wrapping up.", "Full story to follow."). Each sign-off is the whole line:
// "Wrapping up months of talks, A agreed to buy B" is news.
const LIVE_HOUSEKEEPING =
  /^(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?[A-Z]{2,4})?\s*[—–:|-]\s*)?(?:follow (?:along|our live)\b|(?:all )?times (?:are|shown are|in this (?:blog|page) are) (?:in )?[\w ]{1,20}\.?$|(?:please )?refresh (?:this page |the page |often )?(?:for|to see|to get)\b|that['’]s (?:all|it) (?:from|for) (?:us|me|today|tonight|now)\b|that wraps (?:up )?(?:our|the|today|this|it)\b|thanks? (?:you )?for (?:reading|following)\b|we['’]re (?:wrapping up|signing off)\b|all times (?:in )?(?:[a-z]{2,4}|eastern|pacific|central|mountain|local)\.?$|(?:the )?call (?:ends|has ended|is over)\.?$|wrapping up(?: here| now| for (?:today|the day|tonight))?\.?$|(?:the )?(?:full|more) (?:story|report|details) (?:to follow|shortly|soon|coming (?:up|soon))\.?$)/i;
// A greeting in another language ("Bonjour à tous.", "Buongiorno a tutti."): layout, like the English ones.
const FOREIGN_GREETING =
  /^(?:bonjour|bonsoir|salut|buongiorno|buonasera|ciao|guten (?:morgen|tag|abend)|hallo|hola|buenos d[ií]as|buenas(?: tardes)?|bom dia|ol[áa]|hej|goedemorgen|dzie[nń] dobry)\b[^.!?]{0,20}[.!]?$/i;

export function isBoilerplate(sentence: string): boolean {
  const text = sentence.trim();
  return (
    BOILERPLATE.test(text) ||
    (text.length <= 44 && (SECTION_HEADING.test(text) || FOREIGN_GREETING.test(text))) ||
    // A greeting's own words bound its length; "Plenty of news to start your Thursday with,
    // readers." runs past a heading's.
    (text.length <= 72 && (GREETING.test(text) || LIVE_HOUSEKEEPING.test(text))) ||
    (maybeAuthor(text) && AUTHOR_FURNITURE.test(text)) ||
    (text.length < 40 && BARE_NAME.test(text))
  );
}

// "SEATTLE, Dec 17 — ", "LONDON (Reuters) - ", "WASHINGTON, March 8 — ", and a press release's
// "SANTA CLARA, Calif., Nov. 3, 2025 -- " (a state and a year), its state also dotted ("N.Y.").
const DATELINE =
  /^[A-Z][A-Z .'-]{2,40}(?:,\s*(?:[A-Z][a-z]{1,12}\.?|[A-Z]\.[A-Z]\.))?(?:,\s*[A-Z][a-z]{2,9}\.? \d{1,2}(?:,\s*\d{4})?)?(?:\s*\([^)]{1,30}\))?\s*[—–-]{1,2}\s+/;

export function stripDateline(sentence: string): string {
  return sentence.replace(DATELINE, "");
}
