-- 003_search (PostgreSQL): search that stays fast at agency scale.
-- * The full-text GIN indexes become (workspace_id, search) through btree_gin, so a query for a
--   common word intersects the word's posting list with the workspace's inside the index instead
--   of fetching and ranking every other workspace's matching rows.
-- * Trigram indexes (pg_trgm) over the short fields (titles, names, summaries, KB values) serve
--   the typo fallback, also keyed by workspace.
-- * pf_json_text(jsonb): the string values of a document joined by spaces, the text snippets are
--   cut from (the same name and meaning as the SQLite function the application registers).
-- Both extensions are "trusted" (PostgreSQL 13+): the database owner may create them.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE FUNCTION pf_json_text(doc jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(v #>> '{}', ' '), '')
    FROM jsonb_path_query(doc, 'strict $.**') AS v
    WHERE jsonb_typeof(v) = 'string'
$$;

DROP INDEX cvs_search_idx;
CREATE INDEX cvs_search_idx ON cvs USING gin (workspace_id, search);
DROP INDEX personas_search_idx;
CREATE INDEX personas_search_idx ON personas USING gin (workspace_id, search);
DROP INDEX knowledgebase_entries_search_idx;
CREATE INDEX knowledgebase_entries_search_idx ON knowledgebase_entries
    USING gin (workspace_id, search);

-- The expressions here are repeated verbatim by the fallback queries in store_search_fuzzy.c.
CREATE INDEX personas_fuzzy_idx ON personas
    USING gin (workspace_id, (title || ' ' || coalesce(summary, '')) gin_trgm_ops);
CREATE INDEX cvs_fuzzy_idx ON cvs
    USING gin (workspace_id, (coalesce(parsed_json #>> '{basics,name}', '') || ' ' ||
                              coalesce(parsed_json #>> '{basics,label}', '') || ' ' ||
                              filename) gin_trgm_ops);
CREATE INDEX knowledgebase_entries_fuzzy_idx ON knowledgebase_entries
    USING gin (workspace_id, value gin_trgm_ops);
