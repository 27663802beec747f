import type { Platform } from "./command.js";

/**
 * Where a chat platform's per-workspace credentials live (a Slack installation from the OAuth
 * flow: bot token, scopes, team). `data` is the platform library's own record, as JSON; the
 * key is the workspace (Slack team id, or the enterprise id for an org-wide install).
 */
export interface InstallationRepository {
  save(platform: Platform, workspaceId: string, data: string, at: Date): Promise<void>;
  find(platform: Platform, workspaceId: string): Promise<string | undefined>;
  remove(platform: Platform, workspaceId: string): Promise<boolean>;
}
