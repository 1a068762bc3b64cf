/* Tests for store/store_search_trgm.c: the trigram similarity behind SQLite's typo fallback,
 * which should forgive what PostgreSQL's pg_trgm forgives. */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "store/store_search_int.h"

static double sim(const char *word, const char *text)
{
    return pf_trgm_word_similarity(pf_str_from_cstr(word), pf_str_from_cstr(text));
}

static double score(const char *spec, const char *text)
{
    return pf_trgm_spec_score(pf_str_from_cstr(spec), pf_str_from_cstr(text));
}

static void test_similarity_matches_pg_trgm_on_known_pairs(void)
{
    /* The values pg_trgm's word_similarity gives for these pairs. */
    PF_CHECK(fabs(sim("kubernets", "Senior Kubernetes Engineer") - 0.8) < 1e-9);
    PF_CHECK(fabs(sim("word", "two words") - 0.8) < 1e-9);
    PF_CHECK(fabs(sim("kubernetes", "KUBERNETES") - 1.0) < 1e-9);
    PF_CHECK(sim("postgres", "Kubernetes Engineer") < 0.3);
    PF_CHECK(sim("", "anything") == 0);
    PF_CHECK(sim("abc", "") == 0);
    PF_CHECK(sim("m\xc3\xbcller", "Hans M\xc3\x9cLLER") > 0.99); /* Latin-1 case folding */
    /* A word in pieces matches across the text's words, as one extent. */
    PF_CHECK(fabs(sim("node.js", "I use node.js daily") - 1.0) < 1e-9);
    PF_CHECK(fabs(sim("node.js", "node") - 0.625) < 1e-9);
    PF_CHECK(fabs(sim("ci/cd", "ci cd pipelines") - 1.0) < 1e-9);
}

static void test_spec_score_needs_every_clause(void)
{
    PF_CHECK(score("kubernets\nberln", "Kubernetes engineer in Berlin") >= 0.5);
    PF_CHECK(score("kubernets\nmunich", "Kubernetes engineer in Berlin") == 0);
    PF_CHECK(score("munich\tberln", "Kubernetes engineer in Berlin") >= 0.5);
    PF_CHECK(score("", "Kubernetes") == 0);
}

static void test_spans_mark_resembling_words(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_search_span *spans = NULL;
    size_t count = 0;
    pf_trgm_spans(arena, "Senior K\xc3\xbc" "bernetes engineer, Berlin", "kubernetes\nberln",
                  &spans, &count);
    PF_CHECK_INT_EQ(count, 2);
    PF_CHECK(count == 2 && spans[0].start == 7 && spans[0].end == 17);
    PF_CHECK(count == 2 && spans[1].start == 28 && spans[1].end == 34);
    pf_trgm_spans(arena, "", "kubernetes", &spans, &count);
    PF_CHECK_INT_EQ(count, 0);
    pf_arena_free(arena);
}

static void test_long_words_are_bounded(void)
{
    char word[4096];
    memset(word, 'a', sizeof(word) - 1);
    word[sizeof(word) - 1] = '\0';
    PF_CHECK(sim(word, word) > 0.9);
    PF_CHECK(score("aaaaaaaa", word) >= 0.5);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_similarity_matches_pg_trgm_on_known_pairs),
        PF_CASE(test_spec_score_needs_every_clause),
        PF_CASE(test_spans_mark_resembling_words),
        PF_CASE(test_long_words_are_bounded),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
