/* Fuzz target: the search query parser, both compilers and the highlighter. The first byte
 * picks the options (type-ahead prefix mode, term limit, snippet size); the rest is the query.
 * Checks the tree's contract (atoms are plain words: valid UTF-8, no control characters, quotes
 * or backslashes), that the to_tsquery texts (exact and loose) and FTS5 expressions it compiles
 * to are well formed (quotes and parentheses balanced, nothing but operators outside quotes),
 * and that highlighting the input with the compiled lexemes keeps every byte of it and
 * balances its markers. */
#include <stdint.h>
#include <string.h>

#include "search/search.h"
#include "store/store_search_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_atom(const struct pf_search_atom *atom)
{
    size_t len = strlen(atom->text);
    PF_ASSERT(len > 0 && pf_utf8_valid(atom->text, len));
    PF_ASSERT(atom->text[0] != ' ' && atom->text[len - 1] != ' ');
    PF_ASSERT(atom->is_phrase == (strchr(atom->text, ' ') != NULL));
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)atom->text[i];
        PF_ASSERT(ch >= 0x20 && ch != 0x7F && ch != '"' && ch != '\\');
        if (ch == ' ')
            PF_ASSERT(atom->text[i + 1] != ' ');
    }
}

/* Outside 'quoted' operands (with '' as an escaped quote) only operators and blanks. */
static void check_tsquery(const char *text)
{
    int depth = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '\'') {
            for (p++; *p; p++) {
                if (*p == '\\' && p[1]) {
                    p++;
                } else if (*p == '\'') {
                    if (p[1] != '\'')
                        break;
                    p++;
                }
            }
            PF_ASSERT(*p == '\'');
            continue;
        }
        PF_ASSERT(strchr("()|&!:* ", *p) != NULL);
        depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
        PF_ASSERT(depth >= 0);
    }
    PF_ASSERT(depth == 0);
}

/* Outside "quoted" strings (with "" as an escaped quote): balanced parentheses. */
static void check_fts5(const char *text)
{
    int depth = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            for (p++; *p; p++) {
                if (*p == '"') {
                    if (p[1] != '"')
                        break;
                    p++;
                }
            }
            PF_ASSERT(*p == '"');
            continue;
        }
        depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
        PF_ASSERT(depth >= 0);
    }
    PF_ASSERT(depth == 0);
}

/* Highlights the text (up to its first NUL) for the lexemes of a to_tsquery text: whole, every
 * byte comes back (its own marker bytes as spaces) and markers alternate; in fragments, markers
 * still alternate and the reader accepts the result. */
static void check_highlight(struct pf_arena *arena, const char *tsquery, const char *data,
                            size_t size, int max_words)
{
    const char *text = pf_arena_strndup(arena, data, size);
    struct pf_search_terms *terms = pf_search_terms_new(arena, tsquery);
    struct pf_buf out = PF_BUF_INIT((size_t)1 << 22);
    pf_search_highlight(arena, terms, text, max_words, 2, &out);
    PF_ASSERT(pf_buf_status(&out) == PF_OK);
    size_t markers = 0;
    for (size_t i = 0; i < out.len; i++) {
        char ch = out.ptr[i];
        if (ch == PF_SEARCH_MARK_START[0] || ch == PF_SEARCH_MARK_END[0]) {
            PF_ASSERT(ch == (markers % 2 ? PF_SEARCH_MARK_END[0] : PF_SEARCH_MARK_START[0]));
            markers++;
        }
    }
    PF_ASSERT(markers % 2 == 0);
    if (max_words == 0)
        PF_ASSERT(out.len - markers == strlen(text));
    char *plain = NULL;
    struct pf_search_span *spans = NULL;
    size_t count = 0;
    pf_search_read_marked(arena, pf_buf_cstr(&out), &plain, &spans, &count);
    PF_ASSERT(count <= markers / 2);
    pf_buf_fini(&out);
    pf_search_terms_free(terms);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct pf_search_parse_options options = {
        .max_bytes = 4096,
        .max_terms = data[0] & 1 ? 32 : 1000,
        .prefix_last = (data[0] & 2) != 0,
    };
    struct pf_arena *arena = pf_arena_new();
    struct pf_search_query *query = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_search_parse(arena, pf_str_make((const char *)data + 1, size - 1), &options,
                                   &query, &err);
    if (st != PF_OK) {
        PF_ASSERT(st == PF_E_VALIDATION && err.field[0] != '\0');
        pf_arena_free(arena);
        return 0;
    }
    PF_ASSERT(query->term_count >= 1 && query->term_count <= options.max_terms);
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        PF_ASSERT(clause->count >= 1 && (!clause->is_negated || clause->count == 1));
        for (size_t a = 0; a < clause->count; a++)
            check_atom(&clause->atoms[a]);
    }
    if (pf_search_query_is_searchable(query)) {
        struct pf_buf out = PF_BUF_INIT((size_t)1 << 20);
        pf_search_to_tsquery(query, &out);
        check_tsquery(pf_buf_cstr(&out));
        check_highlight(arena, pf_buf_cstr(&out), (const char *)data + 1, size - 1,
                        data[0] & 4 ? 0 : (data[0] >> 3) & 31);
        pf_buf_reset(&out);
        if (pf_search_to_tsquery_loose(query, &out))
            check_tsquery(pf_buf_cstr(&out));
        pf_buf_reset(&out);
        pf_search_to_fts5(query, "TOKEN", &out);
        check_fts5(pf_buf_cstr(&out));
        pf_buf_reset(&out);
        if (pf_search_to_fts5_exclusions(query, &out))
            check_fts5(pf_buf_cstr(&out));
        pf_buf_reset(&out);
        if (pf_search_fuzzy_spec(query, &out)) {
            const char *spec = pf_arena_strdup(arena, pf_buf_cstr(&out));
            pf_buf_reset(&out);
            pf_search_fuzzy_match(spec, "TOKEN", &out);
            check_fts5(pf_buf_cstr(&out));
            PF_ASSERT(pf_trgm_spec_score(pf_str_from_cstr(spec), pf_str_from_cstr(spec)) >= 0.5);
        }
        PF_ASSERT(pf_buf_status(&out) == PF_OK);
        pf_buf_fini(&out);
    }
    pf_arena_free(arena);
    return 0;
}
