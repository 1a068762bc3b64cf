/* Tests for ingest/ingest.c: the entry points and every limit, with pathological inputs built at
 * test time (zip bombs, billion laughs, deep nesting, a 10 MB line, invalid UTF-8, truncated,
 * image-only and encrypted PDFs), each refused (or handled) quickly with the right status. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/buf.h"
#include "base/clock.h"
#include "harness.h"
#include "ingest/ingest.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

struct entry {
    const char *name;
    const char *data;
    size_t len;
};

static struct pf_ingest_limits defaults(void)
{
    struct pf_ingest_limits limits;
    pf_ingest_limits_default(&limits);
    return limits;
}

/* Writes a ZIP with the entries (deflated) and returns its bytes. */
static void make_zip(const struct entry *entries, size_t count, struct pf_buf *out)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/test.zip", pf_test_tmpdir());
    remove(path);
    int error = 0;
    zip_t *zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    PF_CHECK(zip != NULL);
    for (size_t i = 0; i < count; i++) {
        zip_source_t *src = zip_source_buffer(zip, entries[i].data, entries[i].len, 0);
        zip_int64_t index = zip_file_add(zip, entries[i].name, src, ZIP_FL_OVERWRITE);
        PF_CHECK(index >= 0);
        zip_set_file_compression(zip, (zip_uint64_t)index, ZIP_CM_DEFLATE, 9);
    }
    PF_CHECK(zip_close(zip) == 0);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_buf_read_file(out, path, &err), PF_OK);
}

static void make_docx(const char *document_xml, size_t len, struct pf_buf *out)
{
    struct entry entries[] = {
        {"[Content_Types].xml", "<Types/>", 8},
        {"word/document.xml", document_xml, len},
    };
    make_zip(entries, 2, out);
}

static pf_status ingest(const struct pf_ingest_limits *limits, struct pf_str bytes,
                        struct pf_error *err, struct pf_document **out_doc)
{
    struct pf_document *doc = NULL;
    pf_status st = pf_ingest(limits, bytes, &doc, err);
    if (out_doc)
        *out_doc = doc;
    else
        pf_document_free(doc);
    return st;
}

/* Wall time since start, in seconds of an uninstrumented build: sanitizer builds run several
 * times slower, so their time is scaled down before it is compared with a budget. */
static double seconds_since(int64_t start)
{
    double seconds = (double)(pf_monotonic_ns() - start) / 1e9;
#ifdef PF_DEBUG
    seconds /= 8;
#endif
    return seconds;
}

