import type { ChannelRef } from "../delivery/destination.js";
import type { PostOptions, Transport } from "../delivery/transport.js";
import type { Message } from "./message.js";
import { renderText } from "./render/text.js";

/** The console's one channel: where alerts and digests land when no chat platform is set up. */
export const CONSOLE_CHANNEL: ChannelRef = {
  platform: "console",
  workspaceId: "local",
  channelId: "console",
};

/**
 * Posts to the terminal: an alert or a digest as a block, a follow-up indented under the block of
 * its first alert's id (`#3`), as a thread would show it. `print` writes above the prompt.
 */
export class ConsoleTransport implements Transport {
  private n = 0;

  constructor(private readonly print: (text: string) => void) {}

  async post(_channel: ChannelRef, message: Message, options: PostOptions): Promise<{ messageRef: string }> {
    const ref = `#${++this.n}`;
    const text = renderText(message);
    if (options.threadOf) {
      const lines = text.split("\n").filter((l) => l !== "");
      this.print(
        [
          `  ↳ in thread ${options.threadOf}: ${lines[0] ?? ""}`,
          ...lines.slice(1).map((l) => `    ${l}`),
        ].join("\n"),
      );
    } else {
      this.print(`── ${ref} ${"─".repeat(40)}\n${text}`);
    }
    return { messageRef: ref };
  }
}
