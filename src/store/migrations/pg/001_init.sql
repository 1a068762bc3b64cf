-- 001_init (PostgreSQL): the seed's seven tables, the support tables and full-text search.
-- Every primary key is a UUIDv7 made by the application; every timestamp is UTC (timestamptz).
-- workspace_id is the owning team's id, or the owning user's id for personal data.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash text NOT NULL,
    plan          text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'team')),
    team_id       uuid,
    is_admin      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE teams (
    id         uuid PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner_id   uuid NOT NULL REFERENCES users (id),
    plan       text NOT NULL DEFAULT 'team' CHECK (plan IN ('free', 'pro', 'team')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

ALTER TABLE users ADD CONSTRAINT users_team_fk
    FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL;
CREATE INDEX users_team_idx ON users (team_id);

CREATE TABLE team_invites (
    id          uuid PRIMARY KEY,
    team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email       text NOT NULL,
    invited_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    CONSTRAINT team_invites_email_key UNIQUE (team_id, email)
);
CREATE INDEX team_invites_email_idx ON team_invites (email) WHERE accepted_at IS NULL;

CREATE TABLE sessions (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash text NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CONSTRAINT sessions_token_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_failures (
    key          text PRIMARY KEY,
    failures     integer NOT NULL,
    window_start timestamptz NOT NULL
);

CREATE TABLE cvs (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filename      text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
    sha256        text NOT NULL,
    format        text,
    status        text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'processing', 'parsed', 'failed')),
    error_code    text,
    error         text,
    raw_text      text,
    parsed_json   jsonb,
    diagnostics   jsonb,
    document_date timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    search        tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(parsed_json #>> '{basics,name}', '') || ' ' ||
                                         filename), 'A') ||
        setweight(to_tsvector('english', coalesce(parsed_json #>> '{basics,label}', '') || ' ' ||
                                         coalesce(parsed_json #>> '{basics,summary}', '')), 'B') ||
        setweight(to_tsvector('english', left(coalesce(raw_text, ''), 200000)), 'C')) STORED
);
CREATE INDEX cvs_workspace_idx ON cvs (workspace_id, id DESC);
CREATE INDEX cvs_search_idx ON cvs USING gin (search);

CREATE TABLE cv_files (
    cv_id uuid PRIMARY KEY REFERENCES cvs (id) ON DELETE CASCADE,
    bytes bytea NOT NULL
);

CREATE TABLE personas (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    base_cv_id   uuid REFERENCES cvs (id) ON DELETE SET NULL,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary      text,
    tags         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    data         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    search       tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
        setweight(jsonb_to_tsvector('english', tags, '["string"]'), 'B') ||
        setweight(jsonb_to_tsvector('english', data, '["string"]'), 'C')) STORED
);
CREATE INDEX personas_workspace_idx ON personas (workspace_id, id DESC);
CREATE INDEX personas_base_cv_idx ON personas (base_cv_id);
CREATE INDEX personas_search_idx ON personas USING gin (search);

CREATE TABLE persona_versions (
    persona_id uuid NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    version    integer NOT NULL,
    user_id    uuid REFERENCES users (id) ON DELETE SET NULL,
    title      text NOT NULL,
    summary    text,
    tags       jsonb NOT NULL,
    data       jsonb NOT NULL,
    base_cv_id uuid,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (persona_id, version)
);

CREATE TABLE gap_reports (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    persona_id   uuid NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    type         text NOT NULL CHECK (type IN ('general', 'role_specific')),
    input_text   text,
    issues       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(issues) = 'array'),
    score        real CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    details      jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL
);
CREATE INDEX gap_reports_persona_idx ON gap_reports (persona_id, id DESC);
CREATE INDEX gap_reports_workspace_idx ON gap_reports (workspace_id, created_at);

CREATE TABLE templates (
    id           uuid PRIMARY KEY,
    workspace_id uuid,
    user_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    type         text NOT NULL CHECK (type IN ('cv', 'cover_letter')),
    engine       text NOT NULL CHECK (engine IN ('markdown', 'jinja')),
    body         text NOT NULL,
    config       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX templates_builtin_name_key ON templates (name) WHERE workspace_id IS NULL;
CREATE UNIQUE INDEX templates_workspace_name_key ON templates (workspace_id, name)
    WHERE workspace_id IS NOT NULL;

CREATE TABLE knowledgebase_entries (
    id               uuid PRIMARY KEY,
    workspace_id     uuid NOT NULL,
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type             text NOT NULL
                     CHECK (type IN ('skill', 'tool', 'domain', 'soft_skill', 'preference',
                                     'seniority', 'fact')),
    value            text NOT NULL CHECK (length(value) BETWEEN 1 AND 500),
    normalized_value text NOT NULL,
    source           text NOT NULL CHECK (source IN ('cv', 'user_answer', 'ai_extraction')),
    confidence       real NOT NULL DEFAULT 1 CHECK (confidence >= 0 AND confidence <= 1),
    evidence         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(evidence) = 'array'),
    details          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    confirmed        boolean NOT NULL DEFAULT true,
    rejected         boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    search           tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', value), 'A') ||
        setweight(to_tsvector('english', type), 'B') ||
        setweight(jsonb_to_tsvector('english', evidence, '["string"]'), 'C')) STORED,
    CONSTRAINT knowledgebase_entries_dedupe_key UNIQUE (workspace_id, type, normalized_value)
);
CREATE INDEX knowledgebase_entries_workspace_idx ON knowledgebase_entries (workspace_id, id DESC);
CREATE INDEX knowledgebase_entries_search_idx ON knowledgebase_entries USING gin (search);

CREATE TABLE kb_questions (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    dedupe_key   text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('free_text', 'yes_no', 'choice', 'years', 'date')),
    question     text NOT NULL,
    options      jsonb,
    topic        jsonb NOT NULL DEFAULT '{}',
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'dismissed')),
    answer       text,
    created_at   timestamptz NOT NULL,
    answered_at  timestamptz,
    CONSTRAINT kb_questions_dedupe_key UNIQUE (workspace_id, dedupe_key)
);
CREATE INDEX kb_questions_workspace_idx ON kb_questions (workspace_id, status, id DESC);

CREATE TABLE jobs (
    id           uuid PRIMARY KEY,
    kind         text NOT NULL,
    workspace_id uuid,
    subject_id   uuid,
    payload      jsonb NOT NULL DEFAULT '{}',
    status       text NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     integer NOT NULL DEFAULT 0,
    run_after    timestamptz NOT NULL,
    locked_by    text,
    locked_until timestamptz,
    error        text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX jobs_queued_idx ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX jobs_running_idx ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_subject_idx ON jobs (subject_id);
