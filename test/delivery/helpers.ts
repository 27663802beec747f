import type { Message } from "../../src/chat/message.js";
import { type Destination, destinationKey, type Platform } from "../../src/delivery/destination.js";

export function destination(
  channelId: string,
  extra: Partial<Destination> = {},
  platform: Platform = "slack",
): Destination {
  const ref = { platform, workspaceId: "T1", channelId };
  return { ...ref, key: destinationKey(ref), ...extra };
}

export function textMessage(text: string): Message {
  return { title: text, sections: [] };
}
