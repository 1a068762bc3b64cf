/* Tests for ingest/ingest_builder.c: raw_text layout, offsets, span tiling, normalisation and
 * the text budget. */
#include <string.h>

#include "harness.h"
#include "ingest/ingest_int.h"

static struct pf_ingest_limits limits(void)
{
    struct pf_ingest_limits l;
    pf_ingest_limits_default(&l);
    return l;
}

static void put(struct pf_doc_builder *b, const char *text, uint32_t flags)
{
    struct pf_span_style style = PF_SPAN_STYLE_INIT;
    style.flags = flags;
    pf_builder_text(b, pf_str_from_cstr(text), &style, PF_TEXT_LINES);
}

static void test_builder_joins_lines_and_blocks(void)
{
    struct pf_ingest_limits l = limits();
    struct pf_doc_builder b;
    struct pf_error err = PF_ERROR_INIT;
    pf_builder_init(&b, PF_DOC_FORMAT_TEXT, &l, 0, &err);
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    attrs.kind = PF_BLOCK_HEADING;
    attrs.level = 1;
    pf_builder_block_begin(&b, &attrs);
    put(&b, "  Work  ", PF_SPAN_BOLD);
    pf_builder_block_end(&b);
    struct pf_block_attrs para = PF_BLOCK_ATTRS_INIT;
    pf_builder_block_begin(&b, &para);
    put(&b, "Acme ", 0);
    put(&b, "Corp", PF_SPAN_ITALIC);
    pf_builder_line_break(&b);
    put(&b, "2019\t\t- 2021", 0);
    pf_builder_block_end(&b);
    pf_builder_block_begin(&b, &para); /* empty: dropped */
    pf_builder_block_end(&b);
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(pf_builder_finish(&b, &doc), PF_OK);
    pf_builder_fini(&b);
    PF_CHECK_STR_EQ(pf_document_text(doc).ptr, "Work\n\nAcme Corp\n2019\t- 2021");
    PF_CHECK_INT_EQ(pf_document_block_count(doc), 2);
    PF_CHECK_INT_EQ(pf_document_line_count(doc), 3);
    const struct pf_doc_block *heading = pf_document_block(doc, 0);
    PF_CHECK_INT_EQ(heading->kind, PF_BLOCK_HEADING);
    PF_CHECK_INT_EQ(heading->level, 1);
    const struct pf_doc_block *body = pf_document_block(doc, 1);
    PF_CHECK_INT_EQ(body->offset, 6);
    PF_CHECK_INT_EQ(body->line_count, 2);
    /* The spans of a line tile its text; the separator belongs to the following span. */
    const struct pf_doc_line *line = pf_document_line(doc, 1);
    PF_CHECK_INT_EQ(line->span_count, 2);
    struct pf_str first = pf_document_span_text(doc, pf_document_span(doc, line->first_span));
    struct pf_str second = pf_document_span_text(doc, pf_document_span(doc, line->first_span + 1));
    PF_CHECK(pf_str_eq_cstr(first, "Acme"));
    PF_CHECK(pf_str_eq_cstr(second, " Corp"));
    PF_CHECK(pf_document_span(doc, line->first_span + 1)->flags == PF_SPAN_ITALIC);
    PF_CHECK_INT_EQ(pf_document_line_at(doc, 7), 1);
    PF_CHECK_INT_EQ(pf_document_block_at(doc, 2), 0);
    PF_CHECK_INT_EQ(pf_document_block_at(doc, 5), 1); /* between blocks: the next one */
    pf_document_free(doc);
}

static void test_builder_normalises_odd_characters(void)
{
    struct pf_ingest_limits l = limits();
    struct pf_doc_builder b;
    pf_builder_init(&b, PF_DOC_FORMAT_TEXT, &l, 0, NULL);
    /* NBSP, soft hyphen, U+2010, the fi ligature, a private-use icon, a zero-width space and
     * invalid UTF-8. */
    put(&b,
        "\xEF\x80\x80 Phone:\xC2\xA0"
        "555\xE2\x80\x90"
        "1234 of\xEF\xAC\x81"
        "ce "
        "Pied\xC2\xADPiper\xE2\x80\x8B \xFF!",
        0);
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(pf_builder_finish(&b, &doc), PF_OK);
    pf_builder_fini(&b);
    PF_CHECK_STR_EQ(pf_document_text(doc).ptr, "Phone: 555-1234 office PiedPiper \xEF\xBF\xBD!");
    PF_CHECK_INT_EQ(pf_document_warning_count(doc), 1);
    PF_CHECK_STR_EQ(pf_document_warning(doc, 0), "invalid_utf8");
    pf_document_free(doc);
}

static void test_builder_without_text_is_empty(void)
{
    struct pf_ingest_limits l = limits();
    struct pf_doc_builder b;
    struct pf_error err = PF_ERROR_INIT;
    pf_builder_init(&b, PF_DOC_FORMAT_TEXT, &l, 0, &err);
    put(&b, " \t \xC2\xA0\n", 0);
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(pf_builder_finish(&b, &doc), PF_E_EMPTY);
    PF_CHECK(doc == NULL);
    pf_builder_fini(&b);
}

static void test_builder_refuses_text_past_limit(void)
{
    struct pf_ingest_limits l = limits();
    l.max_text_bytes = 4096;
    struct pf_doc_builder b;
    struct pf_error err = PF_ERROR_INIT;
    pf_builder_init(&b, PF_DOC_FORMAT_TEXT, &l, 0, &err);
    for (int i = 0; i < 1000; i++)
        put(&b, "word ", 0);
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(pf_builder_finish(&b, &doc), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_extracted_text");
    pf_builder_fini(&b);
}

static void test_builder_dates_are_normalised(void)
{
    struct pf_ingest_limits l = limits();
    struct pf_doc_builder b;
    pf_builder_init(&b, PF_DOC_FORMAT_PDF, &l, 0, NULL);
    pf_builder_meta_date(&b, "created", PF_STR("D:20230215093000+01'00'"));
    pf_builder_meta_date(&b, "modified", PF_STR("2024-01-02T03:04:05Z"));
    pf_builder_meta(&b, "title", PF_STR("  Jane\n Doe  CV "));
    put(&b, "x", 0);
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(pf_builder_finish(&b, &doc), PF_OK);
    pf_builder_fini(&b);
    const struct pf_doc_meta *meta = pf_document_meta(doc);
    PF_CHECK_STR_EQ(meta->created, "2023-02-15T08:30:00.000Z");
    PF_CHECK(meta->has_created);
    PF_CHECK_STR_EQ(meta->modified, "2024-01-02T03:04:05.000Z");
    PF_CHECK_STR_EQ(meta->title, "Jane Doe CV");
    pf_document_free(doc);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_builder_joins_lines_and_blocks),
        PF_CASE(test_builder_normalises_odd_characters),
        PF_CASE(test_builder_without_text_is_empty),
        PF_CASE(test_builder_refuses_text_past_limit),
        PF_CASE(test_builder_dates_are_normalised),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
