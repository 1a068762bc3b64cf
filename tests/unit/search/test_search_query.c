/* Tests for search/search_query.c: the query syntax users type, parsed into the store's tree. */
#include <string.h>

#include "base/buf.h"
#include "harness.h"
#include "search/search.h"

static struct pf_arena *arena;

/* The tree as text: clauses joined by " & ", alternatives by " | ", exclusions as "-x",
 * phrases quoted, prefixes starred. */
static const char *describe(const struct pf_search_query *query)
{
    struct pf_buf out = PF_BUF_INIT(1 << 16);
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        if (i > 0)
            pf_buf_puts(&out, " & ");
        if (clause->is_negated)
            pf_buf_putc(&out, '-');
        if (clause->count > 1)
            pf_buf_putc(&out, '(');
        for (size_t a = 0; a < clause->count; a++) {
            const struct pf_search_atom *atom = &clause->atoms[a];
            if (a > 0)
                pf_buf_puts(&out, " | ");
            pf_buf_printf(&out, atom->is_phrase ? "\"%s\"" : "%s", atom->text);
            if (atom->is_prefix)
                pf_buf_putc(&out, '*');
        }
        if (clause->count > 1)
            pf_buf_putc(&out, ')');
    }
    const char *text = pf_arena_strdup(arena, pf_buf_cstr(&out));
    pf_buf_fini(&out);
    return text;
}

static pf_status parse_with(const char *text, size_t len, bool prefix_last,
                            struct pf_search_query **out, struct pf_error *err)
{
    struct pf_search_parse_options options = {.max_bytes = 512, .max_terms = 32,
                                              .prefix_last = prefix_last};
    return pf_search_parse(arena, pf_str_make(text, len), &options, out, err);
}

/* The description of a query that must parse. */
static const char *parsed(const char *text)
{
    struct pf_search_query *query = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = parse_with(text, strlen(text), false, &query, &err);
    if (st != PF_OK) {
        pf_test_fail(__FILE__, __LINE__, "\"%s\" did not parse: %s", text,
                     pf_error_message(&err));
        return "";
    }
    return describe(query);
}

/* The err->field of a query that must be refused. */
static const char *refused(const char *text, size_t len)
{
    struct pf_search_query *query = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = parse_with(text, len, false, &query, &err);
    if (st != PF_E_VALIDATION)
        return "(parsed)";
    return pf_arena_strdup(arena, err.field);
}

static void test_words_are_anded_and_and_is_accepted(void)
{
    arena = pf_arena_new();
    PF_CHECK_STR_EQ(parsed("kubernetes go berlin"), "kubernetes & go & berlin");
    PF_CHECK_STR_EQ(parsed("kubernetes AND go   berlin"), "kubernetes & go & berlin");
    PF_CHECK_STR_EQ(parsed("  Kubernetes\tGo\n"), "Kubernetes & Go");
    pf_arena_free(arena);
}

static void test_quotes_make_phrases(void)
{
    arena = pf_arena_new();
    PF_CHECK_STR_EQ(parsed("\"platform engineer\" berlin"), "\"platform engineer\" & berlin");
    PF_CHECK_STR_EQ(parsed("\"head of  engineering\""), "\"head of engineering\"");
    PF_CHECK_STR_EQ(parsed("\"kubernetes\""), "kubernetes");          /* one word: a word */
    PF_CHECK_STR_EQ(parsed("\xe2\x80\x9cstaff engineer\xe2\x80\x9d"), "\"staff engineer\"");
    PF_CHECK_STR_EQ(parsed("\"unbalanced quote"), "\"unbalanced quote\"");
    PF_CHECK_STR_EQ(parsed("go \"\" \"  \" \"!!\""), "go");
    pf_arena_free(arena);
}

