-- 005_search_merge (SQLite): idle job workers merge the FTS5 indexes' segments
-- (pf_store_search_merge_step). Their 'merge' command merges a level once it holds `usermerge`
-- segments; 2 instead of FTS5's default 4 leaves at most one segment a level, fewer for a
-- search to read (on the full-scale benchmark data a rare word's search went from 3.4 to
-- 1.3–1.8 ms), each row rewritten once per level. The writes themselves still merge at FTS5's
-- default (automerge 4), so they cost what they did.
INSERT INTO cvs_fts (cvs_fts, rank) VALUES ('usermerge', 2);
INSERT INTO cvs_fuzzy (cvs_fuzzy, rank) VALUES ('usermerge', 2);
INSERT INTO personas_fts (personas_fts, rank) VALUES ('usermerge', 2);
INSERT INTO personas_fuzzy (personas_fuzzy, rank) VALUES ('usermerge', 2);
INSERT INTO knowledgebase_entries_fts (knowledgebase_entries_fts, rank) VALUES ('usermerge', 2);
INSERT INTO knowledgebase_entries_fuzzy (knowledgebase_entries_fuzzy, rank) VALUES ('usermerge', 2);
