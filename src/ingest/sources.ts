import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { samplesDir } from "../paths.js";
import { decodeBody } from "./decode.js";
import { FeedError } from "./errors.js";
import type { FetchConditions, FetchOutcome } from "./fetch.js";

export interface FeedSource {
  fetch(url: string, conditions?: FetchConditions, signal?: AbortSignal): Promise<FetchOutcome>;
}

export const SAMPLE_SCHEME = "sample:";

/**
 * `sample:deals.rss.xml` reads a bundled offline feed from feeds/samples/, so that the demo runs
 * with no network. Only plain file names in that folder are served.
 */
export class SampleSource implements FeedSource {
  constructor(private readonly dir = samplesDir()) {}

  async fetch(url: string, conditions: FetchConditions = {}): Promise<FetchOutcome> {
    const name = url.slice(SAMPLE_SCHEME.length);
    if (name === "" || name !== basename(name) || name.startsWith(".")) {
      throw new FeedError(`"${url}" is not a bundled sample; use a file name from feeds/samples/`, {
        permanent: true,
      });
    }
    const path = join(this.dir, name);
    let modified: string;
    try {
      modified = (await stat(path)).mtime.toUTCString();
    } catch {
      throw new FeedError(`there is no sample called ${name} in feeds/samples/`, { permanent: true });
    }
    if (conditions.lastModified === modified) return { kind: "not_modified", url, lastModified: modified };
    const bytes = await readFile(path);
    const { text, charset } = decodeBody(bytes);
    return { kind: "ok", url, text, charset, bytes: bytes.length, lastModified: modified };
  }
}

/** Sends `sample:` URLs to the bundled samples and everything else to the network fetcher. */
export class RoutedSource implements FeedSource {
  constructor(
    private readonly network: FeedSource,
    private readonly samples: FeedSource = new SampleSource(),
  ) {}

  fetch(url: string, conditions?: FetchConditions, signal?: AbortSignal): Promise<FetchOutcome> {
    return url.startsWith(SAMPLE_SCHEME)
      ? this.samples.fetch(url, conditions, signal)
      : this.network.fetch(url, conditions, signal);
  }
}