static void test_or_binds_tighter_than_and(void)
{
    arena = pf_arena_new();
    PF_CHECK_STR_EQ(parsed("golang OR go berlin"), "(golang | go) & berlin");
    PF_CHECK_STR_EQ(parsed("berlin golang OR go OR rust"), "berlin & (golang | go | rust)");
    PF_CHECK_STR_EQ(parsed("go | rust"), "(go | rust)");
    PF_CHECK_STR_EQ(parsed("\"site reliability\" OR sre"), "(\"site reliability\" | sre)");
    PF_CHECK_STR_EQ(parsed("OR go OR"), "go");                        /* dangling */
    PF_CHECK_STR_EQ(parsed("go OR OR OR rust"), "(go | rust)");
    PF_CHECK_STR_EQ(parsed("go or rust"), "go & rust");               /* lower case: a word */
    pf_arena_free(arena);
}

static void test_minus_and_not_exclude(void)
{
    arena = pf_arena_new();
    PF_CHECK_STR_EQ(parsed("java -php"), "java & -php");
    PF_CHECK_STR_EQ(parsed("java NOT php"), "java & -php");
    PF_CHECK_STR_EQ(parsed("java -\"project manager\""), "java & -\"project manager\"");
    PF_CHECK_STR_EQ(parsed("java -php OR go"), "java & -php & go");   /* OR after an exclusion */
    PF_CHECK_STR_EQ(parsed("go-lang - -- java"), "go-lang & java");   /* inner and lone minus */
    PF_CHECK_STR_EQ(parsed("java ---php"), "java & -php");
    pf_arena_free(arena);
}

static void test_stars_make_prefixes_of_three_characters_or_more(void)
{
    arena = pf_arena_new();
    PF_CHECK_STR_EQ(parsed("kube* engineer"), "kube* & engineer");
    PF_CHECK_STR_EQ(parsed("go*"), "go");                              /* too short: exact */
    PF_CHECK_STR_EQ(parsed("\"platform eng\"*"), "\"platform eng\"*");
    PF_CHECK_STR_EQ(parsed("kube*rnetes"), "kube* & rnetes");
    PF_CHECK_STR_EQ(parsed("* ** *go"), "go");
    PF_CHECK_STR_EQ(parsed("caf\xc3\xa9*"), "caf\xc3\xa9*");            /* code points count */
    pf_arena_free(arena);
}

static void test_prefix_mode_marks_the_word_being_typed(void)
{
    arena = pf_arena_new();
    struct pf_search_query *query = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(parse_with("senior kuber", 12, true, &query, &err), PF_OK);
    PF_CHECK_STR_EQ(describe(query), "senior & kuber*");
    PF_CHECK_STATUS(parse_with("senior kuber ", 13, true, &query, &err), PF_OK);
    PF_CHECK_STR_EQ(describe(query), "senior & kuber");                /* finished word */
    PF_CHECK_STATUS(parse_with("\"platform eng", 13, true, &query, &err), PF_OK);
    PF_CHECK_STR_EQ(describe(query), "\"platform eng\"*");
    PF_CHECK_STATUS(parse_with("java -kot", 9, true, &query, &err), PF_OK);
    PF_CHECK_STR_EQ(describe(query), "java & -kot");                   /* exclusions exact */
    pf_arena_free(arena);
}

static void test_punctuation_splits_or_stays_inside_words(void)
{
    arena = pf_arena_new();
    PF_CHECK_STR_EQ(parsed("node.js c++ c# o'brien"), "node.js & c & c & o'brien");
    PF_CHECK_STR_EQ(parsed("(kubernetes) [go], berlin; ..."), "kubernetes & go & berlin");
    PF_CHECK_STR_EQ(parsed("a\\b 'quoted' ~x^2 $y%"), "b & quoted & x & 2 & y");
    PF_CHECK_STR_EQ(parsed("\xe2\x80\x94 kubernetes \xe2\x84\xa2 \xf0\x9f\x9a\x80"),
                    "kubernetes");                                     /* dash, TM, emoji */
    PF_CHECK_STR_EQ(parsed("M\xc3\xbcller Z\xc3\xbcrich"), "M\xc3\xbcller & Z\xc3\xbcrich");
    PF_CHECK_STR_EQ(parsed("\xe5\xb7\xa5\xe7\xa8\x8b\xe5\xb8\x88"), "\xe5\xb7\xa5\xe7\xa8\x8b\xe5\xb8\x88");
    pf_arena_free(arena);
}

