/* Tests for store/store_search_highlight.c: PostgreSQL's query lexemes matched against text by
 * English stem, whole titles and fragment snippets, as the marker reader sees them. */
#include <string.h>

#include "harness.h"
#include "store/store_search_int.h"

/* Highlights text for querytree and reads the result: the plain text, and the highlighted
 * words joined by '|'. */
static void highlight(const char *querytree, const char *text, int max_words, char *out_text,
                      char *out_words)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_search_terms *terms = pf_search_terms_new(arena, querytree);
    struct pf_buf marked = PF_BUF_INIT(1 << 20);
    pf_search_highlight(arena, terms, text, max_words, 2, &marked);
    char *plain = NULL;
    struct pf_search_span *spans = NULL;
    size_t count = 0;
    pf_search_read_marked(arena, pf_buf_cstr(&marked), &plain, &spans, &count);
    snprintf(out_text, 4096, "%s", plain);
    out_words[0] = '\0';
    for (size_t i = 0; i < count; i++) { /* spans count code points */
        const char *end = plain + strlen(plain);
        const char *from = plain;
        for (int cp = 0; cp < spans[i].start; cp++)
            pf_utf8_decode(&from, end);
        const char *to = from;
        for (int cp = spans[i].start; cp < spans[i].end; cp++)
            pf_utf8_decode(&to, end);
        size_t len = strlen(out_words);
        snprintf(out_words + len, 4096 - len, "%s%.*s", i ? "|" : "", (int)(to - from), from);
    }
    pf_search_terms_free(terms);
    pf_buf_fini(&marked);
    pf_arena_free(arena);
}

static void test_words_match_by_stem_and_prefix(void)
{
    char text[4096], words[4096];
    highlight("'manag' & 'kubernet'", "Managed Kubernetes; managing a manager's team.", 0, text,
              words);
    PF_CHECK_STR_EQ(text, "Managed Kubernetes; managing a manager's team.");
    PF_CHECK_STR_EQ(words, "Managed|Kubernetes|managing|manager"); /* manager -> manag */

    highlight("'eng':*", "Engineering lead, English speaker, an engine; Bengal.", 0, text, words);
    PF_CHECK_STR_EQ(words, "Engineering|English|engine");

    /* Operators, weights and quotes inside a lexeme are querytree syntax, not words. */
    highlight("'machin' <-> 'learn' | !'php' & 'o''brien':AB", "Machine learning by O'Brien",
              0, text, words);
    PF_CHECK_STR_EQ(words, "Machine|learning"); /* the text splits O'Brien, as PostgreSQL does */

    /* Stems that change the last letter ("happi") and letters beyond ASCII. */
    highlight("'happi' & 'zürich'", "Happy in Zürich — happiness", 0, text, words);
    PF_CHECK_STR_EQ(words, "Happy|Zürich|happiness");
    highlight("'kübernet'", "Kübernetes Platform", 0, text, words);
    PF_CHECK_STR_EQ(words, "Kübernetes");
}

static void test_long_text_becomes_fragments_around_the_matches(void)
{
    char text[4096], words[4096];
    char body[4096];
    size_t len = 0;
    for (int i = 0; i < 60; i++)
        len += (size_t)snprintf(body + len, sizeof(body) - len, "%s",
                                i == 40 ? "Terraform " : i == 5 ? "terraform " : "filler ");
    highlight("'terraform'", body, 10, text, words);
    PF_CHECK_STR_EQ(words, "terraform|Terraform");
    PF_CHECK(strstr(text, " … ") != NULL);
    PF_CHECK(strncmp(text, "filler filler filler terraform", 30) == 0); /* context before */

    /* Nothing matches: the text's first words. */
    highlight("'rust'", body, 10, text, words);
    PF_CHECK_STR_EQ(words, "");
    PF_CHECK_STR_EQ(text, "filler filler filler filler filler terraform filler filler filler"
                          " filler");

    /* Marker bytes in the stored text never pose as highlights. */
    highlight("'go'", "a \x02stop\x03 go", 0, text, words);
    PF_CHECK_STR_EQ(words, "go");
    PF_CHECK_STR_EQ(text, "a stop go");
    highlight("", NULL, 24, text, words);
    PF_CHECK_STR_EQ(text, "");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_words_match_by_stem_and_prefix),
        PF_CASE(test_long_text_becomes_fragments_around_the_matches),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
