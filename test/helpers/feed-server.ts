import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  port: number;
  url(path: string, host?: string): string;
  /** Every request seen, in order. */
  requests: { path: string; headers: IncomingMessage["headers"] }[];
  /** The most requests that were open at once. */
  maxConcurrent: number;
  close(): Promise<void>;
}

/** A loopback HTTP server whose routes are plain handlers; unknown paths answer 404. */
export async function startServer(routes: Record<string, Handler>, host = "127.0.0.1"): Promise<TestServer> {
  let open = 0;
  const state: TestServer = {
    port: 0,
    url: (path, h = host) => `http://${h}:${state.port}${path}`,
    requests: [],
    maxConcurrent: 0,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    state.requests.push({ path, headers: req.headers });
    open++;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    res.on("close", () => {
      open--;
    });
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  state.port = (server.address() as AddressInfo).port;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

export interface FeedEntry {
  title: string;
  link: string;
  guid?: string;
  description?: string;
  pubDate?: string;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function rss(title: string, entries: FeedEntry[], encoding = "UTF-8"): string {
  const items = entries
    .map(
      (e) =>
        `<item><title>${esc(e.title)}</title><link>${esc(e.link)}</link>${e.guid ? `<guid isPermaLink="false">${esc(e.guid)}</guid>` : ""}<description>${esc(e.description ?? "")}</description><pubDate>${e.pubDate ?? "Mon, 03 Nov 2025 12:00:00 GMT"}</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.com/</link>\n${items}\n</channel></rss>\n`;
}

/** `count` numbered entries whose links are unique per `prefix`. */
export function entries(prefix: string, count: number): FeedEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `${prefix} story ${i + 1}`,
    link: `https://news.example.com/${prefix}/${i + 1}`,
    guid: `${prefix}-${i + 1}`,
    description: `<p>Body of ${prefix} story ${i + 1}.</p>`,
  }));
}
