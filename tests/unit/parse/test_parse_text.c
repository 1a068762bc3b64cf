/* Unit tests for src/parse/parse_text.c: folding, cleaning and cells. */
#include <string.h>

#include "harness.h"
#include "parse/parse_int.h"

static void test_text_fold_drops_accents_and_punctuation(void)
{
    char out[64];
    pf_fold(PF_STR("Expérience  Professionnelle:"), out, sizeof(out));
    PF_CHECK_STR_EQ(out, "experience professionnelle");
    pf_fold(PF_STR("Straße & Über"), out, sizeof(out));
    PF_CHECK_STR_EQ(out, "strasse and uber");
    pf_fold(PF_STR("B.Sc."), out, sizeof(out));
    PF_CHECK_STR_EQ(out, "bsc");
}

static void test_text_clean_and_cells(void)
{
    struct pf_parse p;
    memset(&p, 0, sizeof(p));
    p.arena = pf_arena_new();
    static const char raw[] = "\xEF\xBF\xBD (912) 555-4321\t\xEF\xBF\xBD mail@x.org | Berlin";
    p.raw = raw;
    p.raw_len = sizeof(raw) - 1;
    struct pf_span cells[8];
    size_t n = pf_cells(&p, 0, p.raw_len, cells, 8);
    PF_CHECK_INT_EQ(n, 3);
    PF_CHECK_STR_EQ(pf_clean(&p, cells[0].start, cells[0].end), "(912) 555-4321");
    PF_CHECK_STR_EQ(pf_clean(&p, cells[1].start, cells[1].end), "mail@x.org");
    PF_CHECK_STR_EQ(pf_clean(&p, cells[2].start, cells[2].end), "Berlin");
    PF_CHECK_STR_EQ(pf_clean(&p, 0, p.raw_len), "(912) 555-4321 mail@x.org | Berlin");
    pf_arena_free(p.arena);
}

static void test_text_word_counts(void)
{
    size_t letters = 0;
    size_t upper = 0;
    PF_CHECK_INT_EQ(pf_word_count(PF_STR("RICHARD HENDRIKS"), &letters, &upper), 2);
    PF_CHECK_INT_EQ(letters, upper);
    PF_CHECK(pf_has_alnum(PF_STR("  x ")));
    PF_CHECK(!pf_has_alnum(PF_STR(" \xE2\x80\xA2 ")));
    PF_CHECK_INT_EQ(pf_find_word(PF_STR("Engineer at Google"), "at"), 9);
    PF_CHECK_INT_EQ(pf_find_word(PF_STR("Data"), "at"), -1);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_text_fold_drops_accents_and_punctuation),
        PF_CASE(test_text_clean_and_cells),
        PF_CASE(test_text_word_counts),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
