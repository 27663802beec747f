import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LogFields, Logger } from "../log.js";
import { projectRoot } from "../paths.js";
import type { EnrichResult } from "./enrich.js";

export interface EnrichWorkerData {
  configDir: string;
  databasePath: string;
}

export interface EnrichRequest {
  /** ISO time the pass takes as now. */
  now: string;
}

export type WorkerMessage =
  | ({ kind: "done" } & EnrichResult)
  | { kind: "failed"; error: string }
  | { kind: "log"; level: "debug" | "info" | "warn" | "error"; message: string; fields: LogFields };

export interface EnrichmentRunner {
  /** Runs one enrichment pass; a call while one runs gets the pass that follows it. */
  run(now: Date): Promise<EnrichResult>;
  /** True when passes run in a worker thread, off the thread that answers commands. */
  readonly threaded: boolean;
  close(): Promise<void>;
}

/** The compiled worker: next to this module when it runs from dist/, else in dist/ itself. */
function workerFile(): string | undefined {
  const here = fileURLToPath(new URL("./worker.js", import.meta.url));
  if (existsSync(here)) return here;
  const built = join(projectRoot(), "dist", "src", "enrich", "worker.js");
  return existsSync(built) ? built : undefined;
}

export interface RunnerOptions {
  configDir: string;
  databasePath: string;
  log: Logger;
  /** The pass on this thread, for an in-memory database (it cannot be shared) or no built worker. */
  inline: (now: Date) => Promise<EnrichResult>;
}

/**
 * Runs enrichment passes in a worker thread when the database is a file (an in-memory database
 * cannot be shared, and tests use one), else on this thread.
 */
export function createEnrichmentRunner(options: RunnerOptions): EnrichmentRunner {
  const file = workerFile();
  if (options.databasePath === ":memory:" || !file) {
    // Passes never overlap here either: a call during a pass waits for it, then runs its own.
    let last: Promise<unknown> = Promise.resolve();
    return {
      threaded: false,
      run(now) {
        const next = last.catch(() => undefined).then(() => options.inline(now));
        last = next;
        return next;
      },
      close: async () => {
        await last.catch(() => undefined);
      },
    };
  }
  let worker: Worker | undefined;
  let running: Promise<EnrichResult> | undefined;
  const start = (): Worker => {
    const data: EnrichWorkerData = {
      configDir: options.configDir,
      databasePath: resolve(options.databasePath),
    };
    const spawned = new Worker(file, { workerData: data });
    // A crashed worker is replaced on the next pass.
    spawned.on("exit", () => {
      if (worker === spawned) worker = undefined;
    });
    return spawned;
  };
  let closed = false;
  const pass = (now: Date): Promise<EnrichResult> =>
    new Promise((resolvePass, reject) => {
      if (closed) {
        reject(new Error("The enrichment runner is closed."));
        return;
      }
      worker ??= start();
      const current = worker;
      const onMessage = (message: WorkerMessage) => {
        if (message.kind === "log") {
          options.log[message.level](message.message, message.fields);
          return;
        }
        cleanup();
        if (message.kind === "done")
          resolvePass({
            analyzed: message.analyzed,
            stories: message.stories,
            ...(message.alerts !== undefined ? { alerts: message.alerts } : {}),
          });
        else reject(new Error(message.error));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`The enrichment worker stopped (exit code ${code}).`));
      };
      const cleanup = () => {
        current.off("message", onMessage);
        current.off("error", onError);
        current.off("exit", onExit);
      };
      current.on("message", onMessage);
      current.on("error", onError);
      current.on("exit", onExit);
      const request: EnrichRequest = { now: now.toISOString() };
      current.postMessage(request);
    });
  let queued: Promise<EnrichResult> | undefined;
  const startPass = (now: Date): Promise<EnrichResult> => {
    const current = pass(now).finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return {
    threaded: true,
    run(now) {
      if (queued) return queued;
      if (!running) return startPass(now);
      // A pass is under way and may have started before the items this caller just stored: one
      // more pass follows it, shared by everyone who asks meanwhile. Passes never overlap.
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return startPass(now);
        });
      return queued;
    },
    async close() {
      // The pass under way finishes (its writes are one transaction); a queued one does not start.
      closed = true;
      await running?.catch(() => undefined);
      await queued?.catch(() => undefined);
      const stopping = worker;
      worker = undefined;
      await stopping?.terminate();
    },
  };
}
