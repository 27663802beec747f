// npm 11 behind this workplace's registry mirror writes package-lock.json without the optional
// packages built for other platforms (the mirror does not serve them; see npm/cli#9342, #7961),
// and `npm ci` then refuses the lockfile as out of sync. This adds an entry for each missing one
// with its exact version and the platform it is for, read from its name (@biomejs/cli-*,
// @rollup/rollup-*, @esbuild/*): npm skips them here as unsupported platforms, as it would with a
// complete lockfile. Run after `npm install` changes dependencies: node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from "node:fs";

const OS = [
  "aix",
  "android",
  "darwin",
  "freebsd",
  "linux",
  "netbsd",
  "openbsd",
  "openharmony",
  "sunos",
  "win32",
];
const CPU = ["arm64", "arm", "ia32", "loong64", "mips64el", "ppc64", "riscv64", "s390x", "x64"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p)) ?? (parts.includes("win32") ? "win32" : undefined);
  const cpu =
    parts.find((p) => CPU.includes(p)) ??
    (parts.includes("eabi") || parts.includes("gnueabihf") ? "arm" : undefined);
  const libc =
    parts.includes("musl") || parts.includes("musleabihf")
      ? "musl"
      : parts.some((p) => p.startsWith("gnu"))
        ? "glibc"
        : undefined;
  return { os, cpu, libc };
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (packages[`node_modules/${name}`] || packages[`${path}/node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os || !/^\d+\.\d+\.\d+/.test(range)) {
      console.error(`cannot place ${name}@${range} (needed by ${path || "the project"}); add it by hand`);
      process.exitCode = 1;
      continue;
    }
    const record = {
      version: range,
      cpu: cpu ? [cpu] : undefined,
      dev: entry.dev || undefined,
      libc: libc ? [libc] : undefined,
      optional: true,
      os: [os],
    };
    packages[`node_modules/${name}`] = JSON.parse(JSON.stringify(record));
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform packages to package-lock.json`);
