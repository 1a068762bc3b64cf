/* Tests for kb/kb_match.c and kb/kb_context.c: spans, overlaps, case and ambiguity rules,
 * Unicode, limits and concurrent use of one index. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "kb/kb_match.h"
#include "kb_test_util.h"

static struct pf_kb *small;

/* The concept names matched in text, joined by '|' ("" when none). */
static const char *names(const char *text, unsigned flags)
{
    static char out[512];
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    out[0] = '\0';
    if (pf_kb_match(small, pf_str_from_cstr(text), flags, &matches, &err) != PF_OK)
        return "(error)";
    size_t len = 0;
    for (size_t i = 0; i < matches.count && len < sizeof(out) - 64; i++) {
        const char *name = pf_kb_concept_name(small, matches.items[i].concept);
        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", i ? "|" : "", name);
    }
    pf_kb_matches_fini(&matches);
    return out;
}

static void test_match_reports_byte_spans_in_the_original_text(void)
{
    const char *text = "\xc3\x9c" "ber Python und k8s";
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_kb_match(small, pf_str_from_cstr(text), 0, &matches, &err), PF_OK);
    PF_CHECK_INT_EQ(matches.count, 2);
    PF_CHECK_INT_EQ(matches.items[0].start, 6);
    PF_CHECK_INT_EQ(matches.items[0].end, 12);
    PF_CHECK_STR_EQ(pf_kb_concept_name(small, matches.items[1].concept), "Kubernetes");
    PF_CHECK_INT_EQ(matches.items[1].start, 17);
    PF_CHECK_INT_EQ(matches.items[1].end, 20);
    pf_kb_matches_fini(&matches);
}

static void test_match_prefers_the_longest_and_can_return_overlaps(void)
{
    PF_CHECK_STR_EQ(names("We run on Google Cloud Platform.", 0), "Google Cloud Platform");
    PF_CHECK_STR_EQ(names("We run on Google Cloud Platform.", PF_KB_MATCH_ALL),
                    "Google Cloud Platform|Google Cloud");
    PF_CHECK_STR_EQ(names("Spring Boot services", 0), "Spring Boot");
    PF_CHECK_STR_EQ(names("C++ and C", 0), "C++|C");
}

static void test_match_ignores_case_spacing_hyphens_and_accents(void)
{
    PF_CHECK_STR_EQ(names("POWER-BI and power  bi and PowerBI", 0), "Power BI|Power BI|Power BI");
    PF_CHECK_STR_EQ(names("cafe society, CAF\xc3\x89 SOCIETY", 0), "Café Society|Café Society");
    PF_CHECK_STR_EQ(names("Node.js", 0), "Node.js");
    PF_CHECK_STR_EQ(names("Node . js", 0), "JavaScript"); /* "js" alone is an alias */
    PF_CHECK_STR_EQ(names("NodeJS", 0), "Node.js");
}

static void test_match_handles_unicode_spaces_widths_and_invisible_characters(void)
{
    PF_CHECK_STR_EQ(names("Power\xc2\xa0" "BI", 0), "Power BI");               /* NBSP */
    PF_CHECK_STR_EQ(names("\xef\xbc\xb0\xef\xbd\x99\xef\xbd\x94\xef\xbd\x88\xef\xbd\x8f\xef\xbd\x8e",
                          0),
                    "Python"); /* full-width */
    PF_CHECK_STR_EQ(names("Py\xe2\x80\x8bthon and Pyth\xc2\xadon", 0), "Python|Python");
    PF_CHECK_STR_EQ(names("\xee\x80\x80Python\xe2\x80\xa2Java", 0), "Python|Java"); /* PUA, bullet */
    PF_CHECK_STR_EQ(names("bad \xff\xfe bytes Python", 0), "Python");
}

static void test_match_applies_exact_case_aliases(void)
{
    PF_CHECK_STR_EQ(names("Statistics in SAS", 0), "SAS");
    PF_CHECK_STR_EQ(names("a sas of tea", 0), "");
}

static void test_match_decides_go_by_case_and_context(void)
{
    PF_CHECK_STR_EQ(names("Built services in Go and Python", 0), "Go|Python");
    PF_CHECK_STR_EQ(names("We go to the store", 0), "");
    PF_CHECK_STR_EQ(names("Let's go.", 0), "");
    PF_CHECK_STR_EQ(names("Go programming is fun", 0), "Go");
    PF_CHECK_STR_EQ(names("Go to the store", 0), "");
    PF_CHECK_STR_EQ(names("Moved from golang to Java", 0), "Go|Java");
    PF_CHECK_STR_EQ(names("Python, Go, Java", 0), "Python|Go|Java");
    PF_CHECK_STR_EQ(names("python, go, java", PF_KB_MATCH_SKILL_LIST), "Python|Go|Java");
    PF_CHECK_STR_EQ(names("LANGUAGES: PYTHON, GO", 0), "Python|Go");
}

static void test_match_decides_single_letters_by_context(void)
{
    PF_CHECK_STR_EQ(names("Firmware written in C", 0), "C");
    PF_CHECK_STR_EQ(names("C and C++ on Linux", 0), "C|C++");
    PF_CHECK_STR_EQ(names("Reported to C-level executives", 0), "");
    PF_CHECK_STR_EQ(names("Grade C student", 0), "");
    PF_CHECK_STR_EQ(names("Led R&D for the group", 0), "");
    PF_CHECK_STR_EQ(names("Modelling in R and Python", 0), "R|Python");
    PF_CHECK_STR_EQ(names("R", PF_KB_MATCH_SKILL_LIST), "R");
    PF_CHECK_STR_EQ(names("r", 0), "");
}

