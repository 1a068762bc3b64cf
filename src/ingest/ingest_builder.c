/* The document builder: readers push pages, blocks, runs and breaks; it normalises the text,
 * keeps raw_text and every offset consistent, and enforces the text and time budgets. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "ingest/ingest_int.h"

#define TIME_CHECK_EVERY 4096u

#define GROW(arr, count, cap)                                                                      \
    do {                                                                                           \
        if ((count) == (cap)) {                                                                    \
            (cap) = (cap) ? (cap)*2 : 16;                                                          \
            (arr) = pf_xrealloc((arr), (cap) * sizeof(*(arr)));                                    \
        }                                                                                          \
    } while (0)

void pf_builder_init(struct pf_doc_builder *b, enum pf_doc_format format,
                     const struct pf_ingest_limits *limits, int64_t deadline_ns,
                     struct pf_error *err)
{
    memset(b, 0, sizeof(*b));
    b->doc = pf_xcalloc(1, sizeof(*b->doc));
    b->doc->format = format;
    pf_buf_init(&b->doc->text, limits->max_text_bytes);
    b->limits = limits;
    b->deadline_ns = deadline_ns;
    b->status = PF_OK;
    b->err = err;
    /* Every element holds at least one byte of text, but a hostile file can style each byte
     * differently: bound the model's memory by the same limit as its text (about 8 bytes of
     * structure per byte of text at most). */
    b->max_elements = limits->max_text_bytes / 8 + 1024;
    (void)pf_builder_font(b, "", 0);
}

void pf_builder_fini(struct pf_doc_builder *b)
{
    if (!b)
        return;
    pf_document_free(b->doc);
    b->doc = NULL;
}

pf_status pf_builder_fail(struct pf_doc_builder *b, pf_status st, const char *field,
                          const char *fmt, ...)
{
    if (b->status != PF_OK)
        return b->status;
    b->status = st;
    if (b->err) {
        char message[PF_ERROR_MSG_MAX];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(message, sizeof(message), fmt, ap);
        va_end(ap);
        if (field)
            (void)pf_error_set_field(b->err, st, field, "%s", message);
        else
            (void)pf_error_set(b->err, st, "%s", message);
    }
    return st;
}

pf_status pf_builder_check_time(struct pf_doc_builder *b)
{
    if (b->status != PF_OK)
        return b->status;
    if (b->deadline_ns && pf_monotonic_ns() > b->deadline_ns)
        return pf_builder_fail(b, PF_E_TIMEOUT, "limit_document_ms",
                               "reading the document took longer than limit_document_ms (%lld ms)",
                               (long long)b->limits->max_ms);
    return PF_OK;
}

void pf_builder_warn(struct pf_doc_builder *b, const char *code, const char *fmt, ...)
{
    struct pf_document *doc = b->doc;
    for (size_t i = 0; i < doc->warning_count; i++)
        if (strcmp(doc->warning_codes[i], code) == 0)
            return;
    if (doc->warning_count == PF_INGEST_MAX_WARNINGS) {
        doc->warnings_dropped++;
        return;
    }
    char message[PF_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    doc->warning_codes[doc->warning_count] = pf_xstrdup(code);
    doc->warning_messages[doc->warning_count] = pf_xstrdup(message);
    doc->warning_count++;
}

static bool count_element(struct pf_doc_builder *b)
{
    struct pf_document *doc = b->doc;
    if (doc->block_count + doc->line_count + doc->span_count < b->max_elements)
        return true;
    pf_builder_fail(b, PF_E_TOO_BIG, "limit_extracted_text",
                    "the document has more text elements than limit_extracted_text allows");
    return false;
}

void pf_builder_page(struct pf_doc_builder *b, float width, float height)
{
    if (b->status != PF_OK)
        return;
    pf_builder_block_end(b);
    struct pf_document *doc = b->doc;
    GROW(doc->pages, doc->page_count, doc->page_cap);
    struct pf_doc_page *page = &doc->pages[doc->page_count++];
    page->width = width;
    page->height = height;
    page->columns = 1;
}

static void ensure_page(struct pf_doc_builder *b)
{
    if (b->doc->page_count == 0)
        pf_builder_page(b, 0, 0);
}

static uint32_t intern(char ***table, size_t *count, size_t *cap, const char *text, size_t len)
{
    for (size_t i = *count; i > 0; i--) {
        const char *have = (*table)[i - 1];
        if (strlen(have) == len && memcmp(have, text, len) == 0)
            return (uint32_t)(i - 1);
    }
    GROW(*table, *count, *cap);
    (*table)[*count] = pf_xstrndup(text, len);
    return (uint32_t)(*count)++;
}

/* Copies at most max bytes of text as valid UTF-8 without controls into a new string. */
static char *clean_copy(const char *text, size_t len, size_t max)
{
    struct pf_buf out = PF_BUF_INIT(max);
    const char *p = text;
    const char *end = text + len;
    while (p < end && out.len + 4 < max) {
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0) {
            p++;
            cp = 0xFFFD;
        }
        if (cp < 0x20 || cp == 0x7F)
            continue;
        char enc[4];
        pf_buf_append(&out, enc, pf_utf8_encode((uint32_t)cp, enc));
    }
    return pf_buf_take(&out, NULL);
}

