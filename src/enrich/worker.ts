/**
 * The enrichment pass in a worker thread, on its own connection to the same SQLite file (WAL):
 * analysing new items and regrouping a 72-hour window takes seconds at high volume, and chat
 * commands must not wait for it. The main thread sends `{ now }`, the worker answers with the
 * pass's result and forwards its log lines.
 */
import { parentPort, workerData } from "node:worker_threads";
import { entityDirectory } from "../briefing/entity-directory.js";
import type { Clock } from "../clock.js";
import { createAlertPlanner } from "../delivery/plan-alerts.js";
import type { LogFields, Logger } from "../log.js";
import { openStore } from "../store/index.js";
import { createIntelSource } from "./context.js";
import { enrichNewItems } from "./enrich.js";
import type { EnrichRequest, EnrichWorkerData, WorkerMessage } from "./runner.js";

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
const store = await openStore(data.databasePath);
// The pass takes the main thread's time as its now.
let passNow = new Date(0);
const clock: Clock = { now: () => passNow };
const intel = createIntelSource({
  configDir: data.configDir,
  settings: store.settings,
  intel: store.intel,
  clock,
  log,
});

// Alerts are planned here, by whichever process stores the stories, and written with them.
const alerts = createAlertPlanner({
  destinations: store.delivery.destinations,
  outbox: store.delivery.outbox,
  entities: async () => entityDirectory((await intel.get()).matcher),
});

port.on("message", async (request: EnrichRequest) => {
  try {
    passNow = new Date(request.now);
    // Entities users added since the last pass are read from the database again.
    intel.refresh();
    const result = await enrichNewItems(store.intel, await intel.get(), log, clock, { alerts });
    post({ kind: "done", ...result });
  } catch (error) {
    post({ kind: "failed", error: (error as Error).message });
  }
});
