/* Unit tests for src/parse/parse.c: whole documents through the text reader, evidence, errors. */
#include <string.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "parse/parse.h"

static json_t *parse_text(const char *text, struct pf_error *err, pf_status *out_st)
{
    struct pf_document *doc = NULL;
    json_t *resume = NULL;
    pf_status st = pf_ingest_as(NULL, PF_DOC_FORMAT_TEXT, pf_str_from_cstr(text), &doc, err);
    if (st == PF_OK)
        st = pf_parse_document(doc, NULL, &resume, NULL, err);
    *out_st = st;
    pf_document_free(doc);
    return resume;
}

static const char *get(const json_t *root, const char *path)
{
    /* "a.b.0.c" */
    const json_t *cur = root;
    char buf[128];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *tok = buf; tok && cur;) {
        char *dot = strchr(tok, '.');
        if (dot)
            *dot = '\0';
        if (json_is_array(cur))
            cur = json_array_get(cur, (size_t)(tok[0] - '0'));
        else
            cur = json_object_get(cur, tok);
        tok = dot ? dot + 1 : NULL;
    }
    return json_string_value(cur);
}

static const char english_cv[] =
    "Jane Doe\n"
    "Backend Engineer\n"
    "jane.doe@example.com | +1 (415) 555-0134 | Berlin, Germany\n"
    "github.com/janedoe\n"
    "\n"
    "Experience\n"
    "\n"
    "Senior Engineer at Acme GmbH\n"
    "Jan 2020 - Present\n"
    "- Built the billing pipeline in Go\n"
    "- Cut p99 latency by 40%\n"
    "\n"
    "Software Developer, Initech\n"
    "06/2016 - 12/2019\n"
    "- Maintained the reporting service\n"
    "\n"
    "Education\n"
    "\n"
    "Technical University of Munich\n"
    "Master of Science in Informatics\n"
    "2014 - 2016\n"
    "\n"
    "Skills\n"
    "\n"
    "Languages: Go, Python, SQL\n"
    "\n"
    "Languages\n"
    "\n"
    "English (native), German (C1)\n";

static void test_parse_reads_a_plain_text_cv(void)
{
    struct pf_error err = PF_ERROR_INIT;
    pf_status st;
    json_t *r = parse_text(english_cv, &err, &st);
    PF_CHECK_STATUS(st, PF_OK);
    if (!r)
        return;
    PF_CHECK_STR_EQ(get(r, "basics.name"), "Jane Doe");
    PF_CHECK_STR_EQ(get(r, "basics.label"), "Backend Engineer");
    PF_CHECK_STR_EQ(get(r, "basics.email"), "jane.doe@example.com");
    PF_CHECK_STR_EQ(get(r, "basics.phone"), "+1 (415) 555-0134");
    PF_CHECK_STR_EQ(get(r, "basics.location.city"), "Berlin");
    PF_CHECK_STR_EQ(get(r, "basics.location.countryCode"), "DE");
    PF_CHECK_STR_EQ(get(r, "basics.profiles.0.network"), "GitHub");
    PF_CHECK_STR_EQ(get(r, "basics.profiles.0.username"), "janedoe");
    PF_CHECK_STR_EQ(get(r, "work.0.position"), "Senior Engineer");
    PF_CHECK_STR_EQ(get(r, "work.0.name"), "Acme GmbH");
    PF_CHECK_STR_EQ(get(r, "work.0.startDate"), "2020-01");
    PF_CHECK(get(r, "work.0.endDate") == NULL);
    PF_CHECK_STR_EQ(get(r, "work.0.highlights.1"), "Cut p99 latency by 40%");
    PF_CHECK_STR_EQ(get(r, "work.1.name"), "Initech");
    PF_CHECK_STR_EQ(get(r, "work.1.endDate"), "2019-12");
    PF_CHECK_STR_EQ(get(r, "education.0.institution"), "Technical University of Munich");
    PF_CHECK_STR_EQ(get(r, "education.0.studyType"), "Master of Science");
    PF_CHECK_STR_EQ(get(r, "education.0.area"), "Informatics");
    PF_CHECK_STR_EQ(get(r, "skills.0.keywords.2"), "SQL");
    PF_CHECK_STR_EQ(get(r, "languages.1.language"), "German");
    PF_CHECK_STR_EQ(get(r, "languages.1.fluency"), "C1");
    json_decref(r);
}

