import { clearLine, createInterface, cursorTo, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { redirectLogs } from "../log.js";
import { type ChatCore, localCaller } from "./core.js";
import { renderText } from "./render/text.js";

export interface ConsoleOptions {
  input?: Readable;
  output?: Writable;
  terminal?: boolean;
  /** Where log lines go while the prompt is open (stderr). */
  logOutput?: Writable;
}

/**
 * The console adapter: a prompt where `/brief openai` works, with line history and /help, while
 * the bot keeps polling in the same process. Resolves when the user quits or input ends.
 */
export function startConsole(
  core: ChatCore,
  options: ConsoleOptions = {},
): { done: Promise<void>; close(): void; print(text: string): void } {
  const output = options.output ?? process.stdout;
  const rl: Interface = createInterface({
    input: options.input ?? process.stdin,
    output,
    terminal: options.terminal ?? Boolean(process.stdin.isTTY),
    historySize: 200,
    prompt: "infrawire> ",
  });
  const write = (text: string) => output.write(`${text}\n`);
  // What the bot posts to the console channel (alerts, digests) prints above the prompt and
  // redraws it with what the user had typed so far, as log lines do.
  const print = (text: string) => {
    if (rl.terminal) {
      clearLine(output, 0);
      cursorTo(output, 0);
    }
    write(text);
    if (rl.terminal) rl.prompt(true);
  };
  // On a terminal, a log line from the poller clears the prompt line, prints above it, and
  // redraws the prompt with what the user had typed so far.
  const logOutput = options.logOutput ?? process.stderr;
  const restoreLogs = rl.terminal
    ? redirectLogs((line) => {
        clearLine(output, 0);
        cursorTo(output, 0);
        logOutput.write(`${line}\n`);
        rl.prompt(true);
      })
    : () => {};
  rl.on("close", restoreLogs);
  write("infrawire console — type /help for commands, /quit to leave. Polling continues in the background.");
  rl.prompt();
  let queue = Promise.resolve();
  rl.on("line", (raw) => {
    queue = queue.then(async () => {
      const line = raw.trim();
      if (line === "") return;
      if (line === "/quit" || line === "/exit") {
        rl.close();
        return;
      }
      const [name = "", ...rest] = line.replace(/^\//, "").split(/\s+/);
      const message = await core.run({
        command: name,
        input: { text: rest.join(" ") },
        ...localCaller("console"),
      });
      write(renderText(message));
      rl.prompt();
    });
  });
  const done = new Promise<void>((resolve) => rl.on("close", () => void queue.then(resolve)));
  return { done, close: () => rl.close(), print };
}
