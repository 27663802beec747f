/**
 * Versioned schema changes, applied in order inside one transaction each. PRAGMA user_version
 * holds the number of the last one applied. Never edit a released migration: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: "feeds, items, item sources and full-text search",
    sql: `
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failing', 'disabled')),
        last_error TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        etag TEXT,
        last_modified TEXT,
        interval_minutes INTEGER,
        last_polled_at TEXT,
        last_success_at TEXT,
        next_poll_at TEXT,
        backfilled INTEGER NOT NULL DEFAULT 0,
        -- Items this feed gave us that are still stored; kept up to date on insert and purge.
        item_count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX feeds_due ON feeds (status, next_poll_at);

      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
        guid TEXT NOT NULL,
        url TEXT,
        canonical_url TEXT,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        content TEXT NOT NULL,
        author TEXT,
        categories TEXT NOT NULL DEFAULT '[]',
        enclosures TEXT NOT NULL DEFAULT '[]',
        published_at TEXT,
        fetched_at TEXT NOT NULL,
        backfill INTEGER NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX items_canonical_url ON items (canonical_url) WHERE canonical_url IS NOT NULL;
      CREATE INDEX items_published_at ON items (published_at);
      CREATE INDEX items_fetched_at ON items (fetched_at);

      -- Which feed carried which item under which guid: an item seen in two feeds has two rows.
      -- A purged item leaves its rows behind with item_id NULL, so that a feed that still lists
      -- an old article does not bring it back as news.
      CREATE TABLE item_sources (
        feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
        PRIMARY KEY (feed_id, guid)
      ) WITHOUT ROWID;
      CREATE INDEX item_sources_item ON item_sources (item_id);

      CREATE VIRTUAL TABLE items_fts USING fts5 (
        title, summary, content = 'items', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
      END;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
      END;
      CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
        INSERT INTO items_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
      END;
    `,
  },
  {
    version: 2,
    name: "entities, events and stories of items",
    sql: `
      CREATE TABLE item_entities (
        item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        salience REAL NOT NULL,
        about INTEGER NOT NULL,
        PRIMARY KEY (item_id, entity_id)
      ) WITHOUT ROWID;
      CREATE INDEX item_entities_entity ON item_entities (entity_id, item_id);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        amount_usd REAL,
        qualifier TEXT,
        original_amount REAL,
        original_currency TEXT,
        parties TEXT NOT NULL,
        status TEXT NOT NULL,
        evidence TEXT NOT NULL,
        -- The item's publication (or fetch) time, kept here so that "latest valuation" is one index walk.
        at TEXT NOT NULL
      );
      CREATE INDEX events_item ON events (item_id);
      CREATE INDEX events_type_amount ON events (type, amount_usd);
      CREATE INDEX events_type_at ON events (type, at);

      CREATE TABLE event_parties (
        event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (event_id, entity_id)
      ) WITHOUT ROWID;
      CREATE INDEX event_parties_entity ON event_parties (entity_id);

      -- A story is identified by its earliest item; its facts are the merged facts of its items.
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        centre_item_id INTEGER NOT NULL,
        headline TEXT NOT NULL,
        summary TEXT NOT NULL,
        type TEXT,
        amount_usd REAL,
        qualifier TEXT,
        status TEXT,
        parties TEXT NOT NULL DEFAULT '[]',
        amounts TEXT NOT NULL DEFAULT '[]',
        source_count INTEGER NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      );
      CREATE INDEX stories_last_seen ON stories (last_seen_at);
      CREATE INDEX stories_type_amount ON stories (type, amount_usd, last_seen_at);

      CREATE TABLE story_items (
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, item_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX story_items_item ON story_items (item_id);

      -- The story's date, type and amount are repeated here so that one company's stories of a
      -- period are read from this index alone.
      CREATE TABLE story_entities (
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        type TEXT,
        amount_usd REAL,
        PRIMARY KEY (story_id, entity_id)
      ) WITHOUT ROWID;
      CREATE INDEX story_entities_entity ON story_entities (entity_id, last_seen_at, type, amount_usd);

      -- Items the intel layer has read, so that a restart does not read them again.
      ALTER TABLE items ADD COLUMN analyzed INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX items_unanalyzed ON items (analyzed) WHERE analyzed = 0;
    `,
  },
  {
    version: 3,
    name: "channel watchlists, channel settings and custom entities",
    sql: `
      CREATE TABLE watchlist (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (platform, channel_id, entity_id)
      ) WITHOUT ROWID;

      CREATE TABLE channel_settings (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        digest_enabled INTEGER NOT NULL DEFAULT 0,
        digest_time TEXT,
        digest_timezone TEXT,
        alerts_enabled INTEGER NOT NULL DEFAULT 0,
        alerts_min_usd REAL,
        alerts_types TEXT NOT NULL DEFAULT '[]',
        quiet_start INTEGER,
        quiet_end INTEGER,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, channel_id)
      ) WITHOUT ROWID;

      CREATE TABLE custom_entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      );

      CREATE INDEX stories_type_last_seen ON stories (type, last_seen_at);
    `,
  },
  {
    version: 4,
    name: "meta",
    // Small facts about the database itself, e.g. which entity list its recent intel was read with.
    sql: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: "channel references carry their workspace; items read but not grouped",
    // A Slack channel id alone does not say which workspace's token posts to it. Rows written
    // before this came from the console and the CLI ("local"); any other gets "unknown" until
    // the channel is used again.
    sql: `
      CREATE TABLE watchlist_v5 (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id, entity_id)
      ) WITHOUT ROWID;
      INSERT INTO watchlist_v5
        SELECT platform, CASE WHEN platform IN ('console', 'cli') THEN 'local' ELSE 'unknown' END,
               channel_id, entity_id, added_by, added_at FROM watchlist;
      DROP TABLE watchlist;
      ALTER TABLE watchlist_v5 RENAME TO watchlist;

      CREATE TABLE channel_settings_v5 (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        digest_enabled INTEGER NOT NULL DEFAULT 0,
        digest_time TEXT,
        digest_timezone TEXT,
        alerts_enabled INTEGER NOT NULL DEFAULT 0,
        alerts_min_usd REAL,
        alerts_types TEXT NOT NULL DEFAULT '[]',
        quiet_start INTEGER,
        quiet_end INTEGER,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id)
      ) WITHOUT ROWID;
      INSERT INTO channel_settings_v5
        SELECT platform, CASE WHEN platform IN ('console', 'cli') THEN 'local' ELSE 'unknown' END,
               channel_id, digest_enabled, digest_time, digest_timezone, alerts_enabled, alerts_min_usd,
               alerts_types, quiet_start, quiet_end, updated_by, updated_at FROM channel_settings;
      DROP TABLE channel_settings;
      ALTER TABLE channel_settings_v5 RENAME TO channel_settings;

      -- analyzed = 2: read by the intel layer but in no story yet (a pass stopped before grouping).
      UPDATE items SET analyzed = 2
       WHERE analyzed = 1 AND NOT EXISTS (SELECT 1 FROM story_items si WHERE si.item_id = items.id);
      CREATE INDEX items_ungrouped ON items (analyzed) WHERE analyzed = 2;

      -- What a feed's owner should know although its polls work (new items over the per-poll cap).
      ALTER TABLE feeds ADD COLUMN note TEXT;
    `,
  },
  {
    version: 6,
    name: "chat installations",
    // Slack workspaces that installed the app through OAuth: one row per workspace, its token inside.
    sql: `
      CREATE TABLE chat_installations (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        data TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: "delivery: destinations on channel settings, the outbox, digest slots, story revisions",
    // A destination is a channel's settings plus its watchlist: the columns here hold only what
    // delivery itself learns (when the digest was set, the last slot, a pause), so there is one
    // source of truth for what users set. Outbox times are epoch milliseconds.
    sql: `
      ALTER TABLE channel_settings ADD COLUMN digest_since TEXT;
      ALTER TABLE channel_settings ADD COLUMN digest_last_slot TEXT;
      ALTER TABLE channel_settings ADD COLUMN alerts_cap INTEGER;
      ALTER TABLE channel_settings ADD COLUMN paused_reason TEXT;
      ALTER TABLE channel_settings ADD COLUMN paused_at TEXT;
      ALTER TABLE channel_settings ADD COLUMN dest_key TEXT
        GENERATED ALWAYS AS (platform || ':' || workspace_id || ':' || channel_id) VIRTUAL;
      CREATE UNIQUE INDEX channel_settings_dest_key ON channel_settings (dest_key);
      UPDATE channel_settings SET digest_since = updated_at WHERE digest_enabled = 1;

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        destination_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        not_before INTEGER NOT NULL,
        thread_of TEXT,
        story_id TEXT,
        subject TEXT,
        carries TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        lease_until INTEGER,
        message_ref TEXT,
        last_error TEXT,
        outcome_unknown INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX outbox_open ON outbox (destination_key, not_before, id) WHERE state IN ('pending', 'in_flight');
      CREATE INDEX outbox_story ON outbox (destination_key, story_id) WHERE story_id IS NOT NULL;
      CREATE INDEX outbox_alerts ON outbox (destination_key, not_before) WHERE kind = 'alert';
      CREATE INDEX outbox_rolled ON outbox (destination_key) WHERE state = 'rolled';
      CREATE INDEX outbox_dead ON outbox (state) WHERE state = 'dead';

      CREATE TABLE digest_slots (
        key TEXT PRIMARY KEY,
        destination_key TEXT NOT NULL,
        local_date TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('claimed', 'skipped')),
        reason TEXT,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Grows by one when a story's facts change; alert keys carry it.
      ALTER TABLE stories ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 8,
    name: "secondary events, the parties of lawsuits by name, what a case is about",
    // A body event beside the item's headline event (a lawsuit told in a deal story) is kept with
    // its flag, so that grouping ignores it and /controversies lists it. Party names (JSON arrays)
    // hold untracked plaintiffs and defendants ("an estate v. OpenAI"). Rows written before this
    // carry no flag: items whose events include a lawsuit after another event are read again by
    // the next pass, which flags them as it stores them.
    sql: `
      ALTER TABLE events ADD COLUMN secondary INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE events ADD COLUMN party_names TEXT;
      ALTER TABLE events ADD COLUMN plaintiff_count INTEGER;
      -- A lawsuit's claims, court and plaintiffs (JSON), which tell two cases of one company apart.
      ALTER TABLE events ADD COLUMN legal_case TEXT;
      CREATE INDEX events_secondary ON events (at) WHERE secondary = 1;
      ALTER TABLE stories ADD COLUMN party_names TEXT;
      ALTER TABLE stories ADD COLUMN plaintiff_count INTEGER;
      ALTER TABLE stories ADD COLUMN legal_case TEXT;
      UPDATE items SET analyzed = 0
       WHERE analyzed != 0 AND id IN (
         SELECT e.item_id FROM events e
          WHERE e.type = 'legal' AND EXISTS (SELECT 1 FROM events f WHERE f.item_id = e.item_id AND f.id < e.id));
    `,
  },
  {
    version: 9,
    name: "one company's valuations, newest first",
    // A company's valuations are those whose first party it is. Walking every valuation newest
    // first until 20 of one company turned up read about 60 events per row shown at a million
    // items (1-2 ms); this index holds them by first party. events.parties is always written
    // with JSON.stringify, and event_parties' position 0 is its first element.
    sql: `
      CREATE INDEX events_valuations_company ON events (json_extract(parties, '$[0]'), at)
        WHERE type = 'valuation' AND amount_usd IS NOT NULL;
    `,
  },
];