static void test_ingest_reads_a_small_docx(void)
{
    static const char xml[] = "<w:document " W_NS "><w:body><w:p><w:r><w:t>Hello</w:t></w:r>"
                              "</w:p></w:body></w:document>";
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    make_docx(xml, sizeof(xml) - 1, &bytes);
    PF_CHECK_INT_EQ(pf_ingest_detect(pf_buf_view(&bytes)), PF_DOC_FORMAT_DOCX);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, &doc), PF_OK);
    if (doc)
        PF_CHECK_STR_EQ(pf_document_text(doc).ptr, "Hello");
    pf_document_free(doc);
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_zip_bomb_by_ratio(void)
{
    size_t n = (size_t)40 << 20;
    char *xml = malloc(n);
    static const char head[] = "<w:document " W_NS "><w:body><w:p><w:r><w:t>";
    memcpy(xml, head, sizeof(head) - 1);
    memset(xml + sizeof(head) - 1, 'a', n - sizeof(head) + 1);
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    make_docx(xml, n, &bytes);
    free(xml);
    PF_CHECK(bytes.len < ((size_t)1 << 20)); /* tens of megabytes in well under one */
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    int64_t start = pf_monotonic_ns();
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_zip_ratio");
    PF_CHECK(seconds_since(start) < 2.0);
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_zip_past_inflated_limit(void)
{
    size_t n = (size_t)3 << 20;
    char *xml = malloc(n);
    static const char head[] = "<w:document " W_NS "><w:body><w:p><w:r><w:t>";
    memcpy(xml, head, sizeof(head) - 1);
    uint32_t seed = 12345;
    for (size_t i = sizeof(head) - 1; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        xml[i] = (char)('a' + (seed >> 16) % 26);
    }
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    make_docx(xml, n, &bytes);
    free(xml);
    struct pf_ingest_limits limits = defaults();
    limits.max_zip_inflated = (uint64_t)1 << 20;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_zip_inflated");
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_too_many_zip_entries(void)
{
    static const char xml[] = "<w:document " W_NS "><w:body/></w:document>";
    struct entry entries[60];
    char names[60][32];
    for (size_t i = 0; i < 60; i++) {
        snprintf(names[i], sizeof(names[i]), i == 0 ? "word/document.xml" : "junk/%zu.xml", i);
        entries[i].name = names[i];
        entries[i].data = xml;
        entries[i].len = sizeof(xml) - 1;
    }
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    make_zip(entries, 60, &bytes);
    struct pf_ingest_limits limits = defaults();
    limits.max_zip_entries = 10;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_zip_entries");
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_billion_laughs(void)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
        "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
        "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
        "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
        "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
        "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
        "<w:document " W_NS "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>"
        "</w:document>";
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    make_docx(xml, sizeof(xml) - 1, &bytes);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    int64_t start = pf_monotonic_ns();
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_CORRUPT);
    PF_CHECK_STR_EQ(err.field, "xml_dtd");
    PF_CHECK(seconds_since(start) < 1.0);
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_external_entities(void)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?><!doctype w:document [<!ENTITY xxe SYSTEM "
        "\"file:///etc/passwd\">]><w:document " W_NS "><w:body><w:p><w:r><w:t>&xxe;</w:t>"
        "</w:r></w:p></w:body></w:document>";
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    make_docx(xml, sizeof(xml) - 1, &bytes);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_CORRUPT);
    PF_CHECK_STR_EQ(err.field, "xml_dtd");
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_deeply_nested_xml(void)
{
    struct pf_buf xml = PF_BUF_INIT((size_t)1 << 24);
    pf_buf_puts(&xml, "<w:document " W_NS "><w:body>");
    for (int i = 0; i < 100000; i++)
        pf_buf_puts(&xml, "<w:sdt>");
    for (int i = 0; i < 100000; i++)
        pf_buf_puts(&xml, "</w:sdt>");
    pf_buf_puts(&xml, "</w:body></w:document>");
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    make_docx(xml.ptr, xml.len, &bytes);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    int64_t start = pf_monotonic_ns();
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_xml_depth");
    PF_CHECK(seconds_since(start) < 2.0);
    pf_buf_fini(&xml);
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_deeply_nested_html(void)
{
    struct pf_buf html = PF_BUF_INIT((size_t)1 << 24);
    pf_buf_puts(&html, "<html><body>");
    for (int i = 0; i < 200000; i++)
        pf_buf_puts(&html, "<div>");
    pf_buf_puts(&html, "deep</body></html>");
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    int64_t start = pf_monotonic_ns();
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&html), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_xml_depth");
    PF_CHECK(seconds_since(start) < 2.0);
    pf_buf_fini(&html);
}

static void test_ingest_handles_a_10mb_single_line(void)
{
    size_t n = (size_t)10 << 20;
    char *text = malloc(n);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 8 == 7 ? ' ' : 'x';
    struct pf_ingest_limits limits = defaults();
    limits.max_ms = 600000; /* the text limit must answer, not the clock */
    struct pf_error err = PF_ERROR_INIT;
    int64_t start = pf_monotonic_ns();
    /* Past limit_extracted_text (8 MiB by default): refused, naming the limit. */
    PF_CHECK_STATUS(ingest(&limits, pf_str_make(text, n), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_extracted_text");
    /* With room for it: one block, one line, read in a few seconds even under ASan. */
    limits.max_text_bytes = (size_t)16 << 20;
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(ingest(&limits, pf_str_make(text, n), &err, &doc), PF_OK);
    if (doc) {
        PF_CHECK_INT_EQ(pf_document_line_count(doc), 1);
        PF_CHECK_INT_EQ(pf_document_text(doc).len, n - 1);
    }
    PF_CHECK(seconds_since(start) < 10.0);
    pf_document_free(doc);
    free(text);
}

static void test_ingest_repairs_invalid_utf8(void)
{
    static const char text[] = "Caf\xC3\xA9 \xC3\x28 ok \xED\xA0\x80 \xF8\x88\x80\x80\x80 "
                               "na\xC3\xAFve \xC2\xA0 end";
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(ingest(&limits, pf_str_make(text, sizeof(text) - 1), &err, &doc), PF_OK);
    if (doc) {
        struct pf_str out = pf_document_text(doc);
        PF_CHECK(pf_utf8_valid(out.ptr, out.len));
        PF_CHECK(pf_str_find(out, PF_STR("\xEF\xBF\xBD")) >= 0);
        PF_CHECK(pf_str_find(out, PF_STR("Caf\xC3\xA9")) == 0);
        PF_CHECK_INT_EQ(pf_document_warning_count(doc), 1);
    }
    pf_document_free(doc);
}

static void read_fixture(const char *name, struct pf_buf *out)
{
    char rel[256];
    snprintf(rel, sizeof(rel), "golden/ingest/%s", name);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_buf_read_file(out, pf_test_path(rel), &err), PF_OK);
}

static bool have_pdf(void)
{
    if (pf_ingest_supports(PF_DOC_FORMAT_PDF))
        return true;
    pf_test_skip("built without PF_WITH_PDF");
    return false;
}

static void test_ingest_refuses_truncated_pdf(void)
{
    if (!have_pdf())
        return;
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    read_fixture("pdf_two_column.pdf", &bytes);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_str_make(bytes.ptr, bytes.len / 2), &err, NULL),
                    PF_E_CORRUPT);
    PF_CHECK_STATUS(ingest(&limits, pf_str_make(bytes.ptr, 200), &err, NULL), PF_E_CORRUPT);
    pf_buf_fini(&bytes);
}

/* A one-page PDF whose only content is an image: what a scanner makes. */
static void make_image_pdf(struct pf_buf *out)
{
    const char *objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /XObject << /Im1 5 0 R >> >> >>",
        "<< /Length 35 >>\nstream\nq 612 0 0 792 0 0 cm /Im1 Do Q\n\nendstream",
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        "/BitsPerComponent 8 /Length 4 >>\nstream\n\x10\x80\x80\x10\nendstream",
    };
    size_t offsets[5];
    pf_buf_puts(out, "%PDF-1.4\n");
    for (size_t i = 0; i < 5; i++) {
        offsets[i] = out->len;
        pf_buf_printf(out, "%zu 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
    size_t xref = out->len;
    pf_buf_puts(out, "xref\n0 6\n0000000000 65535 f \n");
    for (size_t i = 0; i < 5; i++)
        pf_buf_printf(out, "%010zu 00000 n \n", offsets[i]);
    pf_buf_printf(out, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

static void test_ingest_refuses_image_only_pdf(void)
{
    if (!have_pdf())
        return;
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 20);
    make_image_pdf(&bytes);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_NO_TEXT);
    PF_CHECK_STR_EQ(err.field, "no_text_layer");
    PF_CHECK(strstr(err.message, "no_text_layer") != NULL);
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_encrypted_pdf(void)
{
    if (!have_pdf())
        return;
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    read_fixture("pdf_encrypted.pdf", &bytes);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_ENCRYPTED);
    pf_buf_fini(&bytes);
}

static void test_ingest_stops_at_the_work_budget(void)
{
    if (!have_pdf())
        return;
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    read_fixture("pdf_sidebar.pdf", &bytes);
    struct pf_ingest_limits limits = defaults();
    limits.max_ms = 1;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_TIMEOUT);
    PF_CHECK_STR_EQ(err.field, "limit_document_ms");
    pf_buf_fini(&bytes);
}

static void test_ingest_reads_only_limit_pages(void)
{
    if (!have_pdf())
        return;
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    read_fixture("pdf_sidebar.pdf", &bytes);
    struct pf_ingest_limits limits = defaults();
    limits.max_pages = 1;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, &doc), PF_OK);
    if (doc) {
        PF_CHECK_INT_EQ(pf_document_page_count(doc), 1);
        PF_CHECK_STR_EQ(pf_document_warning(doc, 0), "limit_pages");
    }
    pf_document_free(doc);
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_pdf_past_memory_budget(void)
{
    if (!have_pdf())
        return;
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    read_fixture("pdf_sidebar.pdf", &bytes);
    struct pf_ingest_limits limits = defaults();
    limits.max_memory = (size_t)512 << 10; /* past context creation, short of a page */
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_document_memory");
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_pdf_drawing_more_text_than_allowed(void)
{
    if (!have_pdf())
        return;
    struct pf_buf bytes = PF_BUF_INIT((size_t)1 << 24);
    read_fixture("pdf_sidebar.pdf", &bytes);
    struct pf_ingest_limits limits = defaults();
    limits.max_text_bytes = 1000;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_extracted_text");
    pf_buf_fini(&bytes);
}

static void test_ingest_refuses_upload_past_limit(void)
{
    struct pf_ingest_limits limits = defaults();
    limits.max_bytes = 4;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(ingest(&limits, PF_STR("hello"), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_upload_bytes");
}

static void test_ingest_refuses_unknown_and_empty_input(void)
{
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    PF_CHECK_STATUS(ingest(&limits, pf_str_make(png, sizeof(png) - 1), &err, NULL), PF_E_FORMAT);
    PF_CHECK_STATUS(ingest(&limits, PF_STR(""), &err, NULL), PF_E_EMPTY);
    PF_CHECK_STATUS(ingest(&limits, PF_STR(" \n\t\r\n  \xC2\xA0\n"), &err, NULL), PF_E_EMPTY);
    PF_CHECK_STATUS(
        ingest(&limits, PF_STR("<html><body><script>x()</script></body></html>"), &err, NULL),
        PF_E_EMPTY);
    /* A legacy .doc (OLE container without an encrypted package). */
    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    PF_CHECK_STATUS(ingest(&limits, pf_str_make(ole, sizeof(ole) - 1), &err, NULL), PF_E_FORMAT);
}

static void test_ingest_refuses_encrypted_docx(void)
{
    struct pf_buf bytes = PF_BUF_INIT(4096);
    pf_buf_append(&bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    for (int i = 0; i < 100; i++)
        pf_buf_putc(&bytes, '\0');
    pf_buf_append(&bytes, "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_INT_EQ(pf_ingest_detect(pf_buf_view(&bytes)), PF_DOC_FORMAT_DOCX);
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&bytes), &err, NULL), PF_E_ENCRYPTED);
    pf_buf_fini(&bytes);
}

static void test_ingest_checks_json_resume_shape_and_depth(void)
{
    struct pf_ingest_limits limits = defaults();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(
        ingest(&limits, PF_STR("{\"basics\": {\"name\": \"A\"}, \"work\": []}"), &err, &doc),
        PF_OK);
    if (doc) {
        PF_CHECK(pf_document_resume(doc) != NULL);
        PF_CHECK_INT_EQ(pf_document_format(doc), PF_DOC_FORMAT_JSON_RESUME);
    }
    pf_document_free(doc);
    PF_CHECK_STATUS(ingest(&limits, PF_STR("{\"basics\": \"nope\"}"), &err, NULL), PF_E_INVALID);
    PF_CHECK_STR_EQ(err.field, "basics");
    PF_CHECK_STATUS(pf_ingest_as(&limits, PF_DOC_FORMAT_JSON_RESUME, PF_STR("[1, 2]"), &doc, &err),
                    PF_E_INVALID);
    struct pf_buf deep = PF_BUF_INIT(1 << 20);
    pf_buf_puts(&deep, "{\"work\": ");
    for (int i = 0; i < 5000; i++)
        pf_buf_putc(&deep, '[');
    for (int i = 0; i < 5000; i++)
        pf_buf_putc(&deep, ']');
    pf_buf_putc(&deep, '}');
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&deep), &err, NULL), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_json_depth");
    pf_buf_fini(&deep);
}

