/* Tests for store/store_search_compile.c: the query tree as to_tsquery text and as an FTS5 MATCH
 * expression, the workspace token, the fuzzy spec and the snippet marker reader. */
#include <string.h>

#include "harness.h"
#include "store/store_search_int.h"

#define WORD(t) {(t), false, false}
#define PREFIX(t) {(t), false, true}
#define PHRASE(t) {(t), true, false}

static const struct pf_search_atom kubernetes[] = {WORD("kubernetes")};
static const struct pf_search_atom go_or_golang[] = {WORD("go"), PREFIX("golan")};
static const struct pf_search_atom platform[] = {PHRASE("platform engineer")};
static const struct pf_search_atom php[] = {WORD("php")};
static const struct pf_search_atom manager[] = {PHRASE("project manager")};

static const struct pf_search_clause clauses[] = {
    {kubernetes, 1, false}, {go_or_golang, 2, false}, {php, 1, true},
    {platform, 1, false},   {manager, 1, true},
};
static const struct pf_search_query query = {clauses, PF_ARRAY_LEN(clauses), 8};

static const char *compiled(bool fts5, const struct pf_search_query *q, const char *ws)
{
    static char text[4096];
    struct pf_buf out = PF_BUF_INIT(sizeof(text) - 1);
    if (fts5)
        pf_search_to_fts5(q, ws, &out);
    else
        pf_search_to_tsquery(q, &out);
    snprintf(text, sizeof(text), "%s", pf_buf_cstr(&out));
    pf_buf_fini(&out);
    return text;
}

static void test_tsquery_quotes_every_operand(void)
{
    PF_CHECK_STR_EQ(compiled(false, &query, NULL),
                    "'kubernetes' & ( 'go' | 'golan':* ) & 'platform engineer' & !'php'"
                    " & !'project manager'");
    static const struct pf_search_atom hostile[] = {WORD("o'brien"), WORD("a\\b"),
                                                    WORD("x'|!&:*")};
    static const struct pf_search_clause one[] = {{hostile, 3, false}};
    static const struct pf_search_query q = {one, 1, 3};
    PF_CHECK_STR_EQ(compiled(false, &q, NULL), "( 'o''brien' | 'a\\\\b' | 'x''|!&:*' )");
}

static void test_loose_tsquery_splits_phrases_and_drops_exclusions(void)
{
    struct pf_buf out = PF_BUF_INIT(4096);
    PF_CHECK(pf_search_to_tsquery_loose(&query, &out));
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "( 'kubernetes' ) & ( 'go' | 'golan':* ) &"
                                       " ( ( 'platform' & 'engineer' ) )");
    static const struct pf_search_atom typed[] = {{"o'brien eng", true, true}};
    static const struct pf_search_clause one[] = {{typed, 1, false}};
    static const struct pf_search_query q = {one, 1, 2};
    pf_buf_reset(&out);
    PF_CHECK(pf_search_to_tsquery_loose(&q, &out));
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "( ( 'o''brien':* & 'eng':* ) )");
    /* No phrase, nothing to loosen; a phrase only among the exclusions does not count. */
    static const struct pf_search_clause words[] = {{kubernetes, 1, false}, {manager, 1, true}};
    static const struct pf_search_query plain = {words, 2, 2};
    pf_buf_reset(&out);
    PF_CHECK(!pf_search_to_tsquery_loose(&plain, &out));
    PF_CHECK_INT_EQ(out.len, 0);
    pf_buf_fini(&out);
}

static void test_fts5_filters_columns_and_puts_exclusions_last(void)
{
    PF_CHECK_STR_EQ(compiled(true, &query, NULL),
                    "{title summary body} : (((\"kubernetes\") AND (\"go\" OR \"golan\" *) AND"
                    " (\"platform engineer\")) NOT (\"php\") NOT (\"project manager\"))");
    PF_CHECK_STR_EQ(compiled(true, &query, "TOKEN"),
                    "ws : \"TOKEN\" AND {title summary body} : (((\"kubernetes\") AND (\"go\" OR"
                    " \"golan\" *) AND (\"platform engineer\")) NOT (\"php\") NOT"
                    " (\"project manager\"))");
    static const struct pf_search_atom quote[] = {WORD("say\"hi")};
    static const struct pf_search_clause one[] = {{quote, 1, false}};
    static const struct pf_search_query q = {one, 1, 1};
    PF_CHECK_STR_EQ(compiled(true, &q, NULL), "{title summary body} : (((\"say\"\"hi\")))");
}

static void test_exclusions_compile_alone_for_the_fallback(void)
{
    struct pf_buf out = PF_BUF_INIT(4096);
    PF_CHECK(pf_search_to_fts5_exclusions(&query, &out));
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "{title summary body} : (\"php\" OR \"project manager\")");
    pf_buf_reset(&out);
    PF_CHECK(pf_search_to_tsquery_exclusions(&query, &out));
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "'php' | 'project manager'");
    static const struct pf_search_clause one[] = {{kubernetes, 1, false}};
    static const struct pf_search_query q = {one, 1, 1};
    pf_buf_reset(&out);
    PF_CHECK(!pf_search_to_fts5_exclusions(&q, &out));
    PF_CHECK(!pf_search_to_tsquery_exclusions(&q, &out));
    pf_buf_fini(&out);
}

static void test_only_queries_with_a_positive_clause_are_searchable(void)
{
    static const struct pf_search_clause negative[] = {{php, 1, true}};
    static const struct pf_search_query only_negative = {negative, 1, 1};
    static const struct pf_search_query none = {NULL, 0, 2};
    PF_CHECK(pf_search_query_is_searchable(&query));
    PF_CHECK(!pf_search_query_is_searchable(&only_negative));
    PF_CHECK(!pf_search_query_is_searchable(&none));
    PF_CHECK(!pf_search_query_is_searchable(NULL));
}

