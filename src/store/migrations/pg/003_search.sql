-- 003_search (PostgreSQL): search that stays fast at agency scale.
-- * The full-text GIN indexes become (workspace_id, search) through btree_gin, so a query for a
--   common word intersects the word's posting list with the workspace's inside the index instead
--   of fetching and ranking every other workspace's matching rows.
-- * Trigram indexes (pg_trgm) over the short fields (titles, names, summaries, KB values) serve
--   the typo fallback, also keyed by workspace.
-- * pf_json_text(jsonb): the string values of a document joined by spaces, the text snippets are
--   cut from (the same name and meaning as the SQLite function the application registers).
-- * pf_evidence_text(jsonb): the quoted text of a KB entry's evidence (each item's snippet or
--   text), which KB entries are now searched and shown by instead of every string of the
--   evidence (CV ids, field paths and rule names are not words anyone searches for). A quote
--   found in several CVs (the same CV uploaded as PDF and DOCX) counts once, in first-seen order.
-- Both extensions are "trusted" (PostgreSQL 13+): the database owner may create them.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE FUNCTION pf_json_text(doc jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(v #>> '{}', ' '), '')
    FROM jsonb_path_query(doc, 'strict $.**') AS v
    WHERE jsonb_typeof(v) = 'string'
$$;

CREATE FUNCTION pf_evidence_text(evidence jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(quote, ' … ' ORDER BY first), '')
    FROM (SELECT coalesce(e ->> 'snippet', e ->> 'text') AS quote, min(n) AS first
          FROM jsonb_array_elements(CASE jsonb_typeof(evidence) WHEN 'array' THEN evidence
                                                                  ELSE '[]'::jsonb END)
               WITH ORDINALITY AS items(e, n)
          GROUP BY 1) AS quotes
$$;

ALTER TABLE knowledgebase_entries DROP COLUMN search;
ALTER TABLE knowledgebase_entries ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', value), 'A') ||
    setweight(to_tsvector('english', type), 'B') ||
    setweight(to_tsvector('english', pf_evidence_text(evidence)), 'C')) STORED;

DROP INDEX cvs_search_idx;
CREATE INDEX cvs_search_idx ON cvs USING gin (workspace_id, search);
DROP INDEX personas_search_idx;
CREATE INDEX personas_search_idx ON personas USING gin (workspace_id, search);
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