uint32_t pf_builder_font(struct pf_doc_builder *b, const char *name, size_t len)
{
    struct pf_document *doc = b->doc;
    if (doc->font_count == 0)
        intern(&doc->fonts, &doc->font_count, &doc->font_cap, "", 0);
    if (!name)
        return 0;
    /* "ABCDEF+Name": a subset prefix says nothing about the font. */
    if (len > 7 && name[6] == '+') {
        bool prefix = true;
        for (int i = 0; i < 6; i++)
            prefix = prefix && name[i] >= 'A' && name[i] <= 'Z';
        if (prefix) {
            name += 7;
            len -= 7;
        }
    }
    if (len > 128)
        len = 128;
    char *clean = clean_copy(name, len, 160);
    uint32_t index = intern(&doc->fonts, &doc->font_count, &doc->font_cap, clean, strlen(clean));
    free(clean);
    return index;
}

int32_t pf_builder_link(struct pf_doc_builder *b, const char *url, size_t len)
{
    struct pf_document *doc = b->doc;
    if (len > 2048)
        len = 2048;
    if (doc->link_count >= 10000)
        return -1;
    char *clean = clean_copy(url, len, 2100);
    int32_t index =
        (int32_t)intern(&doc->links, &doc->link_count, &doc->link_cap, clean, strlen(clean));
    free(clean);
    return index;
}

static void end_line(struct pf_doc_builder *b)
{
    b->pending_sep = 0;
    if (!b->line_open)
        return;
    struct pf_document *doc = b->doc;
    struct pf_doc_line *line = &doc->lines[doc->line_count - 1];
    line->len = doc->text.len - line->offset;
    line->span_count = doc->span_count - line->first_span;
    bool have_box = false;
    for (size_t i = line->first_span; i < doc->span_count; i++) {
        const struct pf_doc_box *box = &doc->spans[i].box;
        if (box->x1 <= box->x0 && box->y1 <= box->y0)
            continue;
        if (!have_box) {
            line->box = *box;
            have_box = true;
            continue;
        }
        line->box.x0 = box->x0 < line->box.x0 ? box->x0 : line->box.x0;
        line->box.y0 = box->y0 < line->box.y0 ? box->y0 : line->box.y0;
        line->box.x1 = box->x1 > line->box.x1 ? box->x1 : line->box.x1;
        line->box.y1 = box->y1 > line->box.y1 ? box->y1 : line->box.y1;
    }
    b->line_open = false;
}

void pf_builder_line_break(struct pf_doc_builder *b)
{
    if (b->status != PF_OK)
        return;
    end_line(b);
}

size_t pf_builder_line_len(const struct pf_doc_builder *b)
{
    if (!b->line_open)
        return 0;
    const struct pf_document *doc = b->doc;
    return doc->text.len - doc->lines[doc->line_count - 1].offset;
}

void pf_builder_block_begin(struct pf_doc_builder *b, const struct pf_block_attrs *attrs)
{
    if (b->status != PF_OK)
        return;
    pf_builder_block_end(b);
    ensure_page(b);
    memset(&b->block, 0, sizeof(b->block));
    b->block.kind = attrs->kind;
    b->block.region = attrs->region;
    b->block.flags = attrs->flags;
    b->block.level = attrs->level;
    b->block.column = attrs->column;
    b->block.table = attrs->table;
    b->block.row = attrs->table >= 0 ? attrs->row : -1;
    b->block.col = attrs->table >= 0 ? attrs->col : -1;
    b->block.box = attrs->box;
    b->block.page = (int)b->doc->page_count - 1;
    if (attrs->page >= 0 && (size_t)attrs->page < b->doc->page_count)
        b->block.page = attrs->page;
    b->in_block = true;
    b->block_has_text = false;
}

