/* Tests for kb/kb_text.c: token spans, flags and normalisation. */
#include <string.h>

#include "harness.h"
#include "kb/kb_text.h"

static void test_tokenizer_splits_words_numbers_and_symbols(void)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token token;
    char norm[PF_KB_TOKEN_NORM_MAX];
    const char *expect[] = {"c", "+", "+", "2019", "node", ".", "js"};
    pf_kb_tokenizer_init(&tz, PF_STR("C++ 2019 Node.js"));
    for (size_t i = 0; i < PF_ARRAY_LEN(expect); i++) {
        PF_CHECK(pf_kb_tokenizer_next(&tz, &token, norm));
        PF_CHECK(token.norm_len == strlen(expect[i]) && memcmp(norm, expect[i], token.norm_len) == 0);
    }
    PF_CHECK(!pf_kb_tokenizer_next(&tz, &token, norm));
}

static void test_tokenizer_sets_case_sentence_and_glue_flags(void)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token t[8];
    char norm[PF_KB_TOKEN_NORM_MAX];
    pf_kb_tokenizer_init(&tz, PF_STR("Go is fun. NASA uses\n- front-end"));
    size_t n = 0;
    while (n < 8 && pf_kb_tokenizer_next(&tz, &t[n], norm))
        n++;
    PF_CHECK_INT_EQ(n, 8);
    PF_CHECK(t[0].flags & PF_KB_TOK_SENT_START);
    PF_CHECK(t[0].flags & PF_KB_TOK_CAPITAL);
    PF_CHECK(!(t[1].flags & PF_KB_TOK_SENT_START));
    PF_CHECK(t[3].kind == PF_KB_TOKEN_PUNCT && (t[3].flags & PF_KB_TOK_GLUED));
    PF_CHECK(t[4].flags & PF_KB_TOK_SENT_START);
    PF_CHECK(t[4].flags & PF_KB_TOK_ALL_CAPS);
    PF_CHECK(t[6].flags & PF_KB_TOK_LINE_START);
    PF_CHECK(t[6].flags & PF_KB_TOK_SENT_START);
    PF_CHECK(t[7].flags & PF_KB_TOK_HYPHEN);
    PF_CHECK_INT_EQ(t[7].start, 29);
}

static void test_normalize_folds_case_accents_and_spacing(void)
{
    char out[64];
    PF_CHECK_INT_EQ(pf_kb_normalize(PF_STR("  \xc3\x89" "cole   Polytechnique "), out, sizeof(out)), 19);
    PF_CHECK_STR_EQ(out, "ecole polytechnique");
    pf_kb_normalize(PF_STR("Node.JS"), out, sizeof(out));
    PF_CHECK_STR_EQ(out, "node.js");
    pf_kb_normalize(PF_STR("front-end"), out, sizeof(out));
    PF_CHECK_STR_EQ(out, "front end");
    pf_kb_normalize(PF_STR("Stra\xc3\x9f" "e \xd0\x9f\xd0\xa0"), out, sizeof(out));
    PF_CHECK_STR_EQ(out, "strasse \xd0\xbf\xd1\x80");
    PF_CHECK_INT_EQ(pf_kb_normalize(PF_STR("abcdef"), out, 4), 3);
    PF_CHECK_STR_EQ(out, "abc");
}

static void test_tokenizer_survives_malformed_utf8(void)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token token;
    char norm[PF_KB_TOKEN_NORM_MAX];
    size_t count = 0;
    pf_kb_tokenizer_init(&tz, PF_STR("\xc3 ab\xe2\x82 \xff" "cd"));
    while (pf_kb_tokenizer_next(&tz, &token, norm))
        count++;
    PF_CHECK_INT_EQ(count, 2);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_tokenizer_splits_words_numbers_and_symbols),
        PF_CASE(test_tokenizer_sets_case_sentence_and_glue_flags),
        PF_CASE(test_normalize_folds_case_accents_and_spacing),
        PF_CASE(test_tokenizer_survives_malformed_utf8),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
