/* Tests for ingest/ingest_detect.c: formats are told apart by content alone. */
#include <string.h>

#include "harness.h"
#include "ingest/ingest_int.h"

static enum pf_doc_format detect(const char *bytes, size_t len)
{
    return pf_ingest_detect(pf_str_make(bytes, len));
}

#define DETECT(lit) detect((lit), sizeof(lit) - 1)

static void test_detect_pdf_by_header_even_after_junk(void)
{
    PF_CHECK_INT_EQ(DETECT("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), PF_DOC_FORMAT_PDF);
    PF_CHECK_INT_EQ(DETECT("\r\n\r\ngarbage before %PDF-1.4\n"), PF_DOC_FORMAT_PDF);
}

static void test_detect_text_like_formats(void)
{
    PF_CHECK_INT_EQ(DETECT("{\\rtf1\\ansi hello}"), PF_DOC_FORMAT_RTF);
    PF_CHECK_INT_EQ(DETECT("  {\"basics\": {\"name\": \"A\"}}"), PF_DOC_FORMAT_JSON_RESUME);
    PF_CHECK_INT_EQ(DETECT("<!doctype html><p>hi</p>"), PF_DOC_FORMAT_HTML);
    PF_CHECK_INT_EQ(DETECT("<div class=x>hi</div>"), PF_DOC_FORMAT_HTML);
    PF_CHECK_INT_EQ(DETECT("# Jane\n\n- item\n- [site](https://x)\n"), PF_DOC_FORMAT_MARKDOWN);
    PF_CHECK_INT_EQ(DETECT("Jane Doe\nEngineer\n- item\n"), PF_DOC_FORMAT_TEXT);
    PF_CHECK_INT_EQ(DETECT("Caf\xE9 na\xEFve\n"), PF_DOC_FORMAT_TEXT); /* Windows-1252 */
    PF_CHECK_INT_EQ(DETECT("\xFF\xFE<\0h\0t\0m\0l\0>\0h\0i\0"), PF_DOC_FORMAT_HTML);
    PF_CHECK_INT_EQ(DETECT("J\0a\0n\0e\0 \0D\0o\0e\0\n\0"), PF_DOC_FORMAT_TEXT);
}

static void test_detect_refuses_binary_and_other_archives(void)
{
    PF_CHECK_INT_EQ(DETECT("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), PF_DOC_FORMAT_UNKNOWN);
    PF_CHECK_INT_EQ(DETECT("\xFF\xD8\xFF\xE0\0\x10JFIF\0"), PF_DOC_FORMAT_UNKNOWN);
    PF_CHECK_INT_EQ(DETECT("PK\x03\x04 not really a zip"), PF_DOC_FORMAT_UNKNOWN);
    PF_CHECK_INT_EQ(DETECT(""), PF_DOC_FORMAT_UNKNOWN);
}

static void test_detect_ignores_file_names_and_extensions(void)
{
    /* Text that merely mentions other formats stays text. */
    PF_CHECK_INT_EQ(DETECT("My CV (cv.pdf, cv.docx) as plain text\n"), PF_DOC_FORMAT_TEXT);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_detect_pdf_by_header_even_after_junk),
        PF_CASE(test_detect_text_like_formats),
        PF_CASE(test_detect_refuses_binary_and_other_archives),
        PF_CASE(test_detect_ignores_file_names_and_extensions),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