void pf_builder_block_end(struct pf_doc_builder *b)
{
    if (b->status != PF_OK || !b->in_block)
        return;
    end_line(b);
    b->in_block = false;
    if (!b->block_has_text)
        return;
    if (!count_element(b))
        return;
    struct pf_document *doc = b->doc;
    struct pf_doc_block *block = &b->block;
    block->len = doc->text.len - block->offset;
    block->line_count = doc->line_count - block->first_line;
    struct pf_doc_box *box = &block->box;
    if (box->x1 <= box->x0 && box->y1 <= box->y0) {
        for (size_t i = block->first_line; i < doc->line_count; i++) {
            const struct pf_doc_box *lb = &doc->lines[i].box;
            if (lb->x1 <= lb->x0 && lb->y1 <= lb->y0)
                continue;
            if (box->x1 <= box->x0 && box->y1 <= box->y0) {
                *box = *lb;
                continue;
            }
            box->x0 = lb->x0 < box->x0 ? lb->x0 : box->x0;
            box->y0 = lb->y0 < box->y0 ? lb->y0 : box->y0;
            box->x1 = lb->x1 > box->x1 ? lb->x1 : box->x1;
            box->y1 = lb->y1 > box->y1 ? lb->y1 : box->y1;
        }
    }
    GROW(doc->blocks, doc->block_count, doc->block_cap);
    doc->blocks[doc->block_count++] = *block;
}

static bool same_style(const struct pf_doc_span *span, const struct pf_span_style *style)
{
    return span->font == style->font && span->size == style->size && span->flags == style->flags &&
           span->color == style->color && span->link == style->link;
}

static void widen(struct pf_doc_box *box, const struct pf_doc_box *add)
{
    if (add->x1 <= add->x0 && add->y1 <= add->y0)
        return;
    if (box->x1 <= box->x0 && box->y1 <= box->y0) {
        *box = *add;
        return;
    }
    box->x0 = add->x0 < box->x0 ? add->x0 : box->x0;
    box->y0 = add->y0 < box->y0 ? add->y0 : box->y0;
    box->x1 = add->x1 > box->x1 ? add->x1 : box->x1;
    box->y1 = add->y1 > box->y1 ? add->y1 : box->y1;
}

/* Opens the line (and the block) the next character goes to, writing the separators between
 * blocks and lines into raw_text. */
static bool open_line(struct pf_doc_builder *b)
{
    struct pf_document *doc = b->doc;
    if (!b->in_block) {
        struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
        pf_builder_block_begin(b, &attrs);
        if (b->status != PF_OK)
            return false;
    }
    if (b->line_open)
        return true;
    if (!count_element(b))
        return false;
    if (b->block_has_text)
        pf_buf_putc(&doc->text, '\n');
    else if (doc->text.len > 0)
        pf_buf_puts(&doc->text, "\n\n");
    GROW(doc->lines, doc->line_count, doc->line_cap);
    struct pf_doc_line *line = &doc->lines[doc->line_count++];
    memset(line, 0, sizeof(*line));
    line->offset = doc->text.len;
    line->first_span = doc->span_count;
    if (!b->block_has_text) {
        b->block.offset = doc->text.len;
        b->block.first_line = doc->line_count - 1;
        b->block_has_text = true;
    }
    b->line_open = true;
    b->pending_sep = 0;
    return true;
}

/* Appends len bytes of visible text (already normalised: one code point, or a run of printable
 * ASCII) to the current span, opening the line and the span as needed. */
static void put_visible_bytes(struct pf_doc_builder *b, const char *bytes, size_t len,
                              const struct pf_span_style *style)
{
    struct pf_document *doc = b->doc;
    if (!open_line(b))
        return;
    size_t line_start = doc->lines[doc->line_count - 1].offset;
    struct pf_doc_span *span = NULL;
    if (doc->span_count > doc->lines[doc->line_count - 1].first_span) {
        span = &doc->spans[doc->span_count - 1];
        if (!same_style(span, style) || span->offset + span->len != doc->text.len)
            span = NULL;
    }
    if (!span) {
        if (!count_element(b))
            return;
        GROW(doc->spans, doc->span_count, doc->span_cap);
        span = &doc->spans[doc->span_count++];
        span->offset = doc->text.len;
        span->len = 0;
        span->font = style->font;
        span->size = style->size;
        span->flags = style->flags;
        span->color = style->color;
        span->link = style->link;
        memset(&span->box, 0, sizeof(span->box));
    }
    if (b->pending_sep && doc->text.len > line_start)
        pf_buf_putc(&doc->text, b->pending_sep == 2 ? '\t' : ' ');
    b->pending_sep = 0;
    pf_buf_append(&doc->text, bytes, len);
    if (pf_buf_status(&doc->text) != PF_OK) {
        pf_builder_fail(b, PF_E_TOO_BIG, "limit_extracted_text",
                        "the document's text is larger than limit_extracted_text (%zu bytes)",
                        b->limits->max_text_bytes);
        return;
    }
    span->len = doc->text.len - span->offset;
    widen(&span->box, &style->box);
}

