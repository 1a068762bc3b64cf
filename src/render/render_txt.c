/* Plain-text writer: the document model as ATS-friendly text (no wrapping, no decoration an
 * applicant-tracking parser could misread, link targets spelled out). */
#include <string.h>

#include "render/render_escape.h"
#include "render/render_int.h"

/* The link target as shown after its text, or an empty view when the text already says it. */
static struct pf_str shown_target(const struct pf_doc_span *span)
{
    struct pf_str href = pf_str_from_cstr(span->href);
    struct pf_str text = pf_str_trim(pf_str_make(span->text, span->len));
    struct pf_str bare = href;
    static const char *const prefixes[] = {"mailto:", "tel:", "https://", "http://"};
    for (size_t i = 0; i < PF_ARRAY_LEN(prefixes); i++) {
        struct pf_str prefix = pf_str_from_cstr(prefixes[i]);
        if (pf_str_starts_with(bare, prefix)) {
            bare = pf_str_slice(bare, prefix.len, SIZE_MAX);
            break;
        }
    }
    if (bare.len && bare.ptr[bare.len - 1] == '/')
        bare.len--;
    struct pf_str text_bare = text;
    if (text_bare.len && text_bare.ptr[text_bare.len - 1] == '/')
        text_bare.len--;
    if (pf_str_eq(text, href) || pf_str_eq(text_bare, bare) || pf_str_ends_with(text_bare, bare))
        return PF_STR_NULL;
    return href;
}

static void write_spans(struct pf_buf *out, const struct pf_doc_block *block, size_t indent)
{
    for (size_t i = 0; i < block->span_count; i++) {
        const struct pf_doc_span *span = &block->spans[i];
        for (size_t k = 0; k < span->len; k++) {
            pf_buf_putc(out, span->text[k]);
            if (span->text[k] == '\n')
                for (size_t s = 0; s < indent; s++)
                    pf_buf_putc(out, ' ');
        }
        bool link_ends =
            span->href && (i + 1 == block->span_count || block->spans[i + 1].href != span->href);
        if (link_ends) {
            /* Only targets a reader could follow are spelled out (no javascript: and such). */
            struct pf_str target = shown_target(span);
            struct pf_buf url = PF_BUF_INIT(8192);
            if (target.len && pf_escape_url(&url, target) && pf_buf_status(&url) == PF_OK) {
                pf_buf_puts(out, " (");
                pf_buf_append_str(out, pf_buf_view(&url));
                pf_buf_putc(out, ')');
            }
            pf_buf_fini(&url);
        }
    }
}

static size_t utf8_chars(const char *text)
{
    size_t n = 0;
    for (; *text; text++)
        if (((unsigned char)*text & 0xC0) != 0x80)
            n++;
    return n;
}

pf_status pf_render_txt(const struct pf_render_ctx *ctx, const struct pf_doc *doc,
                        struct pf_buf *out, struct pf_error *err)
{
    (void)err;
    const struct pf_doc_block *prev = NULL;
    for (size_t i = 0; i < doc->count; i++) {
        const struct pf_doc_block *block = &doc->blocks[i];
        if (block->type == PF_DOC_PAGEBREAK || block->type == PF_DOC_RULE)
            continue;
        /* Items of one tight list, nested lists included, follow each other directly. */
        bool same_tight_list = prev && prev->type == PF_DOC_ITEM && block->type == PF_DOC_ITEM &&
                               block->tight && prev->tight && block->root_list == prev->root_list;
        if (prev && !same_tight_list)
            pf_buf_putc(out, '\n');
        size_t indent = block->type == PF_DOC_ITEM ? 2 * (size_t)(block->level - 1) : 0;
        switch ((enum pf_doc_block_type)block->type) {
        case PF_DOC_HEADING: {
            write_spans(out, block, 0);
            pf_buf_putc(out, '\n');
            if (block->level <= 2) {
                size_t n = utf8_chars(pf_doc_block_text(ctx->arena, block));
                for (size_t k = 0; k < n; k++)
                    pf_buf_putc(out, block->level == 1 ? '=' : '-');
                pf_buf_putc(out, '\n');
            }
            break;
        }
        case PF_DOC_PARAGRAPH:
            write_spans(out, block, 0);
            pf_buf_putc(out, '\n');
            break;
        case PF_DOC_ITEM: {
            for (size_t k = 0; k < indent; k++)
                pf_buf_putc(out, ' ');
            if (block->marker && block->ordinal)
                pf_buf_printf(out, "%d. ", block->ordinal);
            else if (block->marker)
                pf_buf_puts(out, "- ");
            else
                pf_buf_puts(out, "  ");
            write_spans(out, block, indent + 2);
            pf_buf_putc(out, '\n');
            break;
        }
        case PF_DOC_CODE:
            pf_buf_puts(out, "    ");
            write_spans(out, block, 4);
            pf_buf_putc(out, '\n');
            break;
        case PF_DOC_RULE:
        case PF_DOC_PAGEBREAK:
            break;
        }
        prev = block;
    }
    return PF_OK;
}
