-- 003_search (SQLite): search that stays fast at agency scale, like pg/003_search.sql.
-- * The FTS5 tables gain an indexed column ws holding pf_fts_ws(workspace_id): the workspace id
--   written as eight characters of Unicode's private use planes (one to one with the id). A
--   search ANDs that token with the user's query inside FTS5 (the user's words go through a
--   column filter on title, summary and body, so they never reach ws), and a common word does
--   not rank other workspaces' rows. The workspace_id column stays and is compared as well.
-- * Ranking is configured on each table: bm25 with title 10, summary 4, body 1 (ws and ids 0).
-- * prefix = '3' keeps three-character type-ahead prefixes cheap.
-- * KB entries are searched by their evidence's quoted text (each item's snippet or text), not
--   by every string of the evidence (CV ids, field paths, rule names), as on PostgreSQL; a quote
--   found in several CVs counts once, in first-seen order.
-- * <table>_fuzzy: the short fields (titles, names, summaries, KB values) under the trigram
--   tokenizer, with the same ws token, for the typo fallback. Same rowid as <table>_fts.

DROP TRIGGER cvs_fts_insert;
DROP TRIGGER cvs_fts_update;
DROP TRIGGER cvs_fts_delete;
DROP TABLE cvs_fts;
CREATE VIRTUAL TABLE cvs_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body, ws,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO cvs_fts (cvs_fts, rank)
VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 4.0, 1.0, 0.0)');
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
CREATE TRIGGER cvs_fts_insert AFTER INSERT ON cvs BEGIN
    INSERT INTO cvs_fts (rowid, id, workspace_id, title, summary, body, ws)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            coalesce(json_extract(new.parsed_json, '$.basics.name'), '') || ' ' || new.filename,
            coalesce(json_extract(new.parsed_json, '$.basics.label'), '') || ' ' ||
            coalesce(json_extract(new.parsed_json, '$.basics.summary'), ''),
            substr(coalesce(new.raw_text, ''), 1, 200000),
            pf_fts_ws(new.workspace_id));
    INSERT INTO cvs_fuzzy (rowid, ws, text)
    VALUES (pf_fts_key(new.id), pf_fts_ws(new.workspace_id),
            coalesce(json_extract(new.parsed_json, '$.basics.name'), '') || ' ' ||
            coalesce(json_extract(new.parsed_json, '$.basics.label'), '') || ' ' || new.filename);
END;
CREATE TRIGGER cvs_fts_update
AFTER UPDATE OF filename, raw_text, parsed_json, workspace_id ON cvs BEGIN
    DELETE FROM cvs_fts WHERE rowid = pf_fts_key(old.id);
    DELETE FROM cvs_fuzzy WHERE rowid = pf_fts_key(old.id);
    INSERT INTO cvs_fts (rowid, id, workspace_id, title, summary, body, ws)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            coalesce(json_extract(new.parsed_json, '$.basics.name'), '') || ' ' || new.filename,
            coalesce(json_extract(new.parsed_json, '$.basics.label'), '') || ' ' ||
            coalesce(json_extract(new.parsed_json, '$.basics.summary'), ''),
            substr(coalesce(new.raw_text, ''), 1, 200000),
            pf_fts_ws(new.workspace_id));
    INSERT INTO cvs_fuzzy (rowid, ws, text)
    VALUES (pf_fts_key(new.id), pf_fts_ws(new.workspace_id),
            coalesce(json_extract(new.parsed_json, '$.basics.name'), '') || ' ' ||
            coalesce(json_extract(new.parsed_json, '$.basics.label'), '') || ' ' || new.filename);
END;
CREATE TRIGGER cvs_fts_delete AFTER DELETE ON cvs BEGIN
    DELETE FROM cvs_fts WHERE rowid = pf_fts_key(old.id);
    DELETE FROM cvs_fuzzy WHERE rowid = pf_fts_key(old.id);
END;
DROP TRIGGER personas_fts_insert;
DROP TRIGGER personas_fts_update;
DROP TRIGGER personas_fts_delete;
DROP TABLE personas_fts;
CREATE VIRTUAL TABLE personas_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body, ws,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO personas_fts (personas_fts, rank)
VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 4.0, 1.0, 0.0)');
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
CREATE TRIGGER personas_fts_insert AFTER INSERT ON personas BEGIN
    INSERT INTO personas_fts (rowid, id, workspace_id, title, summary, body, ws)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            new.title,
            coalesce(new.summary, '') || ' ' || pf_json_text(new.tags),
            pf_json_text(new.data),
            pf_fts_ws(new.workspace_id));
    INSERT INTO personas_fuzzy (rowid, ws, text)
    VALUES (pf_fts_key(new.id), pf_fts_ws(new.workspace_id),
            new.title || ' ' || coalesce(new.summary, ''));
