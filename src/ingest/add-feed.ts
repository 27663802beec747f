import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { UserError } from "../errors.js";
import { FeedError } from "./errors.js";
import { type FeedFetcher, refusedFailure } from "./fetch.js";
import { type AddressPolicy, addressChecker } from "./net-guard.js";
import { SAMPLE_SCHEME } from "./sources.js";

/**
 * Checks a URL a user wants to add before it is stored: a clear refusal now beats a feed that
 * fails forever. A host that cannot be resolved right now is accepted (the poller retries).
 */
export async function vetFeedUrl(raw: string, fetcher: FeedFetcher, policy: AddressPolicy): Promise<string> {
  const text = raw.trim();
  if (text.startsWith(SAMPLE_SCHEME)) return text;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = fetcher.checkUrl(withScheme);
  } catch (error) {
    if (error instanceof FeedError) throw toUserError(error);
    throw error;
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) === 0) {
    let addresses: { address: string }[] = [];
    try {
      addresses = await lookup(host, { all: true });
    } catch {
      return url.href;
    }
    const allowed = addressChecker(policy);
    const refused = addresses.find((a) => !allowed(a.address));

    if (addresses.length > 0 && addresses.every((a) => !allowed(a.address)) && refused) {
      throw toUserError(refusedFailure(host, refused.address));
    }
  }
  return url.href;
}

/** Splits a FeedError reason "what; how to fix" into a UserError. */
export function toUserError(error: FeedError): UserError {
  const [what, fix] = error.reason.split("; ");
  const sentence = `${(what ?? error.reason).charAt(0).toUpperCase()}${(what ?? error.reason).slice(1)}.`;
  return new UserError(sentence, fix ?? "check the URL and try again");
}
