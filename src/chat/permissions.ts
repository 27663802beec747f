import type { Caller } from "./command.js";

/**
 * Who may run admin commands: Slack workspace admins and Discord members with Manage Server
 * (the adapter says so with `platformAdmin`), and anyone listed in chat.adminUserIds.
 */
export function callerFor(userId: string, platformAdmin: boolean, adminUserIds: readonly string[]): Caller {
  return { id: userId, isAdmin: platformAdmin || adminUserIds.includes(userId) };
}
