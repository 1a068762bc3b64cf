/* Tests for render/render_docx.c: the package parts, well-formed XML, styles, real numbering
 * and hyperlink relationships. (tests/golden/render opens DOCX files in LibreOffice.) */
#include <libxml/parser.h>
#include <string.h>
#include <zip.h>

#include "harness.h"
#include "render_test_util.h"

/* The named part of the DOCX in buf (heap, NUL-terminated), or NULL. */
static char *part(const struct pf_buf *docx, const char *name)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(docx->ptr, docx->len, 0, &zerr);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    char *text = NULL;
    zip_stat_t stat;
    if (za && zip_stat(za, name, 0, &stat) == 0) {
        zip_file_t *file = zip_fopen(za, name, 0);
        text = calloc(1, stat.size + 1);
        if (zip_fread(file, text, stat.size) != (zip_int64_t)stat.size) {
            free(text);
            text = NULL;
        }
        zip_fclose(file);
    }
    if (za)
        zip_discard(za);
    else
        zip_source_free(src);
    zip_error_fini(&zerr);
    return text;
}

static bool well_formed(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "part.xml", NULL, XML_PARSE_NONET);
    bool ok = doc != NULL;
    xmlFreeDoc(doc);
    return ok;
}

static void test_docx_package_is_complete_and_well_formed(void)
{
    struct rt_env env;
    rt_setup(&env, NULL,
             "# Ada & \\<Co\\>\n\n## Work\n\n- **bold** item\n  - nested\n\n3. three\n4. four\n\n"
             "[site](<https://x.org/?a=1&b=2>) [bad](javascript:x)\n\n`code`\n");
    struct pf_buf out = PF_BUF_INIT(8 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_docx(&env.ctx, &env.doc, &out, &err), PF_OK);
    static const char *const parts[] = {
        "[Content_Types].xml", "_rels/.rels",        "word/document.xml",
        "word/styles.xml",     "word/numbering.xml", "word/_rels/document.xml.rels",
        "word/settings.xml",   "docProps/core.xml",  "docProps/app.xml",
    };
    for (size_t i = 0; i < PF_ARRAY_LEN(parts); i++) {
        char *xml = part(&out, parts[i]);
        PF_CHECK(xml != NULL);
        if (xml && !well_formed(xml))
            pf_test_fail(__FILE__, __LINE__, "%s is not well-formed XML", parts[i]);
        free(xml);
    }
    char *doc = part(&out, "word/document.xml");
    char *rels = part(&out, "word/_rels/document.xml.rels");
    char *numbering = part(&out, "word/numbering.xml");
    char *core = part(&out, "docProps/core.xml");
    PF_CHECK(doc && strstr(doc, "<w:pStyle w:val=\"Heading1\"/>"));
    PF_CHECK(doc && strstr(doc, "Ada &amp; &lt;Co&gt;"));
    PF_CHECK(doc && strstr(doc, "<w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/>"));
    PF_CHECK(doc && strstr(doc, "<w:numId w:val=\"2\"/>"));
    PF_CHECK(doc && strstr(doc, "<w:b/>"));
    PF_CHECK(doc && strstr(doc, "<w:hyperlink r:id=\"rId10\""));
    PF_CHECK(doc && !strstr(doc, "javascript"));
    PF_CHECK(rels && strstr(rels, "Target=\"https://x.org/?a=1&amp;b=2\" TargetMode=\"External\""));
    PF_CHECK(numbering && strstr(numbering, "<w:startOverride w:val=\"3\"/>"));
    PF_CHECK(core && strstr(core, "<dc:title>Test Title</dc:title>"));
    free(doc);
    free(rels);
    free(numbering);
    free(core);
    pf_buf_fini(&out);
    rt_teardown(&env);
}

static void test_docx_bytes_are_reproducible(void)
{
    struct rt_env env;
    rt_setup(&env, NULL, "# Same\n\ntext\n");
    struct pf_buf a = PF_BUF_INIT(1 << 20);
    struct pf_buf b = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_docx(&env.ctx, &env.doc, &a, &err), PF_OK);
    PF_CHECK_STATUS(pf_render_docx(&env.ctx, &env.doc, &b, &err), PF_OK);
    PF_CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
    pf_buf_fini(&a);
    pf_buf_fini(&b);
    rt_teardown(&env);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_docx_package_is_complete_and_well_formed),
        PF_CASE(test_docx_bytes_are_reproducible),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