static void test_workspace_token_is_one_to_one_and_private_use(void)
{
    pf_id a = pf_id_new();
    pf_id b = a;
    b.bytes[15] ^= 1;
    char ta[PF_SEARCH_WS_TOKEN_SIZE];
    char tb[PF_SEARCH_WS_TOKEN_SIZE];
    pf_search_ws_token(a, ta);
    pf_search_ws_token(b, tb);
    PF_CHECK(strcmp(ta, tb) != 0);
    PF_CHECK_INT_EQ(strlen(ta), 32);
    const char *p = ta;
    for (int i = 0; i < 8; i++) {
        int32_t cp = pf_utf8_decode(&p, ta + strlen(ta));
        PF_CHECK(cp >= 0xF0000 && cp <= 0x10FFFD);
    }
    pf_id ones;
    memset(ones.bytes, 0xFF, sizeof(ones.bytes));
    pf_id edge = ones;
    edge.bytes[1] = 0xFE;
    pf_search_ws_token(ones, ta);
    pf_search_ws_token(edge, tb);
    PF_CHECK(strcmp(ta, tb) != 0); /* 0xFFFF and 0xFFFE land in plane 16, apart */
    PF_CHECK(pf_utf8_valid(ta, strlen(ta)));
}

/* FTS rowids: smaller for newer ids, distinct for a process's ids, never negative. */
static void test_fts_keys_order_newest_first(void)
{
    pf_id prev = pf_id_new();
    for (int i = 0; i < 10000; i++) { /* several ids a millisecond: the sequence orders them */
        pf_id next = pf_id_new();
        PF_CHECK(pf_search_fts_key(next) < pf_search_fts_key(prev));
        prev = next;
    }
    pf_id max;
    memset(max.bytes, 0xFF, sizeof(max.bytes));
    pf_id zero = {{0}};
    PF_CHECK(pf_search_fts_key(max) >= 0);
    PF_CHECK(pf_search_fts_key(zero) == INT64_MAX);
    /* Two ids of the same millisecond and sequence (two processes) differ by their random bits. */
    pf_id a = pf_id_new();
    pf_id b = a;
    b.bytes[9] ^= 0x80;
    PF_CHECK(pf_search_fts_key(a) != pf_search_fts_key(b));
}

static void test_fuzzy_spec_lists_words_of_three_characters(void)
{
    struct pf_buf out = PF_BUF_INIT(4096);
    PF_CHECK(pf_search_fuzzy_spec(&query, &out));
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "kubernetes\ngolan\nplatform\nengineer");
    pf_buf_reset(&out);
    pf_search_fuzzy_match("kubo\ngo\xc3\xa9s\ndocker\nkubernetes", "TOK", &out);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out),
                    "ws : \"TOK\" AND text : (\"kub\" OR \"ubo\" OR \"go\xc3\xa9\" OR"
                    " \"o\xc3\xa9s\" OR \"doc\" OR \"ker\" OR \"kub\" OR \"ern\" OR"
                    " \"etes\")");
    static const struct pf_search_atom shorts[] = {WORD("go"), WORD("js")};
    static const struct pf_search_clause one[] = {{shorts, 2, false}};
    static const struct pf_search_query q = {one, 1, 2};
    pf_buf_reset(&out);
    PF_CHECK(!pf_search_fuzzy_spec(&q, &out));
    PF_CHECK_INT_EQ(out.len, 0);
    pf_buf_fini(&out);
}

static void test_marked_text_becomes_plain_text_and_ranges(void)
{
    struct pf_arena *arena = pf_arena_new();
    char *text = NULL;
    struct pf_search_span *spans = NULL;
    size_t count = 0;
    pf_search_read_marked(arena, "I \x02managed\x03 big \x02K\xc3\xbc" "bernetes\x03 clusters",
                          &text, &spans, &count);
    PF_CHECK_STR_EQ(text, "I managed big K\xc3\xbc" "bernetes clusters");
    PF_CHECK_INT_EQ(count, 2);
    PF_CHECK(count == 2 && spans[0].start == 2 && spans[0].end == 9);
    PF_CHECK(count == 2 && spans[1].start == 14 && spans[1].end == 24); /* code points */

    /* User text never carries markers or control characters out; HTML stays inert text. */
    pf_search_read_marked(arena, "  <b>x</b>\n\n\ty\x01z\x03\x03 \xc2\x85w\xff ", &text, &spans,
                          &count);
    PF_CHECK_STR_EQ(text, "<b>x</b> y z w\xef\xbf\xbd");
    PF_CHECK_INT_EQ(count, 0);
    pf_search_read_marked(arena, "\x02open to the end", &text, &spans, &count);
    PF_CHECK(count == 1 && spans[0].start == 0 && spans[0].end == 15);
    pf_search_read_marked(arena, NULL, &text, &spans, &count);
    PF_CHECK_STR_EQ(text, "");
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_tsquery_quotes_every_operand),
        PF_CASE(test_loose_tsquery_splits_phrases_and_drops_exclusions),
        PF_CASE(test_fts5_filters_columns_and_puts_exclusions_last),
        PF_CASE(test_exclusions_compile_alone_for_the_fallback),
        PF_CASE(test_only_queries_with_a_positive_clause_are_searchable),
        PF_CASE(test_workspace_token_is_one_to_one_and_private_use),
        PF_CASE(test_fts_keys_order_newest_first),
        PF_CASE(test_fuzzy_spec_lists_words_of_three_characters),
        PF_CASE(test_marked_text_becomes_plain_text_and_ranges),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
