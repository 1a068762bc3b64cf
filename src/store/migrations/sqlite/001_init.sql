-- 001_init (SQLite): the same schema as pg/001_init.sql in SQLite's types. UUIDs and UTC
-- timestamps are canonical text (which sorts correctly); JSON is checked text; booleans are 0/1.
-- Full-text search uses FTS5 tables kept in sync by triggers. Their rowid is pf_fts_key(id), a
-- function the application registers on every connection (64 random bits of the UUIDv7), so
-- rows are found without depending on SQLite's rowids, which VACUUM may renumber.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash TEXT NOT NULL,
    plan          TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'team')),
    team_id       TEXT REFERENCES teams (id) ON DELETE SET NULL,
    is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);
CREATE INDEX users_team_idx ON users (team_id);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner_id   TEXT NOT NULL REFERENCES users (id),
    plan       TEXT NOT NULL DEFAULT 'team' CHECK (plan IN ('free', 'pro', 'team')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE team_invites (
    id          TEXT PRIMARY KEY,
    team_id     TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    invited_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    accepted_at TEXT,
    CONSTRAINT team_invites_email_key UNIQUE (team_id, email)
);
CREATE INDEX team_invites_email_idx ON team_invites (email) WHERE accepted_at IS NULL;

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    CONSTRAINT sessions_token_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start TEXT NOT NULL
);

CREATE TABLE cvs (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filename      TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256        TEXT NOT NULL,
    format        TEXT,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'processing', 'parsed', 'failed')),
    error_code    TEXT,
    error         TEXT,
    raw_text      TEXT,
    parsed_json   TEXT CHECK (parsed_json IS NULL OR json_valid(parsed_json)),
    diagnostics   TEXT CHECK (diagnostics IS NULL OR json_valid(diagnostics)),
    document_date TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX cvs_workspace_idx ON cvs (workspace_id, id DESC);

CREATE TABLE cv_files (
    cv_id TEXT PRIMARY KEY REFERENCES cvs (id) ON DELETE CASCADE,
    bytes BLOB NOT NULL
);

CREATE TABLE personas (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    base_cv_id   TEXT REFERENCES cvs (id) ON DELETE SET NULL,
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary      TEXT,
    tags         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    data         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data) AND json_type(data) = 'object'),
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX personas_workspace_idx ON personas (workspace_id, id DESC);
CREATE INDEX personas_base_cv_idx ON personas (base_cv_id);

CREATE TABLE persona_versions (
    persona_id TEXT NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    user_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    summary    TEXT,
    tags       TEXT NOT NULL CHECK (json_valid(tags)),
    data       TEXT NOT NULL CHECK (json_valid(data)),
    base_cv_id TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (persona_id, version)
);

CREATE TABLE gap_reports (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    persona_id   TEXT NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    type         TEXT NOT NULL CHECK (type IN ('general', 'role_specific')),
    input_text   TEXT,
    issues       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(issues) AND json_type(issues) = 'array'),
    score        REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    details      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    created_at   TEXT NOT NULL
);
CREATE INDEX gap_reports_persona_idx ON gap_reports (persona_id, id DESC);
CREATE INDEX gap_reports_workspace_idx ON gap_reports (workspace_id, created_at);

CREATE TABLE templates (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT,
    user_id      TEXT REFERENCES users (id) ON DELETE SET NULL,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    type         TEXT NOT NULL CHECK (type IN ('cv', 'cover_letter')),
    engine       TEXT NOT NULL CHECK (engine IN ('markdown', 'jinja')),
    body         TEXT NOT NULL,
    config       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config) AND json_type(config) = 'object'),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX templates_builtin_name_key ON templates (name) WHERE workspace_id IS NULL;
CREATE UNIQUE INDEX templates_workspace_name_key ON templates (workspace_id, name)
    WHERE workspace_id IS NOT NULL;

CREATE TABLE knowledgebase_entries (
    id               TEXT PRIMARY KEY,
    workspace_id     TEXT NOT NULL,
    user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type             TEXT NOT NULL
                     CHECK (type IN ('skill', 'tool', 'domain', 'soft_skill', 'preference',
                                     'seniority', 'fact')),
    value            TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 500),
    normalized_value TEXT NOT NULL,
    source           TEXT NOT NULL CHECK (source IN ('cv', 'user_answer', 'ai_extraction')),
    confidence       REAL NOT NULL DEFAULT 1 CHECK (confidence >= 0 AND confidence <= 1),
    evidence         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence) AND json_type(evidence) = 'array'),
    details          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details) AND json_type(details) = 'object'),
    confirmed        INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    rejected         INTEGER NOT NULL DEFAULT 0 CHECK (rejected IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CONSTRAINT knowledgebase_entries_dedupe_key UNIQUE (workspace_id, type, normalized_value)
);
CREATE INDEX knowledgebase_entries_workspace_idx ON knowledgebase_entries (workspace_id, id DESC);

