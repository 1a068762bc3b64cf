/* Format detection by content: magic bytes first, then the structure of text-like files. The
 * file name is never consulted. */
#include <string.h>

#include "base/json.h"
#include "ingest/ingest_int.h"
#include "ingest/ingest_zip.h"

#define SNIFF_BYTES 4096

static struct pf_str head(struct pf_str bytes, size_t max)
{
    return pf_str_slice(bytes, 0, max);
}

static bool ci_contains(struct pf_str hay, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= hay.len; i++)
        if (pf_str_case_eq_cstr(pf_str_slice(hay, i, n), needle))
            return true;
    return false;
}

bool pf_detect_is_pdf(struct pf_str bytes)
{
    /* Readers accept leading junk before the header; 1 KiB is what Acrobat tolerates. */
    return pf_str_find(head(bytes, 1024), PF_STR("%PDF-")) >= 0;
}

bool pf_detect_looks_html(struct pf_str text)
{
    struct pf_str t = head(pf_str_trim(text), SNIFF_BYTES);
    if (t.len == 0 || t.ptr[0] != '<')
        return false;
    static const char *const markers[] = {
        "<!doctype html", "<html", "<head", "<body",    "<meta ",   "<title>",
        "<div",           "<p>",   "<p ",   "<h1",      "<h2",      "<ul>",
        "<table",         "<span", "<br",   "<section", "<article", "<header"};
    for (size_t i = 0; i < PF_ARRAY_LEN(markers); i++)
        if (ci_contains(t, markers[i]))
            return true;
    return false;
}

static bool all_of(struct pf_str text, char ch)
{
    for (size_t i = 0; i < text.len; i++)
        if (text.ptr[i] != ch)
            return false;
    return text.len > 0;
}

bool pf_detect_looks_markdown(struct pf_str text)
{
    struct pf_cur cur = pf_cur_of(head(text, 64 * 1024));
    struct pf_str line;
    int strong = 0;
    int weak = 0;
    struct pf_str previous = PF_STR_NULL;
    while (pf_cur_take_line(&cur, &line)) {
        struct pf_str t = pf_str_trim(line);
        if (t.len >= 2 && t.ptr[0] == '#') {
            size_t hashes = 0;
            while (hashes < t.len && t.ptr[hashes] == '#')
                hashes++;
            if (hashes <= 6 && hashes < t.len && t.ptr[hashes] == ' ')
                strong++;
        }
        if (t.len >= 3 && previous.len > 0 && (all_of(t, '=') || all_of(t, '-')))
            strong++;
        if (pf_str_starts_with(t, PF_STR("```")))
            strong++;
        if (pf_str_find(t, PF_STR("](")) > 0 && pf_str_find_char(t, '[') >= 0)
            strong++;
        if (pf_str_find(t, PF_STR("**")) >= 0)
            weak++;
        if (pf_str_starts_with(t, PF_STR("- ")) || pf_str_starts_with(t, PF_STR("* ")))
            weak++;
        previous = t;
    }
    return strong >= 1 && strong + weak >= 2;
}

bool pf_detect_looks_json_resume(struct pf_str bytes)
{
    struct pf_str t = pf_str_trim(bytes);
    if (pf_str_starts_with(t, PF_STR("\xEF\xBB\xBF")))
        t = pf_str_trim(pf_str_slice(t, 3, t.len));
    if (t.len < 2 || t.ptr[0] != '{' || t.ptr[t.len - 1] != '}')
        return false;
    /* A cheap look at the keys: the reader validates the whole shape. */
    static const char *const keys[] = {"\"basics\"", "\"work\"",    "\"education\"",
                                       "\"skills\"", "\"$schema\"", "\"meta\""};
    for (size_t i = 0; i < PF_ARRAY_LEN(keys); i++)
        if (pf_str_find(t, pf_str_from_cstr(keys[i])) >= 0)
            return true;
    return false;
}

/* Text that decodes cleanly: few control characters in the first bytes. */
static bool looks_text(struct pf_str bytes)
{
    struct pf_str h = head(bytes, SNIFF_BYTES);
    size_t controls = 0;
    for (size_t i = 0; i < h.len; i++) {
        unsigned char ch = (unsigned char)h.ptr[i];
        if ((ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f') || ch == 0x7F)
            controls++;
    }
    return controls * 100 <= h.len;
}

static bool is_utf16(struct pf_str bytes)
{
    const unsigned char *u = (const unsigned char *)bytes.ptr;
    if (bytes.len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return true;
    /* Without a BOM: every other byte zero. */
    size_t n = bytes.len < 512 ? bytes.len : 512;
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++)
        zeros += u[i] == 0;
    return n >= 8 && zeros * 10 >= n * 4 && zeros * 10 <= n * 6;
}

static enum pf_doc_format classify_text(struct pf_str text)
{
    struct pf_str t = pf_str_trim(text);
    if (pf_str_starts_with(t, PF_STR("\xEF\xBB\xBF")))
        t = pf_str_trim(pf_str_slice(t, 3, t.len));
    if (pf_str_starts_with(t, PF_STR("{\\rtf")))
        return PF_DOC_FORMAT_RTF;
    if (pf_detect_looks_json_resume(t))
        return PF_DOC_FORMAT_JSON_RESUME;
    if (pf_detect_looks_html(t))
        return PF_DOC_FORMAT_HTML;
    if (pf_detect_looks_markdown(t))
        return PF_DOC_FORMAT_MARKDOWN;
    return PF_DOC_FORMAT_TEXT;
}

enum pf_doc_format pf_ingest_detect(struct pf_str bytes)
{
    if (bytes.len == 0)
        return PF_DOC_FORMAT_UNKNOWN;
    if (pf_detect_is_pdf(bytes))
        return PF_DOC_FORMAT_PDF;
    if (bytes.len >= 4 && memcmp(bytes.ptr, "PK\x03\x04", 4) == 0)
        return pf_zip_detect(bytes);
    /* An OLE compound file: a password-protected OOXML document is one (its package sits in an
     * "EncryptedPackage" stream, named in UTF-16); so is a legacy .doc, which we do not read. */
    if (bytes.len >= 8 && memcmp(bytes.ptr, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";
        if (pf_str_find(bytes, pf_str_make(name, sizeof(name) - 1)) >= 0)
            return PF_DOC_FORMAT_DOCX;
        return PF_DOC_FORMAT_UNKNOWN;
    }
    if (is_utf16(bytes)) {
        struct pf_buf decoded = PF_BUF_INIT(SNIFF_BYTES * 4);
        pf_decode_text(head(bytes, SNIFF_BYTES * 2), &decoded, NULL, NULL);
        enum pf_doc_format format = classify_text(pf_buf_view(&decoded));
        pf_buf_fini(&decoded);
        /* JSON must be UTF-8 (RFC 8259): UTF-16 JSON is read as text. */
        return format == PF_DOC_FORMAT_JSON_RESUME ? PF_DOC_FORMAT_TEXT : format;
    }
    if (!looks_text(bytes))
        return PF_DOC_FORMAT_UNKNOWN;
    return classify_text(bytes);
}