static void test_parse_evidence_spans_point_at_the_text(void)
{
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    json_t *r = NULL;
    json_t *diag = NULL;
    PF_CHECK_STATUS(pf_ingest_as(NULL, PF_DOC_FORMAT_TEXT, pf_str_from_cstr(english_cv), &doc, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_parse_document(doc, NULL, &r, &diag, &err), PF_OK);
    json_t *fields = json_object_get(json_object_get(r, "meta"), "fields");
    json_t *name = json_object_get(fields, "/basics/name");
    PF_CHECK(name != NULL);
    struct pf_str text = pf_document_text(doc);
    size_t start = (size_t)json_integer_value(json_object_get(name, "start"));
    size_t end = (size_t)json_integer_value(json_object_get(name, "end"));
    PF_CHECK(end <= text.len && start < end);
    PF_CHECK(pf_str_eq_cstr(pf_str_make(text.ptr + start, end - start), "Jane Doe"));
    PF_CHECK(json_object_get(fields, "/work/0/highlights/0") != NULL);
    double c = json_real_value(json_object_get(name, "confidence"));
    PF_CHECK(c > 0.0 && c <= 1.0);
    PF_CHECK(json_array_size(json_object_get(json_object_get(r, "meta"), "current")) == 1);
    PF_CHECK(json_is_array(json_object_get(diag, "sections")));
    json_decref(diag);
    json_decref(r);
    pf_document_free(doc);
}

static void test_parse_no_meta_option_leaves_plain_json_resume(void)
{
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    json_t *r = NULL;
    struct pf_parse_options opts = {0};
    opts.no_meta = true;
    PF_CHECK_STATUS(pf_ingest_as(NULL, PF_DOC_FORMAT_TEXT, pf_str_from_cstr(english_cv), &doc, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_parse_document(doc, &opts, &r, NULL, &err), PF_OK);
    PF_CHECK(json_object_get(r, "meta") == NULL);
    json_decref(r);
    pf_document_free(doc);
}

static void test_parse_german_cv(void)
{
    static const char cv[] =
        "Max Mustermann\n"
        "Softwareentwickler\n"
        "max@mustermann.de\n"
        "Tel. +49 30 1234567\n"
        "\n"
        "Berufserfahrung\n"
        "\n"
        "Entwickler bei Beispiel AG\n"
        "03/2018 - heute\n"
        "- Aufbau der Zahlungsplattform mit Java und Kafka\n"
        "\n"
        "Ausbildung\n"
        "\n"
        "Universität Hamburg\n"
        "Bachelor of Science Informatik\n"
        "2014 - 2018\n";
    struct pf_error err = PF_ERROR_INIT;
    pf_status st;
    json_t *r = parse_text(cv, &err, &st);
    PF_CHECK_STATUS(st, PF_OK);
    if (!r)
        return;
    PF_CHECK_STR_EQ(get(r, "basics.name"), "Max Mustermann");
    PF_CHECK_STR_EQ(get(r, "basics.phone"), "+49 30 1234567");
    PF_CHECK_STR_EQ(get(r, "work.0.name"), "Beispiel AG");
    PF_CHECK_STR_EQ(get(r, "work.0.position"), "Entwickler");
    PF_CHECK_STR_EQ(get(r, "work.0.startDate"), "2018-03");
    PF_CHECK(get(r, "work.0.endDate") == NULL);
    PF_CHECK_STR_EQ(get(r, "education.0.institution"), "Universität Hamburg");
    PF_CHECK_STR_EQ(get(r, "education.0.area"), "Informatik");
    json_decref(r);
}

static void test_parse_invents_nothing(void)
{
    static const char cv[] = "Jane Doe\njane@example.org\n";
    struct pf_error err = PF_ERROR_INIT;
    pf_status st;
    json_t *r = parse_text(cv, &err, &st);
    PF_CHECK_STATUS(st, PF_OK);
    if (!r)
        return;
    PF_CHECK(json_object_get(r, "work") == NULL);
    PF_CHECK(json_object_get(r, "education") == NULL);
    PF_CHECK(get(r, "basics.phone") == NULL);
    PF_CHECK(get(r, "basics.label") == NULL);
    json_decref(r);
}

static void test_parse_refuses_text_that_is_no_cv(void)
{
    struct pf_error err = PF_ERROR_INIT;
    pf_status st;
    json_t *r = parse_text("lorem ipsum dolor sit amet consectetur adipiscing elit sed do\n", &err,
                           &st);
    PF_CHECK_STATUS(st, PF_E_PARSE);
    PF_CHECK(r == NULL);
    PF_CHECK(strlen(err.message) > 0);
}

static void test_parse_rejects_null(void)
{
    struct pf_error err = PF_ERROR_INIT;
    json_t *r = NULL;
    PF_CHECK_STATUS(pf_parse_document(NULL, NULL, &r, NULL, &err), PF_E_INVALID);
}

static void test_parse_imports_json_resume_with_dates_normalised(void)
{
    static const char json[] =
        "{\"basics\":{\"name\":\"Ann Lee\",\"email\":\"ann@example.com\"},"
        "\"work\":[{\"name\":\"Acme\",\"position\":\"Dev\",\"startDate\":\"Jan 2020\","
        "\"endDate\":\"Present\"}]}";
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    json_t *r = NULL;
    PF_CHECK_STATUS(pf_ingest(NULL, pf_str_from_cstr(json), &doc, &err), PF_OK);
    if (!doc)
        return;
    PF_CHECK_INT_EQ(pf_document_format(doc), PF_DOC_FORMAT_JSON_RESUME);
    PF_CHECK_STATUS(pf_parse_document(doc, NULL, &r, NULL, &err), PF_OK);
    PF_CHECK_STR_EQ(get(r, "basics.name"), "Ann Lee");
    PF_CHECK_STR_EQ(get(r, "work.0.startDate"), "2020-01");
    PF_CHECK(get(r, "work.0.endDate") == NULL);
    json_decref(r);
    pf_document_free(doc);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_parse_reads_a_plain_text_cv),
        PF_CASE(test_parse_evidence_spans_point_at_the_text),
        PF_CASE(test_parse_no_meta_option_leaves_plain_json_resume),
        PF_CASE(test_parse_german_cv),
        PF_CASE(test_parse_invents_nothing),
        PF_CASE(test_parse_refuses_text_that_is_no_cv),
        PF_CASE(test_parse_rejects_null),
        PF_CASE(test_parse_imports_json_resume_with_dates_normalised),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