static void test_ingest_reads_100k_bullet_lines_quickly(void)
{
    struct pf_buf md = PF_BUF_INIT((size_t)1 << 24);
    pf_buf_puts(&md, "# Skills\n\n");
    for (int i = 0; i < 100000; i++)
        pf_buf_printf(&md, "- skill number %d\n", i);
    struct pf_ingest_limits limits = defaults();
    limits.max_ms = 600000;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    int64_t start = pf_monotonic_ns();
    PF_CHECK_STATUS(ingest(&limits, pf_buf_view(&md), &err, &doc), PF_OK);
    PF_CHECK(seconds_since(start) < 5.0);
    if (doc)
        PF_CHECK_INT_EQ(pf_document_block_count(doc), 100001);
    pf_document_free(doc);
    pf_buf_fini(&md);
}

struct worker {
    struct pf_buf bytes;
    char text[64]; /* the first bytes of the first run's text */
    bool same;     /* every run gave the same text */
};

static void *ingest_repeatedly(void *arg)
{
    struct worker *w = arg;
    struct pf_ingest_limits limits = defaults();
    limits.max_ms = 600000;
    w->same = true;
    for (int i = 0; i < 5; i++) {
        struct pf_document *doc = NULL;
        struct pf_error err = PF_ERROR_INIT;
        if (pf_ingest(&limits, pf_buf_view(&w->bytes), &doc, &err) != PF_OK) {
            w->same = false;
            continue;
        }
        struct pf_str text = pf_str_slice(pf_document_text(doc), 0, sizeof(w->text) - 1);
        if (i == 0) {
            memcpy(w->text, text.ptr, text.len);
            w->text[text.len] = '\0';
        } else if (!pf_str_eq_cstr(text, w->text)) {
            w->same = false;
        }
        pf_document_free(doc);
    }
    return NULL;
}

