import { existsSync } from "node:fs";
import { join } from "node:path";
import { type App, catalogPath, createApp } from "./app.js";
import { chatChecks } from "./chat/doctor.js";
import { loadEntities } from "./config/load.js";
import { UserError } from "./errors.js";
import { silentLogger } from "./log.js";
import { count } from "./plural.js";

interface Check {
  ok: boolean;
  label: string;
  detail?: string;
}

const LISTED = 10;

/** At most ten lines, then one that says how many more there are and where they are. */
function listed(lines: string[], more: string): string[] {
  return lines.length <= LISTED
    ? lines
    : [...lines.slice(0, LISTED), `… and ${lines.length - LISTED} more (${more})`];
}

function nodeVersionOk(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  return major > 20 || (major === 20 && minor >= 18);
}

/** Prints one line per check and what to do about each failure. Returns false when one failed. */
export async function runDoctor(
  configDir: string | undefined,
  print: (line: string) => void = console.log,
): Promise<boolean> {
  const checks: Check[] = [];
  checks.push({
    ok: nodeVersionOk(process.version),
    label: `Node.js ${process.version}`,
    ...(nodeVersionOk(process.version) ? {} : { detail: "install Node.js 20.18 or newer" }),
  });

  let app: App | undefined;
  try {
    app = await createApp({ ...(configDir ? { configDir } : {}), log: silentLogger });
    checks.push({ ok: true, label: `config ${join(app.config.configDir, "infrawire.yaml")}` });
  } catch (error) {
    const text = error instanceof UserError ? `${error.message}\n    fix: ${error.fix}` : String(error);
    checks.push({ ok: false, label: "config and database", detail: text });
  }

  if (app) {
    const entitiesFile = join(app.config.configDir, "entities.yaml");
    try {
      const entities = loadEntities(entitiesFile);
      checks.push({ ok: true, label: `entities ${entitiesFile}: ${entities.entities.length} tracked` });
    } catch (error) {
      const text = error instanceof UserError ? error.message : String(error);
      checks.push({ ok: false, label: "entities", detail: text });
    }
    const health = await app.store.health();
    checks.push({
      ok: true,
      label: `database ${health.location} (schema ${health.schemaVersion}, ${count(await app.store.items.count(), "item")})`,
    });
    const catalog = catalogPath(app.config);
    checks.push({
      ok: existsSync(catalog),
      label: `feed catalogue ${catalog}`,
      ...(existsSync(catalog)
        ? {}
        : { detail: "restore feeds/default.opml or set feedsOpml in infrawire.yaml" }),
    });
    const feeds = await app.actions.feeds();
    const bad = feeds.filter((f) => f.status !== "ok");
    const badLines = listed(
      bad.map((f) => `${f.status}: ${f.url} — ${f.lastError ?? "no error recorded"}`),
      "`infrawire feeds list` shows them all",
    );
    // Some feeds failing is news for the operator, not a broken install; none readable is.
    const feedsOk = feeds.length > 0 && bad.length < feeds.length;
    checks.push({
      ok: feedsOk,
      label: `${count(feeds.length, "feed")}, ${bad.length} failing or disabled`,
      ...(feeds.length === 0
        ? { detail: "run `npm start` once, or `infrawire feeds import feeds/default.opml`" }
        : bad.length > 0
          ? {
              detail: [
                ...(feedsOk
                  ? []
                  : [
                      "no feed can be read: check the network or proxy settings, then `infrawire poll --force` (a disabled feed comes back with `infrawire feeds enable <id>`)",
                    ]),
                ...badLines,
              ].join("\n    "),
            }
          : {}),
    });
    const dead = await app.actions.deadLetters();
    checks.push({
      ok: dead.length === 0,
      label: `delivery: ${count(dead.length, "post")} that could not be delivered`,
      ...(dead.length > 0
        ? {
            detail: [
              "fix the cause shown below (a channel, a token); the rest of the queue keeps going",
              ...listed(
                dead.map((d) => `${d.destinationKey} ${d.kind} "${d.title}" — ${d.error}`),
                "the rest stay in the outbox",
              ),
            ].join("\n    "),
          }
        : {}),
    });
    const paused = await app.actions.pausedChannels();
    checks.push({
      ok: paused.length === 0,
      label: `delivery: ${count(paused.length, "channel")} where posting stopped`,
      ...(paused.length > 0
        ? {
            detail: [
              ...paused
                .slice(0, 10)
                .map(
                  (p) =>
                    `${p.channel.platform}:${p.channel.workspaceId}:${p.channel.channelId} since ${p.at.toISOString()} — ${p.reason}`,
                ),
              "fix the cause, then an admin turns its alerts or digest on again there (/alerts on, /digest on); its queued posts then go out",
            ].join("\n    "),
          }
        : {}),
    });
    checks.push(...chatChecks(process.env));
    checks.push({
      ok: true,
      label: app.config.network.allowPrivate
        ? "private feed addresses: allowed"
        : "private feed addresses: refused",
    });
    await app.close();
  }

  for (const check of checks) {
    print(`${check.ok ? "✓" : "✗"} ${check.label}`);
    if (check.detail) print(`    ${check.detail}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  print(failed === 0 ? "\nAll checks passed." : `\n${failed} check${failed === 1 ? "" : "s"} failed.`);
  return failed === 0;
}
