import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { UserError } from "../errors.js";
import type { Logger } from "../log.js";

/** Slack and Discord bodies are small; anything larger is not theirs. */
const BODY_LIMIT = 1024 * 1024;

export type RawHandler = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => Promise<void>;
export type PlainHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface ChatServerOptions {
  port: number;
  host?: string;
  log: Logger;
  /** POST routes that need the raw body (signatures are computed over the exact bytes). */
  post: Record<string, RawHandler>;
  /** GET routes (OAuth install and redirect). */
  get?: Record<string, PlainHandler>;
  /** True once the store is open and every configured adapter is ready. */
  ready(): boolean;
}

export interface ChatServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The one HTTP server of the chat front end: /slack/events, /discord/interactions, /healthz. */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const { log } = options;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const fail = (error: unknown) => {
      log.error("chat request failed", { path, error: (error as Error)?.stack ?? String(error) });
      if (!res.headersSent) res.writeHead(500).end();
    };
    if (req.method === "GET" && path === "/healthz") {
      const ok = options.ready();
      res
        .writeHead(ok ? 200 : 503, { "content-type": "application/json" })
        .end(JSON.stringify({ status: ok ? "ok" : "starting" }));
      return;
    }
    const get = options.get?.[path];
    if (req.method === "GET" && get) {
      get(req, res).catch(fail);
      return;
    }
    const post = options.post[path];
    if (!post) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found.");
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    readBody(req)
      .then((raw) => {
        if (!raw) {
          if (!res.headersSent) res.writeHead(413).end();
          return;
        }
        return post(req, res, raw);
      })
      .catch(fail);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new UserError(
              `The chat server cannot listen on port ${options.port} (${error.code === "EADDRINUSE" ? "it is in use" : "permission denied"}).`,
              "set PORT in .env to a free port above 1024, or stop the other program",
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, () => {
      server.removeAllListeners("error");
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