CREATE TABLE kb_questions (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    dedupe_key   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('free_text', 'yes_no', 'choice', 'years', 'date')),
    question     TEXT NOT NULL,
    options      TEXT CHECK (options IS NULL OR json_valid(options)),
    topic        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(topic)),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'dismissed')),
    answer       TEXT,
    created_at   TEXT NOT NULL,
    answered_at  TEXT,
    CONSTRAINT kb_questions_dedupe_key UNIQUE (workspace_id, dedupe_key)
);
CREATE INDEX kb_questions_workspace_idx ON kb_questions (workspace_id, status, id DESC);

CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    workspace_id TEXT,
    subject_id   TEXT,
    payload      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    status       TEXT NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    run_after    TEXT NOT NULL,
    locked_by    TEXT,
    locked_until TEXT,
    error        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX jobs_queued_idx ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX jobs_running_idx ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_subject_idx ON jobs (subject_id);

-- Full-text search: title > summary > body, like the weights on PostgreSQL.
CREATE VIRTUAL TABLE cvs_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body,
    tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER cvs_fts_insert AFTER INSERT ON cvs BEGIN
    INSERT INTO cvs_fts (rowid, id, workspace_id, title, summary, body)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            coalesce(json_extract(new.parsed_json, '$.basics.name'), '') || ' ' || new.filename,
            coalesce(json_extract(new.parsed_json, '$.basics.label'), '') || ' ' ||
            coalesce(json_extract(new.parsed_json, '$.basics.summary'), ''),
            substr(coalesce(new.raw_text, ''), 1, 200000));
END;
CREATE TRIGGER cvs_fts_update AFTER UPDATE OF filename, raw_text, parsed_json, workspace_id ON cvs
BEGIN
    DELETE FROM cvs_fts WHERE rowid = pf_fts_key(old.id);
    INSERT INTO cvs_fts (rowid, id, workspace_id, title, summary, body)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            coalesce(json_extract(new.parsed_json, '$.basics.name'), '') || ' ' || new.filename,
            coalesce(json_extract(new.parsed_json, '$.basics.label'), '') || ' ' ||
            coalesce(json_extract(new.parsed_json, '$.basics.summary'), ''),
            substr(coalesce(new.raw_text, ''), 1, 200000));
END;
CREATE TRIGGER cvs_fts_delete AFTER DELETE ON cvs BEGIN
    DELETE FROM cvs_fts WHERE rowid = pf_fts_key(old.id);
END;

CREATE VIRTUAL TABLE personas_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body,
    tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER personas_fts_insert AFTER INSERT ON personas BEGIN
    INSERT INTO personas_fts (rowid, id, workspace_id, title, summary, body)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id, new.title,
            coalesce(new.summary, '') || ' ' || pf_json_text(new.tags), pf_json_text(new.data));
END;
CREATE TRIGGER personas_fts_update AFTER UPDATE OF title, summary, tags, data, workspace_id
ON personas BEGIN
    DELETE FROM personas_fts WHERE rowid = pf_fts_key(old.id);
    INSERT INTO personas_fts (rowid, id, workspace_id, title, summary, body)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id, new.title,
            coalesce(new.summary, '') || ' ' || pf_json_text(new.tags), pf_json_text(new.data));
END;
CREATE TRIGGER personas_fts_delete AFTER DELETE ON personas BEGIN
    DELETE FROM personas_fts WHERE rowid = pf_fts_key(old.id);
END;

CREATE VIRTUAL TABLE knowledgebase_entries_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body,
    tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER knowledgebase_entries_fts_insert AFTER INSERT ON knowledgebase_entries BEGIN
    INSERT INTO knowledgebase_entries_fts (rowid, id, workspace_id, title, summary, body)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id, new.value, new.type,
            pf_json_text(new.evidence));
END;
CREATE TRIGGER knowledgebase_entries_fts_update
AFTER UPDATE OF value, type, evidence, workspace_id ON knowledgebase_entries BEGIN
    DELETE FROM knowledgebase_entries_fts WHERE rowid = pf_fts_key(old.id);
    INSERT INTO knowledgebase_entries_fts (rowid, id, workspace_id, title, summary, body)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id, new.value, new.type,
            pf_json_text(new.evidence));
END;
CREATE TRIGGER knowledgebase_entries_fts_delete AFTER DELETE ON knowledgebase_entries BEGIN
    DELETE FROM knowledgebase_entries_fts WHERE rowid = pf_fts_key(old.id);
END;
