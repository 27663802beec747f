import type { EventType } from "../../intel/event-types.js";
import type {
  ChannelRef,
  ChannelSettings,
  CustomEntity,
  Platform,
  SettingsRepository,
} from "../repositories.js";
import { type Db, type MetaTable, metaTable, preparedOnce } from "./db.js";

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

// Workspace-wide facts live in the meta table, so they needed no migration: a notice channel per
// workspace and the channel each feed was added from.
const NOTICES = "notices:";
const FEED_OWNER = "feed-added-in:";

function refOf(json: string): ChannelRef | undefined {
  try {
    const r = JSON.parse(json) as Partial<ChannelRef>;
    return r.platform && r.workspaceId && r.channelId
      ? { platform: r.platform, workspaceId: r.workspaceId, channelId: r.channelId }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Per-channel watchlists and settings, and entities users added at run time. */
export class SettingsStore implements SettingsRepository {
  private readonly facts: MetaTable;

  constructor(private readonly db: Db) {
    this.facts = metaTable(preparedOnce(db));
  }

  async watchlist(channel: ChannelRef): Promise<string[]> {
    return this.db
      .prepare(
        "SELECT entity_id FROM watchlist WHERE platform = ? AND workspace_id = ? AND channel_id = ? ORDER BY entity_id",
      )
      .pluck()
      .all(channel.platform, channel.workspaceId, channel.channelId) as string[];
  }

  /** Returns false when the entity was already on the list. */
  async watch(channel: ChannelRef, entityId: string, by: string, now: Date): Promise<boolean> {
    const info = this.db
      .prepare(
        "INSERT OR IGNORE INTO watchlist (platform, workspace_id, channel_id, entity_id, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(channel.platform, channel.workspaceId, channel.channelId, entityId, by, now.toISOString());
    return info.changes > 0;
  }

  /** Returns false when the entity was not on the list. */
  async unwatch(channel: ChannelRef, entityId: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          "DELETE FROM watchlist WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND entity_id = ?",
        )
        .run(channel.platform, channel.workspaceId, channel.channelId, entityId).changes > 0
    );
  }

  async settings(channel: ChannelRef): Promise<ChannelSettings> {
    return this.read(channel) ?? { ...DEFAULTS };
  }

  private read(channel: ChannelRef): ChannelSettings | undefined {
    const raw = this.db
      .prepare("SELECT * FROM channel_settings WHERE platform = ? AND workspace_id = ? AND channel_id = ?")
      .get(channel.platform, channel.workspaceId, channel.channelId) as
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
    if (!raw) return undefined;
    return {
      digestEnabled: raw.digest_enabled === 1,
      digestTime: raw.digest_time,
      digestTimezone: raw.digest_timezone,
      alertsEnabled: raw.alerts_enabled === 1,
      alertsMinUsd: raw.alerts_min_usd,
      alertsTypes: JSON.parse(raw.alerts_types) as EventType[],
      quietStart: raw.quiet_start,
      quietEnd: raw.quiet_end,
    };
  }

  /** Merges `changes` into the channel's settings. */
  async update(
    channel: ChannelRef,
    changes: Partial<ChannelSettings>,
    by: string,
    now: Date,
  ): Promise<ChannelSettings> {
    return this.db.transaction(() => this.updateNow(channel, changes, by, now)).immediate();
  }

  private updateNow(
    channel: ChannelRef,
    changes: Partial<ChannelSettings>,
    by: string,
    now: Date,
  ): ChannelSettings {
    const before = this.read(channel);
    const next = { ...(before ?? DEFAULTS), ...changes };
    // The digest's slots count from when it was turned on or its time or zone last changed, so
    // moving 20:00 to 08:00 at 10:00 does not post a "late" 08:00 digest.
    const digestMoved =
      next.digestEnabled &&
      (!before?.digestEnabled ||
        before.digestTime !== next.digestTime ||
        before.digestTimezone !== next.digestTimezone);
    this.db
      .prepare(
        `INSERT INTO channel_settings (platform, workspace_id, channel_id, digest_enabled, digest_time, digest_timezone, alerts_enabled,
           alerts_min_usd, alerts_types, quiet_start, quiet_end, updated_by, updated_at)
         VALUES (@platform, @workspaceId, @channelId, @digestEnabled, @digestTime, @digestTimezone, @alertsEnabled, @alertsMinUsd,
           @alertsTypes, @quietStart, @quietEnd, @by, @now)
         ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET digest_enabled = excluded.digest_enabled,
           digest_time = excluded.digest_time, digest_timezone = excluded.digest_timezone,
           alerts_enabled = excluded.alerts_enabled, alerts_min_usd = excluded.alerts_min_usd,
           alerts_types = excluded.alerts_types, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run({
        platform: channel.platform,
        workspaceId: channel.workspaceId,
        channelId: channel.channelId,
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
    // Turning alerts or the digest on again is how an admin resumes a channel where posting stopped.
    if (changes.alertsEnabled === true || changes.digestEnabled === true)
      this.db
        .prepare(
          "UPDATE channel_settings SET paused_reason = NULL, paused_at = NULL WHERE platform = ? AND workspace_id = ? AND channel_id = ?",
        )
        .run(channel.platform, channel.workspaceId, channel.channelId);
    if (digestMoved)
      this.db
        .prepare(
          "UPDATE channel_settings SET digest_since = ? WHERE platform = ? AND workspace_id = ? AND channel_id = ?",
        )
        .run(now.toISOString(), channel.platform, channel.workspaceId, channel.channelId);
    return next;
  }

  async customEntities(): Promise<CustomEntity[]> {
    return (
      this.db.prepare("SELECT id, name, aliases FROM custom_entities ORDER BY id").all() as {
        id: string;
        name: string;
        aliases: string;
      }[]
    ).map((r) => ({ id: r.id, name: r.name, aliases: JSON.parse(r.aliases) as string[] }));
  }

  async addCustomEntity(entity: CustomEntity, by: string, now: Date): Promise<void> {
    this.db
      .prepare("INSERT INTO custom_entities (id, name, aliases, added_by, added_at) VALUES (?, ?, ?, ?, ?)")
      .run(entity.id, entity.name, JSON.stringify(entity.aliases), by, now.toISOString());
  }

  async noticeChannel(platform: Platform, workspaceId: string): Promise<ChannelRef | undefined> {
    const raw = this.facts.get(`${NOTICES}${platform}:${workspaceId}`);
    return raw === undefined ? undefined : refOf(raw);
  }

  async noticeChannels(): Promise<ChannelRef[]> {
    return (
      this.db
        .prepare("SELECT value FROM meta WHERE key >= ? AND key < ? ORDER BY key")
        .pluck()
        .all(NOTICES, `${NOTICES}\uffff`) as string[]
    )
      .map(refOf)
      .filter((r): r is ChannelRef => r !== undefined);
  }

  async setNoticeChannel(channel: ChannelRef, off = false): Promise<void> {
    this.facts.set(
      `${NOTICES}${channel.platform}:${channel.workspaceId}`,
      off ? null : JSON.stringify(channel),
    );
  }

  async feedOwner(feedUrl: string): Promise<ChannelRef | undefined> {
    const raw = this.facts.get(`${FEED_OWNER}${feedUrl}`);
    return raw === undefined ? undefined : refOf(raw);
  }

  async setFeedOwner(feedUrl: string, channel: ChannelRef): Promise<void> {
    this.facts.set(`${FEED_OWNER}${feedUrl}`, JSON.stringify(channel));
  }
}
