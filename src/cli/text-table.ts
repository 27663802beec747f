import { safeText } from "../text-safety.js";

/**
 * A plain-text table for the terminal; a cell's extra lines hang under its column. Cells hold
 * stored feed text, which a database written before control characters were stripped at
 * ingest may still carry, so they are made safe here too.
 */
export function formatTable(headers: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(safeText));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i === headers.length - 1 ? 0 : (r[i] ?? "").length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .replace(/\n/g, `\n${" ".repeat(widths.slice(0, -1).reduce((a, w) => a + w + 2, 0))}`);
  return [line(headers), ...rows.map(line)].join("\n");
}

export function relativeTime(iso: string, now: number): string {
  const diff = now - Date.parse(iso);
  if (Number.isNaN(diff)) return "?";
  const ahead = diff < 0;
  const abs = Math.abs(diff);
  const text =
    abs < 60_000
      ? `${Math.round(abs / 1000)}s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)}m`
        : abs < 86_400_000
          ? `${Math.round(abs / 3_600_000)}h`
          : `${Math.round(abs / 86_400_000)}d`;
  return ahead ? `in ${text}` : `${text} ago`;
}
