import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { commands, registryJson } from "../../commands/index.js";
import { type App, catalogPath, createApp } from "../app.js";
import { createChatCore, localCaller } from "../chat/core.js";
import { renderText } from "../chat/render/text.js";
import { runDoctor } from "../doctor.js";
import type { EnrichResult } from "../enrich/enrich.js";
import { UserError } from "../errors.js";
import { toOpml } from "../ingest/opml.js";
import type { CycleReport } from "../ingest/poller.js";
import { createLogger, type LogLevel, parseLogLevel } from "../log.js";
import { count } from "../plural.js";
import { runService } from "../service.js";
import { storeUserError } from "../store/index.js";
import { safeText } from "../text-safety.js";
import { analyzeSource, formatAnalysis } from "./analyze.js";
import { addChatCommands } from "./chat.js";
import { formatTable, relativeTime } from "./text-table.js";

/** Builds a fresh command tree (commander keeps parsed values, so one per run). */
export function buildProgram(result: { exitCode: number } = { exitCode: 0 }): Command {
  const program = new Command("infrawire")
    .description("A news desk for the AI-infrastructure race: feeds in, deals and stories out.")
    .version("0.1.0")
    .option("--config-dir <dir>", "folder with infrawire.yaml and entities.yaml (default: ./config)")
    .option("-v, --verbose", "log debug details to stderr")
    .showHelpAfterError("(run `infrawire --help` for usage)");

  async function openApp(level: LogLevel = "warn", demo = false, freshDemo = false): Promise<App> {
    const opts = program.opts<{ configDir?: string; verbose?: boolean }>();
    const app = await createApp({
      ...(opts.configDir ? { configDir: opts.configDir } : {}),
      // LOG_LEVEL, when set, wins over the command's own default (info for run, warn for others).
      log: createLogger(opts.verbose ? "debug" : (parseLogLevel(process.env.LOG_LEVEL) ?? level)),
      demo,
      freshDemo,
    });
    if (app.config.databasePath === ":memory:")
      app.log.warn(
        "INFRAWIRE_DB is :memory:, a database in memory: nothing will persist after this process exits",
      );
    return app;
  }

  async function withApp<T>(work: (app: App) => Promise<T> | T, level: LogLevel = "warn"): Promise<T> {
    const app = await openApp(level);
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  }

  function printCycle(report: CycleReport): void {
    const secs = (report.durationMs / 1000).toFixed(1);
    console.log(
      `Polled ${count(report.feeds, "feed")} in ${secs} s: ${report.updated} with new items, ${report.unchanged} unchanged, ${report.failed} failed, ${report.disabled} disabled; ${count(report.itemsAdded, "new item")} stored.`,
    );
    if (report.skipped > 0)
      console.log(
        `  ${count(report.skipped, "feed")} not stored: ${report.storeError ?? "the database refused"}`,
      );
    const failures = report.results.filter((r) => r.error);
    for (const failure of failures.slice(0, 20))
      console.log(safeText(`  ✗ ${failure.url}: ${failure.error}`));
    if (failures.length > 20)
      console.log(`  … and ${failures.length - 20} more (see \`infrawire feeds list\`)`);
  }

  program
    .command("run")
    .description(
      "run the bot: poll feeds on schedule and answer in chat (the console when no chat token is set)",
    )
    .option("--demo", "use the bundled offline sample feeds and a separate demo database")
    .option("--console", "open the command prompt even when input is not a terminal")
    .option("--once", "run one poll cycle and exit")
    .action(async (opts: { demo?: boolean; once?: boolean; console?: boolean }) => {
      // The live demo (not --once) replays the samples from the start in a fresh demo database.
      const app = await openApp("info", opts.demo ?? false, (opts.demo ?? false) && !opts.once);
      await runService(app, {
        demo: opts.demo ?? false,
        once: opts.once ?? false,
        console: opts.console ?? false,
      });
    });

  program
    .command("poll")
    .description("poll the feeds that are due, store new items and exit")
    .option("--once", "one cycle, then exit (the default)")
    .option("--force", "poll every enabled feed now, ignoring schedules and backoff")
    .option("--json", "print the cycle report as JSON")
    .action(async (opts: { force?: boolean; json?: boolean }) => {
      await withApp(async (app) => {
        const report = await app.poller.runCycle({ force: opts.force ?? false });
        // A store that refuses writes is not a success, whatever the feeds did.
        if (report.storeError) result.exitCode = 1;
        const enriched: EnrichResult = report.storeError ? { analyzed: 0, stories: 0 } : await app.enrich();
        if (opts.json)
          console.log(
            JSON.stringify({ ...report, analyzed: enriched.analyzed, queued: enriched.alerts ?? 0 }, null, 2),
          );
        else {
          printCycle(report);
          if (enriched.analyzed > 0) {
            console.log(
              `Analysed ${count(enriched.analyzed, "item")}: ${count(await app.store.intel.eventCount(), "event")} and ${count(await app.store.intel.storyCount(), "story", "stories")} stored.`,
            );
          }
          if (enriched.alerts)
            console.log(
              `Queued ${count(enriched.alerts, "post")} for the running bot to send (alerts and follow-ups).`,
            );
        }
        if (report.storeError) throw new UserError(report.storeError, "then run the poll again");
      });
    });

  const feeds = program.command("feeds").description("manage the feeds infrawire polls");

  feeds
    .command("add")
    .description("add a feed (RSS or Atom URL) and poll it once")
    .argument("<url>", "the feed URL, e.g. https://blogs.nvidia.com/feed/")
    .option("--title <title>", "a display name until the feed provides its own")
    .option("--no-poll", "store the feed without polling it now")
    .action(async (url: string, opts: { title?: string; poll: boolean }) => {
      await withApp(async (app) => {
        const { feed, created, firstPoll } = await app.actions.addFeed(url, {
          title: opts.title,
          poll: opts.poll,
        });
        if (!created) {
          console.log(safeText(`Feed ${feed.id} is already in the list: ${feed.title ?? feed.url}`));
          return;
        }
        if (!firstPoll) {
          console.log(`Added feed ${feed.id}: ${feed.url} (it will be polled on the next cycle).`);
          return;
        }
        if (firstPoll.error) {
          console.log(
            safeText(`Added feed ${feed.id}: ${feed.url}, but its first poll failed: ${firstPoll.error}.`),
          );
          console.log(`infrawire will retry it on schedule; \`infrawire feeds list\` shows its health.`);
        } else {
          console.log(
            safeText(
              `Added feed ${feed.id}: ${feed.title || feed.url} — ${count(firstPoll.items, "item")} stored.`,
            ),
          );
        }
      });
    });

  feeds
    .command("remove")
    .description("remove a feed by id or URL (its stored items stay)")
    .argument("<url-or-id>")
    .action(async (target: string) => {
      await withApp(async (app) => {
        const removed = await app.actions.removeFeed(target);
        console.log(safeText(`Removed feed ${removed.id}: ${removed.title ?? removed.url}`));
      });
    });

  feeds
    .command("enable")
    .description("re-enable a disabled feed and poll it on the next cycle")
    .argument("<id>")
    .action(async (id: string) => {
      await withApp(async (app) => {
        const feed = await app.actions.enableFeed(id);
        console.log(safeText(`Enabled feed ${feed.id}: ${feed.title ?? feed.url}`));
      });
    });

  feeds
    .command("list")
    .description("list feeds with their health")
    .option("--json", "print JSON: [{ id, url, title, status, lastError, itemCount, lastPolledAt }]")
    .action(async (opts: { json?: boolean }) => {
      await withApp(async (app) => {
        const rows = await app.actions.feeds();
        if (opts.json) {
          // The documented shape; `note` only when there is one.
          const json = rows.map(({ note, ...row }) => (note ? { ...row, note } : row));
          console.log(JSON.stringify(json, null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log(
            "No feeds yet. Add one with `infrawire feeds add <url>` or `infrawire feeds import feeds/default.opml`.",
          );
          return;
        }
        const now = app.clock.now().getTime();
        console.log(
          formatTable(
            ["id", "status", "items", "polled", "feed"],
            rows.map((r) => [
              String(r.id),
              r.status,
              String(r.itemCount),
              r.lastPolledAt ? relativeTime(r.lastPolledAt, now) : "never",
              `${r.title ?? r.url}${r.title ? `  <${r.url}>` : ""}${r.lastError ? `\n  ↳ ${r.lastError}` : ""}${r.note ? `\n  ↳ ${r.note}` : ""}`,
            ]),
          ),
        );
        const failing = rows.filter((r) => r.status !== "ok").length;
        console.log(`\n${count(rows.length, "feed")}, ${failing} failing or disabled.`);
      });
    });

  feeds
    .command("import")
    .description("add every feed of an OPML file")
    .argument("<opml>", "path to an OPML file, e.g. feeds/default.opml")
    .action(async (file: string) => {
      await withApp(async (app) => {
        const { added, total } = await app.actions.importOpml(resolve(file));
        console.log(`Imported ${count(added, "new feed")} (${total - added} already present) from ${file}.`);
      });
    });

  feeds
    .command("export")
    .description("print the feed list as OPML")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (opts: { output?: string }) => {
      await withApp(async (app) => {
        const all = await app.actions.allFeeds();
        const opml = toOpml(
          all.map((f) => ({
            url: f.url,
            ...(f.title ? { title: f.title } : {}),
            ...(f.siteUrl ? { siteUrl: f.siteUrl } : {}),
          })),
          undefined,
          app.clock.now(),
        );
        if (opts.output) {
          writeFileSync(opts.output, opml);
          console.log(`Wrote ${count(all.length, "feed")} to ${opts.output}.`);
        } else process.stdout.write(opml);
      });
    });

  program
    .command("search")
    .description("full-text search over stored items (title and summary)")
    .argument("<words...>", "words to find, e.g. nvidia h200")
    .addOption(new Option("-n, --limit <n>", "how many results").default("10").argParser((v) => v))
    .option("--json", "print JSON")
    .action(async (words: string[], opts: { limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
        throw new UserError(
          `--limit must be a whole number from 1 to 200 (got ${opts.limit}).`,
          "try --limit 20",
        );
      }
      await withApp(async (app) => {
        const query = words.join(" ");
        const hits = await app.store.items.search(query, limit);
        if (opts.json) {
          console.log(
            JSON.stringify(
              hits.map((h) => ({
                id: h.id,
                title: h.title,
                url: h.url,
                publishedAt: h.publishedAt,
                feed: h.feedTitle,
                snippet: h.snippet,
              })),
              null,
              2,
            ),
          );
          return;
        }
        if (hits.length === 0) {
          console.log(
            `No stored item matches "${query}" (searched ${count(await app.store.items.count(), "item")}). Try fewer or shorter words.`,
          );
          return;
        }
        for (const hit of hits) {
          const date = (hit.publishedAt ?? hit.fetchedAt).slice(0, 10);
          // Stored text from a database written before ingest stripped controls may hold them.
          console.log(safeText(`${date}  ${hit.title}${hit.feedTitle ? `  — ${hit.feedTitle}` : ""}`));
          if (hit.url) console.log(safeText(`            ${hit.url}`));
        }
      });
    });

  program
    .command("commands")
    .description(
      "list the chat commands (the registry Slack's manifest and Discord's registration are built from)",
    )
    .option("--json", "print the registry as JSON")
    .action((opts: { json?: boolean }) => {
      if (opts.json) console.log(JSON.stringify(registryJson(), null, 2));
      else for (const c of commands) console.log(`/${c.name.padEnd(14)} ${c.usage}`);
    });

  // Every chat command also runs once from the shell: `infrawire deals openai --min 5B`.
  const existing = new Set(program.commands.map((c) => c.name()));
  for (const command of commands) {
    // `search` and `feeds` have richer shell versions above (--json, OPML).
    if (existing.has(command.name)) continue;
    const sub = program
      .command(command.name)
      .description(`${command.description} (chat: ${command.usage})`)
      .argument(
        "[words...]",
        command.options
          .filter((o) => o.positional)
          .map((o) => o.name)
          .join(" "),
      );
    for (const option of command.options.filter((o) => !o.positional)) {
      sub.option(`--${option.name} <${option.kind}>`, `${option.description}, e.g. ${option.example}`);
    }
    sub.action(async (words: string[], opts: Record<string, string>) => {
      await withApp(async (app) => {
        const flags = Object.entries(opts).map(([k, v]) => `${k}:${v}`);
        const message = await createChatCore(app).run({
          command: command.name,
          input: { text: [...words, ...flags].join(" ") },
          ...localCaller("cli"),
        });
        console.log(renderText(message));
        if (message.kind === "error") result.exitCode = 1;
      });
    });
  }

  program
    .command("analyze")
    .description("read a feed file or URL and print its entities, events and stories (nothing is stored)")
    .argument("<file-or-url>", "an RSS/Atom file, e.g. feeds/samples/deals.rss.xml, or a feed URL")
    .option("--json", "print { items: [...], stories: [...] } as JSON")
    .action(async (source: string, opts: { json?: boolean }) => {
      await withApp(async (app) => {
        const report = await analyzeSource(app, source);
        const entities = (await app.intel.get()).matcher.entities;
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatAnalysis(report, entities));
      });
    });

  program
    .command("doctor")
    .description("check config, database, feeds and chat settings, and say what to fix")
    .action(async () => {
      const ok = await runDoctor(program.opts<{ configDir?: string }>().configDir);
      if (!ok) result.exitCode = 1;
    });

  program
    .command("catalog")
    .description("print where the default feed catalogue lives")
    .action(async () => {
      await withApp((app) => console.log(catalogPath(app.config)));
    });

  addChatCommands(program);
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 a user error, 2 a bug). */
export async function main(argv: string[]): Promise<number> {
  const result = { exitCode: 0 };
  const program = buildProgram(result);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // A database error a user can fix (read-only, not a database, busy) is a sentence too.
    const userError = storeUserError(error, process.env.INFRAWIRE_DB);
    if (userError) {
      process.stderr.write(`error: ${safeText(userError.message)}\nfix: ${safeText(userError.fix)}\n`);
      return 1;
    }
    process.stderr.write(`infrawire failed unexpectedly: ${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  }
}