static void put_visible(struct pf_doc_builder *b, uint32_t cp, const struct pf_span_style *style)
{
    char enc[4];
    put_visible_bytes(b, enc, pf_utf8_encode(cp, enc), style);
}

void pf_builder_separator(struct pf_doc_builder *b, int sep)
{
    if (b->status != PF_OK || !b->line_open)
        return;
    if (sep > b->pending_sep)
        b->pending_sep = sep;
}

static void put_cp(struct pf_doc_builder *b, uint32_t cp, const struct pf_span_style *style,
                   enum pf_text_mode mode)
{
    if (cp == '\r') {
        if (mode != PF_TEXT_LINES)
            pf_builder_separator(b, 1);
        return;
    }
    uint32_t out[3];
    size_t n = pf_normalize_cp(cp, out);
    for (size_t i = 0; i < n; i++) {
        if (out[i] == '\n') {
            if (mode == PF_TEXT_LINES)
                end_line(b);
            else
                pf_builder_separator(b, 1);
        } else if (out[i] == '\t') {
            pf_builder_separator(b, mode == PF_TEXT_LINES ? 2 : 1);
        } else if (out[i] == ' ') {
            pf_builder_separator(b, 1);
        } else {
            put_visible(b, out[i], style);
        }
    }
}

void pf_builder_char(struct pf_doc_builder *b, uint32_t cp, const struct pf_span_style *style)
{
    if (b->status != PF_OK)
        return;
    if (++b->check_counter >= TIME_CHECK_EVERY) {
        b->check_counter = 0;
        if (pf_builder_check_time(b) != PF_OK)
            return;
    }
    put_cp(b, cp, style, PF_TEXT_PDF);
}

void pf_builder_text(struct pf_doc_builder *b, struct pf_str text,
                     const struct pf_span_style *style, enum pf_text_mode mode)
{
    const char *p = text.ptr;
    const char *end = text.ptr + text.len;
    while (p < end && b->status == PF_OK) {
        if (++b->check_counter >= TIME_CHECK_EVERY) {
            b->check_counter = 0;
            if (pf_builder_check_time(b) != PF_OK)
                return;
        }
        /* Printable ASCII needs no normalisation: append whole runs at once. */
        if ((unsigned char)*p > 0x20 && (unsigned char)*p < 0x7F) {
            const char *run = p;
            while (p < end && p - run < 1024 && (unsigned char)*p > 0x20 &&
                   (unsigned char)*p < 0x7F)
                p++;
            b->check_counter += (unsigned)(p - run) / 8;
            put_visible_bytes(b, run, (size_t)(p - run), style);
            continue;
        }
        uint32_t cp;
        if ((unsigned char)*p < 0x80) {
            cp = (unsigned char)*p++;
        } else {
            int32_t dec = pf_utf8_decode(&p, end);
            if (dec < 0) {
                p++;
                dec = 0xFFFD;
                if (!b->warned_utf8) {
                    b->warned_utf8 = true;
                    pf_builder_warn(b, "invalid_utf8",
                                    "invalid UTF-8 sequences were replaced by U+FFFD");
                }
            }
            cp = (uint32_t)dec;
        }
        put_cp(b, cp, style, mode);
    }
}

pf_status pf_builder_finish(struct pf_doc_builder *b, struct pf_document **out_doc)
{
    pf_builder_block_end(b);
    if (b->status != PF_OK)
        return b->status;
    if (b->doc->text.len == 0)
        return pf_builder_fail(b, PF_E_EMPTY, NULL, "the document contains no text");
    ensure_page(b);
    const struct pf_buf *text = &b->doc->text;
    size_t chars = 0;
    for (size_t i = 0; i < text->len; i++)
        chars += ((unsigned char)text->ptr[i] & 0xC0) != 0x80;
    b->doc->code_points = chars;
    *out_doc = b->doc;
    b->doc = NULL;
    return PF_OK;
}
