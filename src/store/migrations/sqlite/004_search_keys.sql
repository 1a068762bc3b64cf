-- 004_search_keys (SQLite): the FTS5 tables' rows renumbered with the new pf_fts_key(), which
-- is smaller for newer rows (pf_search_fts_key in store_search_int.h). The old key was the id's
-- random low bits, so the "newest matches" a search ranks were in fact an arbitrary sample; and
-- reading them newest first needed descending rowid order, which loses rows of AND queries on
-- Debian 12's SQLite once the index is large. The tables are dropped and built again (the
-- triggers of 003 stay: they call pf_fts_key() by name). Ranking no longer uses bm25, so no rank
-- option is set.

DROP TABLE cvs_fts;
DROP TABLE cvs_fuzzy;
DROP TABLE personas_fts;
DROP TABLE personas_fuzzy;
DROP TABLE knowledgebase_entries_fts;
DROP TABLE knowledgebase_entries_fuzzy;
CREATE VIRTUAL TABLE cvs_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body, ws,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
CREATE VIRTUAL TABLE cvs_fuzzy USING fts5(
    ws, text, tokenize = 'trigram');
INSERT INTO cvs_fts (rowid, id, workspace_id, title, summary, body, ws)
SELECT pf_fts_key(n.id), n.id, n.workspace_id,
       coalesce(json_extract(n.parsed_json, '$.basics.name'), '') || ' ' || n.filename,
       coalesce(json_extract(n.parsed_json, '$.basics.label'), '') || ' ' ||
            coalesce(json_extract(n.parsed_json, '$.basics.summary'), ''),
       substr(coalesce(n.raw_text, ''), 1, 200000),
       pf_fts_ws(n.workspace_id)
FROM cvs AS n;
INSERT INTO cvs_fuzzy (rowid, ws, text)
SELECT pf_fts_key(n.id), pf_fts_ws(n.workspace_id),
       coalesce(json_extract(n.parsed_json, '$.basics.name'), '') || ' ' ||
            coalesce(json_extract(n.parsed_json, '$.basics.label'), '') || ' ' || n.filename
FROM cvs AS n;
CREATE VIRTUAL TABLE personas_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body, ws,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
CREATE VIRTUAL TABLE personas_fuzzy USING fts5(
    ws, text, tokenize = 'trigram');
INSERT INTO personas_fts (rowid, id, workspace_id, title, summary, body, ws)
SELECT pf_fts_key(n.id), n.id, n.workspace_id,
       n.title,
       coalesce(n.summary, '') || ' ' || pf_json_text(n.tags),
       pf_json_text(n.data),
       pf_fts_ws(n.workspace_id)
FROM personas AS n;
INSERT INTO personas_fuzzy (rowid, ws, text)
SELECT pf_fts_key(n.id), pf_fts_ws(n.workspace_id),
       n.title || ' ' || coalesce(n.summary, '')
FROM personas AS n;
CREATE VIRTUAL TABLE knowledgebase_entries_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body, ws,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
CREATE VIRTUAL TABLE knowledgebase_entries_fuzzy USING fts5(
    ws, text, tokenize = 'trigram');
INSERT INTO knowledgebase_entries_fts (rowid, id, workspace_id, title, summary, body, ws)
SELECT pf_fts_key(n.id), n.id, n.workspace_id,
       n.value,
       n.type,
       (SELECT coalesce(group_concat(quote, ' … '), '')
             FROM (SELECT coalesce(json_extract(e.value, '$.snippet'),
                                   json_extract(e.value, '$.text')) AS quote
                   FROM json_each(n.evidence) AS e
                   GROUP BY quote ORDER BY min(e.key))),
       pf_fts_ws(n.workspace_id)
FROM knowledgebase_entries AS n;
INSERT INTO knowledgebase_entries_fuzzy (rowid, ws, text)
SELECT pf_fts_key(n.id), pf_fts_ws(n.workspace_id),
       n.value
FROM knowledgebase_entries AS n;