static void test_control_characters_and_nul_are_blanks(void)
{
    arena = pf_arena_new();
    static const char text[] = "kube\x01rnetes\x7f go\0berlin\x1b[31m";
    struct pf_search_query *query = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(parse_with(text, sizeof(text) - 1, false, &query, &err), PF_OK);
    PF_CHECK_STR_EQ(describe(query), "kube & rnetes & go & berlin & 31m");
    pf_arena_free(arena);
}

static void test_stop_words_are_dropped_outside_phrases(void)
{
    arena = pf_arena_new();
    PF_CHECK_STR_EQ(parsed("the head of engineering"), "head & engineering");
    PF_CHECK_STR_EQ(parsed("\"head of engineering\" The"), "\"head of engineering\"");
    PF_CHECK_STR_EQ(parsed("a OR go"), "go");
    PF_CHECK_STR_EQ(parsed("java -the"), "java");
    PF_CHECK(pf_search_is_stop_word(PF_STR("THE")));
    PF_CHECK(!pf_search_is_stop_word(PF_STR("go")));
    struct pf_search_query *query = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(parse_with("the of and", 10, false, &query, &err), PF_OK);
    PF_CHECK(!pf_search_query_is_searchable(query));
    PF_CHECK_INT_EQ(query->term_count, 3);
    pf_arena_free(arena);
}

static void test_limits_are_named(void)
{
    arena = pf_arena_new();
    char big[600];
    memset(big, 'a', sizeof(big));
    PF_CHECK_STR_EQ(refused(big, sizeof(big)), "limit_search_bytes");
    struct pf_buf many = PF_BUF_INIT(1 << 16);
    for (int i = 0; i < 33; i++)
        pf_buf_printf(&many, "w%d ", i);
    PF_CHECK_STR_EQ(refused(pf_buf_cstr(&many), many.len), "limit_search_terms");
    pf_buf_reset(&many);
    for (int i = 0; i < 32; i++)
        pf_buf_printf(&many, "w%d ", i);
    PF_CHECK_STR_EQ(refused(pf_buf_cstr(&many), many.len), "(parsed)");
    pf_buf_reset(&many);
    pf_buf_puts(&many, "\"");
    for (int i = 0; i < 40; i++)
        pf_buf_printf(&many, "p%d ", i);
    PF_CHECK_STR_EQ(refused(pf_buf_cstr(&many), many.len), "limit_search_terms");
    pf_buf_fini(&many);
    pf_arena_free(arena);
}

static void test_hostile_input_gets_a_named_refusal(void)
{
    arena = pf_arena_new();
    static const char *const empty[] = {"", "   \t ", "\"\" OR AND NOT - * | ( ) \" \"",
                                        "--- *** ||| \"\"\"\"", "\xc2\xa0\xe2\x80\x94"};
    for (size_t i = 0; i < PF_ARRAY_LEN(empty); i++)
        PF_CHECK_STR_EQ(refused(empty[i], strlen(empty[i])), "empty");
    PF_CHECK_STR_EQ(refused("-java -php", 10), "only_exclusions");
    PF_CHECK_STR_EQ(refused("caf\xc3", 4), "utf8");
    PF_CHECK_STR_EQ(refused("\xff\xfe", 2), "utf8");
    PF_CHECK_STR_EQ(refused("\xed\xa0\x80", 3), "utf8");               /* a surrogate */
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_words_are_anded_and_and_is_accepted),
        PF_CASE(test_quotes_make_phrases),
        PF_CASE(test_or_binds_tighter_than_and),
        PF_CASE(test_minus_and_not_exclude),
        PF_CASE(test_stars_make_prefixes_of_three_characters_or_more),
        PF_CASE(test_prefix_mode_marks_the_word_being_typed),
        PF_CASE(test_punctuation_splits_or_stays_inside_words),
        PF_CASE(test_control_characters_and_nul_are_blanks),
        PF_CASE(test_stop_words_are_dropped_outside_phrases),
        PF_CASE(test_limits_are_named),
        PF_CASE(test_hostile_input_gets_a_named_refusal),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
