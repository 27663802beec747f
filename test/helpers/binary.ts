import { execFile } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "../..");
export const bin = join(root, "dist/src/cli.js");

export interface BinaryRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The built CLI as a user runs it (`npm test` builds first), in its own process; never rejects,
 * so a failing command can be inspected.
 */
export function runBinary(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; uid?: number; configDir?: string } = {},
): Promise<BinaryRun> {
  return new Promise((resolve) => {
    execFile(
      "node",
      [bin, "--config-dir", options.configDir ?? join(root, "config"), ...args],
      {
        cwd: options.cwd ?? root,
        env: { ...process.env, LOG_LEVEL: "warn", ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
