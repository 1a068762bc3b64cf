/* Fuzz target: the search query parser and both compilers. The first byte picks the options
 * (type-ahead prefix mode, term limit); the rest is the query. Checks the tree's contract (atoms
 * are plain words: valid UTF-8, no control characters, quotes or backslashes) and that the
 * to_tsquery text and FTS5 expression it compiles to are well formed (quotes and parentheses
 * balanced, nothing but operators outside quotes). */
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