/* Workers and the HTTP layer ingest concurrently: every call owns its parser state. */
static void test_ingest_is_reentrant_across_threads(void)
{
    const char *files[] = {"pdf_sidebar.pdf", "pdf_label_grid.pdf", "docx_cv.docx",
                           "odt_cv.odt",      "html_cv.html",       "rtf_cv.rtf"};
    struct worker workers[PF_ARRAY_LEN(files)];
    pthread_t threads[PF_ARRAY_LEN(files)];
    size_t count = 0;
    for (size_t i = 0; i < PF_ARRAY_LEN(files); i++) {
        if (strstr(files[i], ".pdf") && !pf_ingest_supports(PF_DOC_FORMAT_PDF))
            continue;
        pf_buf_init(&workers[count].bytes, (size_t)1 << 24);
        read_fixture(files[i], &workers[count].bytes);
        count++;
    }
    for (size_t i = 0; i < count; i++)
        PF_CHECK(pthread_create(&threads[i], NULL, ingest_repeatedly, &workers[i]) == 0);
    for (size_t i = 0; i < count; i++) {
        pthread_join(threads[i], NULL);
        PF_CHECK(workers[i].same);
        PF_CHECK(workers[i].text[0] != '\0');
        pf_buf_fini(&workers[i].bytes);
    }
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_ingest_reads_a_small_docx),
        PF_CASE(test_ingest_refuses_zip_bomb_by_ratio),
        PF_CASE(test_ingest_refuses_zip_past_inflated_limit),
        PF_CASE(test_ingest_refuses_too_many_zip_entries),
        PF_CASE(test_ingest_refuses_billion_laughs),
        PF_CASE(test_ingest_refuses_external_entities),
        PF_CASE(test_ingest_refuses_deeply_nested_xml),
        PF_CASE(test_ingest_refuses_deeply_nested_html),
        PF_CASE(test_ingest_handles_a_10mb_single_line),
        PF_CASE(test_ingest_repairs_invalid_utf8),
        PF_CASE(test_ingest_refuses_truncated_pdf),
        PF_CASE(test_ingest_refuses_image_only_pdf),
        PF_CASE(test_ingest_refuses_encrypted_pdf),
        PF_CASE(test_ingest_stops_at_the_work_budget),
        PF_CASE(test_ingest_reads_only_limit_pages),
        PF_CASE(test_ingest_refuses_pdf_past_memory_budget),
        PF_CASE(test_ingest_refuses_pdf_drawing_more_text_than_allowed),
        PF_CASE(test_ingest_refuses_upload_past_limit),
        PF_CASE(test_ingest_refuses_unknown_and_empty_input),
        PF_CASE(test_ingest_refuses_encrypted_docx),
        PF_CASE(test_ingest_checks_json_resume_shape_and_depth),
        PF_CASE(test_ingest_reads_100k_bullet_lines_quickly),
        PF_CASE(test_ingest_is_reentrant_across_threads),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
