import { vi } from "vitest";
import { main } from "../../src/cli/program.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with the given env overrides and captures what a user would see. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => {
    out.push(`${parts.map(String).join(" ")}\n`);
  });
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await main(["node", "infrawire", ...args]);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    log.mockRestore();
    stdout.mockRestore();
    stderr.mockRestore();
    vi.unstubAllEnvs();
  }
}
