/* Fuzz target: Markdown through every writer. The first byte picks the format (HTML, PDF, DOCX,
 * text) and the layout (one or two columns, A4 or Letter); the rest is the Markdown. */
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/clock.h"
#include "render/render_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* PDFs are slow to make: keep inputs to a size a CV could have. */
    if (size < 1 || size > 32 * 1024)
        return 0;
    uint8_t mode = data[0];
    struct pf_str markdown = pf_str_make((const char *)data + 1, size - 1);
    static const char *const configs[] = {
        "{}",
        "{\"columns\": 2, \"page\": \"Letter\"}",
        "{\"columns\": 2, \"sidebar\": {\"side\": \"right\"}, \"h2_uppercase\": false}",
        "{\"margins_mm\": 5, \"sizes\": {\"body\": 30}, \"line_height\": 0.8}",
    };
    json_t *config = json_loads(configs[(mode >> 2) % 4], 0, NULL);
    struct pf_render_style style;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_render_style_parse(config, &style, &err) != PF_OK)
        abort();
    json_decref(config);
    struct pf_arena *arena = pf_arena_new();
    struct pf_render_ctx ctx = {
        .style = &style,
        .title = "Fuzz",
        .author = "Fuzz",
        .deadline_ns = pf_monotonic_ns() + (int64_t)5 * 1000000000,
        .max_pages = 20,
        .arena = arena,
    };
    struct pf_buf out = PF_BUF_INIT(8 << 20);
    struct pf_doc doc;
    pf_status st = PF_OK;
    if (mode % 4 == 0)
        st = pf_render_html(&ctx, markdown, &out, &err);
    else
        st = pf_doc_parse(arena, markdown, &doc, &err);
    if (st == PF_OK && mode % 4 == 1)
        st = pf_render_pdf(&ctx, &doc, &out, &err);
    else if (st == PF_OK && mode % 4 == 2)
        st = pf_render_docx(&ctx, &doc, &out, &err);
    else if (st == PF_OK && mode % 4 == 3)
        st = pf_render_txt(&ctx, &doc, &out, &err);
    (void)st; /* limits and refusals are fine; crashes and leaks are what the fuzzer hunts */
    pf_buf_fini(&out);
    pf_arena_free(arena);
    return 0;
}
