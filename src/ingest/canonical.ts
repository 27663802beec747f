const TRACKING =
  /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|ref|ref_src|cmpid|ncid|sr_share|guccounter|taid|ito)$/i;

/**
 * The key under which one article is stored once, whatever feed or tracking link it came
 * through: no scheme, no `www.`, no fragment, no tracking parameters, sorted query.
 */
export function canonicalUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const params = [...url.searchParams.entries()].filter(([key]) => !TRACKING.test(key));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : "";
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const port = url.port ? `:${url.port}` : "";
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : "";
  return `${host}${port}${path}${query}`;
}
