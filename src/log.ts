import { safeText } from "./text-safety.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

function formatValue(value: string | number | boolean | null): string {
  const text = String(value);
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text;
}

/** A LOG_LEVEL value as a level, or undefined when it names none. */
export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  return value !== undefined && value in ORDER ? (value as LogLevel) : undefined;
}

const toStderr = (line: string) => {
  process.stderr.write(`${line}\n`);
};
let sink: (line: string) => void = toStderr;

/**
 * Sends the lines of every default logger to `write` instead of stderr until the returned
 * function is called: the console prompt uses it to print log lines above what the user types.
 */
export function redirectLogs(write: (line: string) => void): () => void {
  sink = write;
  return () => {
    if (sink === write) sink = toStderr;
  };
}

/**
 * Logs to stderr (stdout stays free for command output and --json), as `key=value` text or,
 * with LOG_FORMAT=json, one JSON object per line.
 */
export function createLogger(
  level: LogLevel = parseLogLevel(process.env.LOG_LEVEL) ?? "info",
  write: (line: string) => void = (line) => sink(line),
  json = process.env.LOG_FORMAT === "json",
): Logger {
  const threshold = ORDER[level] ?? ORDER.info;
  const emit = (lvl: Exclude<LogLevel, "silent">, raw: string, fields: LogFields = {}) => {
    if (ORDER[lvl] < threshold) return;
    const time = new Date().toISOString();
    // Feed text (a title, a feed's error) reaches these lines, and they reach a terminal.
    const defined = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === "string" ? safeText(v) : v]) as [
      string,
      string | number | boolean | null,
    ][];
    const message = safeText(raw);
    if (json) {
      write(JSON.stringify({ time, level: lvl, message, ...Object.fromEntries(defined) }));
      return;
    }
    const tail = defined.map(([k, v]) => `${k}=${formatValue(v)}`).join(" ");
    write(`${time} ${lvl.padEnd(5)} ${message}${tail ? ` ${tail}` : ""}`);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
  };
}

export const silentLogger: Logger = createLogger("silent", () => {});
