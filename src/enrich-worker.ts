/**
 * The enrichment pass in a worker thread, on its own connection to the same SQLite file (WAL):
 * analysing new items and regrouping a 72-hour window takes seconds at high volume, and chat
 * commands must not wait for it. The main thread sends `{ now }`, the worker answers with the
 * pass's result and forwards its log lines.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createApp } from "./app.js";
import { enrichNewItems } from "./enrich.js";
import type { EnrichRequest, EnrichWorkerData, WorkerMessage } from "./enrich-runner.js";
import type { LogFields, Logger } from "./log.js";

const port = parentPort;
if (!port) throw new Error("enrich-worker.js runs as a worker thread only.");
const post = (message: WorkerMessage) => port.postMessage(message);
const forward =
  (level: "debug" | "info" | "warn" | "error") =>
  (message: string, fields?: LogFields): void =>
    post({ kind: "log", level, message, fields: fields ?? {} });
const log: Logger = {
  debug: forward("debug"),
  info: forward("info"),
  warn: forward("warn"),
  error: forward("error"),
};

const data = workerData as EnrichWorkerData;
const app = createApp({
  configDir: data.configDir,
  env: { ...process.env, INFRAWIRE_DB: data.databasePath },
  log,
});

port.on("message", (request: EnrichRequest) => {
  try {
    // Entities users added since the last pass are read from the database again.
    app.refreshIntel();
    const result = enrichNewItems(app.intelStore, app.intel(), log, new Date(request.now));
    post({ kind: "done", ...result });
  } catch (error) {
    post({ kind: "failed", error: (error as Error).message });
  }
});
