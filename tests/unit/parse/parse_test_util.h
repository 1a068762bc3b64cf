/* Helpers for the parser's unit tests: a text CV through the text reader and the parser, and a
 * dotted getter into the result. */
#ifndef PF_TESTS_PARSE_TEST_UTIL_H
#define PF_TESTS_PARSE_TEST_UTIL_H

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "parse/parse.h"

/* The resume parsed from text read as PF_DOC_FORMAT_TEXT (NULL on failure; caller decrefs). */
static inline json_t *pf_test_parse_text(const char *text)
{
    struct pf_document *doc = NULL;
    struct pf_error err = PF_ERROR_INIT;
    json_t *resume = NULL;
    struct pf_parse_options opts = {0};
    opts.no_meta = true;
    if (pf_ingest_as(NULL, PF_DOC_FORMAT_TEXT, pf_str_from_cstr(text), &doc, &err) == PF_OK &&
        pf_parse_document(doc, &opts, &resume, NULL, &err) != PF_OK)
        resume = NULL;
    pf_document_free(doc);
    return resume;
}

/* The string at a dotted path ("work.0.name"; list indexes are single digits), or NULL. */
static inline const char *pf_test_get(const json_t *root, const char *path)
{
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

#endif
