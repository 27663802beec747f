import type { Db } from "./db.js";

export interface ChannelRef {
  platform: string;
  channelId: string;
}

export interface ChannelSettings {
  digestEnabled: boolean;
  digestTime: string | null;
  digestTimezone: string | null;
  alertsEnabled: boolean;
  alertsMinUsd: number | null;
  alertsTypes: string[];
  quietStart: number | null;
  quietEnd: number | null;
}

const DEFAULTS: ChannelSettings = {
  digestEnabled: false,
  digestTime: null,
  digestTimezone: null,
  alertsEnabled: false,
  alertsMinUsd: null,
  alertsTypes: [],
  quietStart: null,
  quietEnd: null,
};

export interface CustomEntity {
  id: string;
  name: string;
  aliases: string[];
}

/** Per-channel watchlists and settings, and entities users added at run time. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  watchlist(channel: ChannelRef): string[] {
    return this.db
      .prepare("SELECT entity_id FROM watchlist WHERE platform = ? AND channel_id = ? ORDER BY entity_id")
      .pluck()
      .all(channel.platform, channel.channelId) as string[];
  }

  /** Returns false when the entity was already on the list. */
  watch(channel: ChannelRef, entityId: string, by: string, now: Date): boolean {
    const info = this.db
      .prepare(
        "INSERT OR IGNORE INTO watchlist (platform, channel_id, entity_id, added_by, added_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(channel.platform, channel.channelId, entityId, by, now.toISOString());
    return info.changes > 0;
  }

  /** Returns false when the entity was not on the list. */
  unwatch(channel: ChannelRef, entityId: string): boolean {
    return (
      this.db
        .prepare("DELETE FROM watchlist WHERE platform = ? AND channel_id = ? AND entity_id = ?")
        .run(channel.platform, channel.channelId, entityId).changes > 0
    );
  }

  settings(channel: ChannelRef): ChannelSettings {
    const raw = this.db
      .prepare("SELECT * FROM channel_settings WHERE platform = ? AND channel_id = ?")
      .get(channel.platform, channel.channelId) as
      | {
          digest_enabled: number;
          digest_time: string | null;
          digest_timezone: string | null;
          alerts_enabled: number;
          alerts_min_usd: number | null;
          alerts_types: string;
          quiet_start: number | null;
          quiet_end: number | null;
        }
      | undefined;
    if (!raw) return { ...DEFAULTS };
    return {
      digestEnabled: raw.digest_enabled === 1,
      digestTime: raw.digest_time,
      digestTimezone: raw.digest_timezone,
      alertsEnabled: raw.alerts_enabled === 1,
      alertsMinUsd: raw.alerts_min_usd,
      alertsTypes: JSON.parse(raw.alerts_types) as string[],
      quietStart: raw.quiet_start,
      quietEnd: raw.quiet_end,
    };
  }

  /** Merges `changes` into the channel's settings. */
  update(channel: ChannelRef, changes: Partial<ChannelSettings>, by: string, now: Date): ChannelSettings {
    const next = { ...this.settings(channel), ...changes };
    this.db
      .prepare(
        `INSERT INTO channel_settings (platform, channel_id, digest_enabled, digest_time, digest_timezone, alerts_enabled,
           alerts_min_usd, alerts_types, quiet_start, quiet_end, updated_by, updated_at)
         VALUES (@platform, @channelId, @digestEnabled, @digestTime, @digestTimezone, @alertsEnabled, @alertsMinUsd,
           @alertsTypes, @quietStart, @quietEnd, @by, @now)
         ON CONFLICT (platform, channel_id) DO UPDATE SET digest_enabled = excluded.digest_enabled,
           digest_time = excluded.digest_time, digest_timezone = excluded.digest_timezone,
           alerts_enabled = excluded.alerts_enabled, alerts_min_usd = excluded.alerts_min_usd,
           alerts_types = excluded.alerts_types, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run({
        ...channel,
        digestEnabled: next.digestEnabled ? 1 : 0,
        digestTime: next.digestTime,
        digestTimezone: next.digestTimezone,
        alertsEnabled: next.alertsEnabled ? 1 : 0,
        alertsMinUsd: next.alertsMinUsd,
        alertsTypes: JSON.stringify(next.alertsTypes),
        quietStart: next.quietStart,
        quietEnd: next.quietEnd,
        by,
        now: now.toISOString(),
      });
    return next;
  }

  customEntities(): CustomEntity[] {
    return (
      this.db.prepare("SELECT id, name, aliases FROM custom_entities ORDER BY id").all() as {
        id: string;
        name: string;
        aliases: string;
      }[]
    ).map((r) => ({ id: r.id, name: r.name, aliases: JSON.parse(r.aliases) as string[] }));
  }

  addCustomEntity(entity: CustomEntity, by: string, now: Date): void {
    this.db
      .prepare("INSERT INTO custom_entities (id, name, aliases, added_by, added_at) VALUES (?, ?, ?, ?, ?)")
      .run(entity.id, entity.name, JSON.stringify(entity.aliases), by, now.toISOString());
  }
}
