import type { InstallationRepository } from "../repositories.js";
import type { Db } from "./db.js";

/** Installations in the bot's SQLite database (table `chat_installations`). */
export class SqliteInstallations implements InstallationRepository {
  constructor(private readonly db: Db) {}

  async save(platform: string, workspaceId: string, data: string, at: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO chat_installations (platform, workspace_id, data, installed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id) DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at`,
      )
      .run(platform, workspaceId, data, at.toISOString());
  }

  async find(platform: string, workspaceId: string): Promise<string | undefined> {
    const row = this.db
      .prepare("SELECT data FROM chat_installations WHERE platform = ? AND workspace_id = ?")
      .get(platform, workspaceId) as { data: string } | undefined;
    return row?.data;
  }

  async remove(platform: string, workspaceId: string): Promise<boolean> {
    return (
      this.db
        .prepare("DELETE FROM chat_installations WHERE platform = ? AND workspace_id = ?")
        .run(platform, workspaceId).changes > 0
    );
  }
}