static void test_match_tells_excel_the_tool_from_excel_the_verb(void)
{
    PF_CHECK_STR_EQ(names("I excel at communication", 0), "");
    PF_CHECK_STR_EQ(names("Excel at building teams", 0), "");
    PF_CHECK_STR_EQ(names("Advanced Excel and Python", 0), "Microsoft Excel|Python");
    PF_CHECK_STR_EQ(names("Reports in MS Excel", 0), "Microsoft Excel");
}

static void test_match_tells_react_and_spring_apart_from_words(void)
{
    PF_CHECK_STR_EQ(names("React to incidents quickly", 0), "");
    PF_CHECK_STR_EQ(names("we react to incidents", 0), "");
    PF_CHECK_STR_EQ(names("Built UIs with React and Redux", 0), "React|Redux");
    PF_CHECK_STR_EQ(names("Spring 2019 semester", 0), "");
    PF_CHECK_STR_EQ(names("Java services on Spring", 0), "Java|Spring Framework");
    PF_CHECK_STR_EQ(names("JavaScript, not Java", 0), "JavaScript|Java");
}

static void test_match_keeps_rejected_candidates_on_request(void)
{
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_kb_match(small, PF_STR("I met R at noon"), PF_KB_MATCH_KEEP_REJECTED,
                                &matches, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(matches.count, 1);
    PF_CHECK_INT_EQ(matches.items[0].why, PF_KB_WHY_REJECTED);
    pf_kb_matches_fini(&matches);
}

static void test_match_refuses_text_over_the_limit(void)
{
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_kb_match(small, pf_str_make("x", (size_t)PF_KB_LIMIT_TEXT_BYTES + 1), 0,
                                &matches, &err),
                    PF_E_TOO_BIG);
    PF_CHECK_STATUS(pf_kb_match(small, PF_STR_NULL, 0, &matches, &err), PF_OK);
    PF_CHECK_INT_EQ(matches.count, 0);
    pf_kb_matches_fini(&matches);
}

static void *match_many(void *arg)
{
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    long failures = 0;
    for (int i = 0; i < 2000; i++) {
        if (pf_kb_match(small, PF_STR("Python, Go and React on Google Cloud Platform"), 0,
                        &matches, &err) != PF_OK ||
            matches.count != 4)
            failures++;
    }
    pf_kb_matches_fini(&matches);
    (void)arg;
    return (void *)failures;
}

static void test_match_is_safe_from_many_threads(void)
{
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        PF_CHECK(pthread_create(&threads[i], NULL, match_many, NULL) == 0);
    for (int i = 0; i < 4; i++) {
        void *failures = NULL;
        pthread_join(threads[i], &failures);
        PF_CHECK_INT_EQ((long)failures, 0);
    }
}

static void test_match_real_taxonomy_resolves_ambiguous_names(void)
{
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    PF_CHECK_STATUS(pf_kb_new(&kb, &err), PF_OK);
    struct {
        const char *text;
        const char *concept;
        bool expected;
    } cases[] = {
        {"Services in Go and Rust", "Go", true},
        {"Services in Go and Rust", "Rust", true},
        {"Let's go!", "Go", false},
        {"iOS apps in Swift and SwiftUI", "Swift", true},
        {"Taylor Swift fan", "Swift", false},
        {"I excel at teamwork", "Microsoft Excel", false},
        {"Advanced Excel modelling", "Microsoft Excel", true},
        {"Spring Boot microservices", "Spring Boot", true},
        {"Spring 2019 internship", "Spring Framework", false},
        {"React to alerts", "React", false},
        {"Rust Belt manufacturing", "Rust", false},
        {"Statistics in R and Python", "R", true},
        {"Led R&D", "R", false},
        {"Firmware in C and C++", "C", true},
        {"Reported to C-level executives", "C", false},
    };
    for (size_t i = 0; i < PF_ARRAY_LEN(cases); i++) {
        PF_CHECK_STATUS(pf_kb_match(kb, pf_str_from_cstr(cases[i].text), 0, &matches, &err),
                        PF_OK);
        bool found = false;
        for (size_t m = 0; m < matches.count; m++)
            found = found || strcmp(pf_kb_concept_name(kb, matches.items[m].concept),
                                    cases[i].concept) == 0;
        if (found != cases[i].expected)
            pf_test_fail(__FILE__, __LINE__, "\"%s\": %s %s", cases[i].text, cases[i].concept,
                         found ? "found, not expected" : "expected, not found");
    }
    pf_kb_matches_fini(&matches);
    pf_kb_free(kb);
}

int main(int argc, char **argv)
{
    small = kb_test_small();
    if (!small) {
        fprintf(stderr, "cannot build the test taxonomy\n");
        return 1;
    }
    static const struct pf_test_case cases[] = {
        PF_CASE(test_match_reports_byte_spans_in_the_original_text),
        PF_CASE(test_match_prefers_the_longest_and_can_return_overlaps),
        PF_CASE(test_match_ignores_case_spacing_hyphens_and_accents),
        PF_CASE(test_match_handles_unicode_spaces_widths_and_invisible_characters),
        PF_CASE(test_match_applies_exact_case_aliases),
        PF_CASE(test_match_decides_go_by_case_and_context),
        PF_CASE(test_match_decides_single_letters_by_context),
        PF_CASE(test_match_tells_excel_the_tool_from_excel_the_verb),
        PF_CASE(test_match_tells_react_and_spring_apart_from_words),
        PF_CASE(test_match_keeps_rejected_candidates_on_request),
        PF_CASE(test_match_refuses_text_over_the_limit),
        PF_CASE(test_match_is_safe_from_many_threads),
        PF_CASE(test_match_real_taxonomy_resolves_ambiguous_names),
    };
    int rc = pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
    pf_kb_free(small);
    return rc;
}