END;
CREATE TRIGGER personas_fts_update
AFTER UPDATE OF title, summary, tags, data, workspace_id ON personas BEGIN
    DELETE FROM personas_fts WHERE rowid = pf_fts_key(old.id);
    DELETE FROM personas_fuzzy WHERE rowid = pf_fts_key(old.id);
    INSERT INTO personas_fts (rowid, id, workspace_id, title, summary, body, ws)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            new.title,
            coalesce(new.summary, '') || ' ' || pf_json_text(new.tags),
            pf_json_text(new.data),
            pf_fts_ws(new.workspace_id));
    INSERT INTO personas_fuzzy (rowid, ws, text)
    VALUES (pf_fts_key(new.id), pf_fts_ws(new.workspace_id),
            new.title || ' ' || coalesce(new.summary, ''));
END;
CREATE TRIGGER personas_fts_delete AFTER DELETE ON personas BEGIN
    DELETE FROM personas_fts WHERE rowid = pf_fts_key(old.id);
    DELETE FROM personas_fuzzy WHERE rowid = pf_fts_key(old.id);
END;
DROP TRIGGER knowledgebase_entries_fts_insert;
DROP TRIGGER knowledgebase_entries_fts_update;
DROP TRIGGER knowledgebase_entries_fts_delete;
DROP TABLE knowledgebase_entries_fts;
CREATE VIRTUAL TABLE knowledgebase_entries_fts USING fts5(
    id UNINDEXED, workspace_id UNINDEXED, title, summary, body, ws,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO knowledgebase_entries_fts (knowledgebase_entries_fts, rank)
VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 4.0, 1.0, 0.0)');
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
CREATE TRIGGER knowledgebase_entries_fts_insert AFTER INSERT ON knowledgebase_entries BEGIN
    INSERT INTO knowledgebase_entries_fts (rowid, id, workspace_id, title, summary, body, ws)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            new.value,
            new.type,
            (SELECT coalesce(group_concat(quote, ' … '), '')
             FROM (SELECT coalesce(json_extract(e.value, '$.snippet'),
                                   json_extract(e.value, '$.text')) AS quote
                   FROM json_each(new.evidence) AS e
                   GROUP BY quote ORDER BY min(e.key))),
            pf_fts_ws(new.workspace_id));
    INSERT INTO knowledgebase_entries_fuzzy (rowid, ws, text)
    VALUES (pf_fts_key(new.id), pf_fts_ws(new.workspace_id),
            new.value);
END;
CREATE TRIGGER knowledgebase_entries_fts_update
AFTER UPDATE OF value, type, evidence, workspace_id ON knowledgebase_entries BEGIN
    DELETE FROM knowledgebase_entries_fts WHERE rowid = pf_fts_key(old.id);
    DELETE FROM knowledgebase_entries_fuzzy WHERE rowid = pf_fts_key(old.id);
    INSERT INTO knowledgebase_entries_fts (rowid, id, workspace_id, title, summary, body, ws)
    VALUES (pf_fts_key(new.id), new.id, new.workspace_id,
            new.value,
            new.type,
            (SELECT coalesce(group_concat(quote, ' … '), '')
             FROM (SELECT coalesce(json_extract(e.value, '$.snippet'),
                                   json_extract(e.value, '$.text')) AS quote
                   FROM json_each(new.evidence) AS e
                   GROUP BY quote ORDER BY min(e.key))),
            pf_fts_ws(new.workspace_id));
    INSERT INTO knowledgebase_entries_fuzzy (rowid, ws, text)
    VALUES (pf_fts_key(new.id), pf_fts_ws(new.workspace_id),
            new.value);
END;
CREATE TRIGGER knowledgebase_entries_fts_delete AFTER DELETE ON knowledgebase_entries BEGIN
    DELETE FROM knowledgebase_entries_fts WHERE rowid = pf_fts_key(old.id);
    DELETE FROM knowledgebase_entries_fuzzy WHERE rowid = pf_fts_key(old.id);
END;
