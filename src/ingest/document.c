/* The document model's accessors, JSON views and destructor. */
#include "ingest/document.h"

#include <stdlib.h>

#include "base/json.h"
#include "base/mem.h"
#include "ingest/ingest_int.h"

static const char *const format_names[PF_DOC_FORMAT_COUNT_] = {
    [PF_DOC_FORMAT_UNKNOWN] = "unknown",
    [PF_DOC_FORMAT_PDF] = "pdf",
    [PF_DOC_FORMAT_DOCX] = "docx",
    [PF_DOC_FORMAT_ODT] = "odt",
    [PF_DOC_FORMAT_HTML] = "html",
    [PF_DOC_FORMAT_TEXT] = "text",
    [PF_DOC_FORMAT_MARKDOWN] = "markdown",
    [PF_DOC_FORMAT_RTF] = "rtf",
    [PF_DOC_FORMAT_JSON_RESUME] = "json_resume",
};

static const char *const kind_names[PF_BLOCK_KIND_COUNT_] = {
    [PF_BLOCK_PARAGRAPH] = "paragraph",   [PF_BLOCK_TITLE] = "title",
    [PF_BLOCK_HEADING] = "heading",       [PF_BLOCK_LIST_ITEM] = "list_item",
    [PF_BLOCK_TABLE_CELL] = "table_cell", [PF_BLOCK_PREFORMATTED] = "preformatted",
};

static const char *const region_names[PF_REGION_COUNT_] = {
    [PF_REGION_BODY] = "body",
    [PF_REGION_HEADER] = "header",
    [PF_REGION_FOOTER] = "footer",
    [PF_REGION_TEXT_BOX] = "text_box",
};

const char *pf_doc_format_name(enum pf_doc_format format)
{
    if ((unsigned)format >= PF_DOC_FORMAT_COUNT_)
        return "unknown";
    return format_names[format];
}

const char *pf_block_kind_name(enum pf_block_kind kind)
{
    if ((unsigned)kind >= PF_BLOCK_KIND_COUNT_)
        return "paragraph";
    return kind_names[kind];
}

const char *pf_block_region_name(enum pf_block_region region)
{
    if ((unsigned)region >= PF_REGION_COUNT_)
        return "body";
    return region_names[region];
}

void pf_document_free(struct pf_document *doc)
{
    if (!doc)
        return;
    pf_buf_fini(&doc->text);
    free(doc->pages);
    free(doc->blocks);
    free(doc->lines);
    free(doc->spans);
    for (size_t i = 0; i < doc->font_count; i++)
        free(doc->fonts[i]);
    free(doc->fonts);
    for (size_t i = 0; i < doc->link_count; i++)
        free(doc->links[i]);
    free(doc->links);
    free((char *)doc->meta.title);
    free((char *)doc->meta.author);
    free((char *)doc->meta.subject);
    free((char *)doc->meta.keywords);
    free((char *)doc->meta.creator);
    free((char *)doc->meta.producer);
    free((char *)doc->meta.language);
    free((char *)doc->meta.created);
    free((char *)doc->meta.modified);
    if (doc->resume)
        json_decref(doc->resume);
    for (size_t i = 0; i < doc->warning_count; i++) {
        free(doc->warning_codes[i]);
        free(doc->warning_messages[i]);
    }
    free(doc);
}

enum pf_doc_format pf_document_format(const struct pf_document *doc)
{
    return doc->format;
}

struct pf_str pf_document_text(const struct pf_document *doc)
{
    return pf_str_make(pf_buf_cstr(&doc->text), doc->text.len);
}

struct pf_str pf_document_slice(const struct pf_document *doc, size_t offset, size_t len)
{
    return pf_str_slice(pf_document_text(doc), offset, len);
}

size_t pf_document_page_count(const struct pf_document *doc)
{
    return doc->page_count;
}

const struct pf_doc_page *pf_document_page(const struct pf_document *doc, size_t index)
{
    PF_ASSERT(index < doc->page_count);
    return &doc->pages[index];
}

size_t pf_document_block_count(const struct pf_document *doc)
{
    return doc->block_count;
}

const struct pf_doc_block *pf_document_block(const struct pf_document *doc, size_t index)
{
    PF_ASSERT(index < doc->block_count);
    return &doc->blocks[index];
}

size_t pf_document_line_count(const struct pf_document *doc)
{
    return doc->line_count;
}

const struct pf_doc_line *pf_document_line(const struct pf_document *doc, size_t index)
{
    PF_ASSERT(index < doc->line_count);
    return &doc->lines[index];
}

size_t pf_document_span_count(const struct pf_document *doc)
{
    return doc->span_count;
}

const struct pf_doc_span *pf_document_span(const struct pf_document *doc, size_t index)
{
    PF_ASSERT(index < doc->span_count);
    return &doc->spans[index];
}

struct pf_str pf_document_block_text(const struct pf_document *doc,
                                     const struct pf_doc_block *block)
{
    return pf_document_slice(doc, block->offset, block->len);
}

struct pf_str pf_document_line_text(const struct pf_document *doc, const struct pf_doc_line *line)
{
    return pf_document_slice(doc, line->offset, line->len);
}

struct pf_str pf_document_span_text(const struct pf_document *doc, const struct pf_doc_span *span)
{
    return pf_document_slice(doc, span->offset, span->len);
}

size_t pf_document_line_at(const struct pf_document *doc, size_t offset)
{
    size_t lo = 0;
    size_t hi = doc->line_count;
    /* The first line whose end (offset + len) is at or past offset. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct pf_doc_line *line = &doc->lines[mid];
        if (line->offset + line->len < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t pf_document_block_at(const struct pf_document *doc, size_t offset)
{
    size_t lo = 0;
    size_t hi = doc->block_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct pf_doc_block *block = &doc->blocks[mid];
        if (block->offset + block->len < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t pf_document_font_count(const struct pf_document *doc)
{
    return doc->font_count;
}

const char *pf_document_font_name(const struct pf_document *doc, uint32_t font)
{
    PF_ASSERT(font < doc->font_count);
    return doc->fonts[font];
}

size_t pf_document_link_count(const struct pf_document *doc)
{
    return doc->link_count;
}

const char *pf_document_link(const struct pf_document *doc, int32_t link)
{
    if (link < 0 || (size_t)link >= doc->link_count)
        return NULL;
    return doc->links[link];
}

const struct pf_doc_meta *pf_document_meta(const struct pf_document *doc)
{
    return &doc->meta;
}

const json_t *pf_document_resume(const struct pf_document *doc)
{
    return doc->resume;
}

size_t pf_document_warning_count(const struct pf_document *doc)
{
    return doc->warning_count;
}

const char *pf_document_warning(const struct pf_document *doc, size_t index)
{
    PF_ASSERT(index < doc->warning_count);
    return doc->warning_codes[index];
}

json_t *pf_document_diagnostics(const struct pf_document *doc)
{
    json_t *columns = json_array();
    for (size_t i = 0; i < doc->page_count; i++)
        json_array_append_new(columns, json_integer(doc->pages[i].columns));
    json_t *warnings = json_array();
    for (size_t i = 0; i < doc->warning_count; i++)
        json_array_append_new(warnings, json_pack("{s:s, s:s}", "code", doc->warning_codes[i],
                                                  "message", doc->warning_messages[i]));
    size_t pages = doc->pages_in_source > doc->page_count ? doc->pages_in_source : doc->page_count;
    if (doc->format != PF_DOC_FORMAT_PDF)
        pages = doc->page_count;
    return json_pack("{s:s, s:I, s:I, s:o, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "format",
                     pf_doc_format_name(doc->format), "pages", (json_int_t)pages, "pages_read",
                     (json_int_t)doc->page_count, "columns", columns, "sidebar", doc->has_sidebar,
                     "characters", (json_int_t)doc->code_points, "bytes", (json_int_t)doc->text.len,
                     "blocks", (json_int_t)doc->block_count, "lines", (json_int_t)doc->line_count,
                     "spans", (json_int_t)doc->span_count, "fonts", (json_int_t)doc->font_count,
                     "elapsed_ms", (json_int_t)doc->elapsed_ms, "warnings", warnings);
}

static bool has_geometry(const struct pf_document *doc)
{
    return doc->format == PF_DOC_FORMAT_PDF;
}

static json_t *box_json(const struct pf_doc_box *box)
{
    /* Tenths of a point: enough for layout work, and stable in golden files. */
    return json_pack("[f, f, f, f]", (double)(int64_t)(box->x0 * 10.0f) / 10.0,
                     (double)(int64_t)(box->y0 * 10.0f) / 10.0,
                     (double)(int64_t)(box->x1 * 10.0f) / 10.0,
                     (double)(int64_t)(box->y1 * 10.0f) / 10.0);
}

static json_t *meta_json(const struct pf_doc_meta *meta)
{
    json_t *out = json_object();
    pf_json_set_str(out, "title", meta->title);
    pf_json_set_str(out, "author", meta->author);
    pf_json_set_str(out, "subject", meta->subject);
    pf_json_set_str(out, "keywords", meta->keywords);
    pf_json_set_str(out, "creator", meta->creator);
    pf_json_set_str(out, "producer", meta->producer);
    pf_json_set_str(out, "language", meta->language);
    pf_json_set_str(out, "created", meta->created);
    pf_json_set_str(out, "modified", meta->modified);
    return out;
}

static json_t *span_json(const struct pf_document *doc, const struct pf_doc_span *span)
{
    static const struct {
        uint32_t flag;
        const char *name;
    } flag_names[] = {
        {PF_SPAN_BOLD, "bold"},           {PF_SPAN_ITALIC, "italic"},
        {PF_SPAN_MONOSPACE, "monospace"}, {PF_SPAN_SMALL_CAPS, "small_caps"},
        {PF_SPAN_UNDERLINE, "underline"}, {PF_SPAN_SUPERSCRIPT, "superscript"},
        {PF_SPAN_SUBSCRIPT, "subscript"},
    };
    json_t *out = json_object();
    json_object_set_new(out, "text", pf_json_string_str(pf_document_span_text(doc, span)));
    json_object_set_new(out, "font", json_integer(span->font));
    if (span->size > 0)
        json_object_set_new(out, "size", json_real((double)(int64_t)(span->size * 10.0f) / 10.0));
    for (size_t i = 0; i < PF_ARRAY_LEN(flag_names); i++)
        if (span->flags & flag_names[i].flag)
            json_object_set_new(out, flag_names[i].name, json_true());
    if (span->color)
        json_object_set_new(out, "color", json_integer(span->color));
    if (span->link >= 0)
        json_object_set_new(out, "link", json_integer(span->link));
    if (has_geometry(doc))
        json_object_set_new(out, "box", box_json(&span->box));
    return out;
}

static json_t *line_json(const struct pf_document *doc, const struct pf_doc_line *line)
{
    json_t *spans = json_array();
    for (size_t i = 0; i < line->span_count; i++)
        json_array_append_new(spans, span_json(doc, &doc->spans[line->first_span + i]));
    json_t *out = json_pack("{s:I, s:I, s:o}", "offset", (json_int_t)line->offset, "len",
                            (json_int_t)line->len, "text",
                            pf_json_string_str(pf_document_line_text(doc, line)));
    if (has_geometry(doc))
        json_object_set_new(out, "box", box_json(&line->box));
    json_object_set_new(out, "spans", spans);
    return out;
}

static json_t *block_json(const struct pf_document *doc, const struct pf_doc_block *block)
{
    json_t *out = json_pack("{s:s, s:s}", "kind", pf_block_kind_name(block->kind), "region",
                            pf_block_region_name(block->region));
    if (block->level > 0)
        json_object_set_new(out, "level", json_integer(block->level));
    json_object_set_new(out, "page", json_integer(block->page));
    json_object_set_new(out, "column", json_integer(block->column));
    if (block->flags) {
        json_t *flags = json_array();
        if (block->flags & PF_BLOCK_SIDEBAR)
            json_array_append_new(flags, json_string("sidebar"));
        if (block->flags & PF_BLOCK_LABEL)
            json_array_append_new(flags, json_string("label"));
        if (block->flags & PF_BLOCK_NUMBERED)
            json_array_append_new(flags, json_string("numbered"));
        json_object_set_new(out, "flags", flags);
    }
    if (block->table >= 0)
        json_object_set_new(
            out, "table",
            json_pack("{s:i, s:i, s:i}", "id", block->table, "row", block->row, "col", block->col));
    json_object_set_new(out, "offset", json_integer((json_int_t)block->offset));
    json_object_set_new(out, "len", json_integer((json_int_t)block->len));
    if (has_geometry(doc))
        json_object_set_new(out, "box", box_json(&block->box));
    json_t *lines = json_array();
    for (size_t i = 0; i < block->line_count; i++)
        json_array_append_new(lines, line_json(doc, &doc->lines[block->first_line + i]));
    json_object_set_new(out, "lines", lines);
    return out;
}

json_t *pf_document_to_json(const struct pf_document *doc)
{
    json_t *fonts = json_array();
    for (size_t i = 0; i < doc->font_count; i++)
        json_array_append_new(fonts, json_pack("{s:s}", "name", doc->fonts[i]));
    json_t *links = json_array();
    for (size_t i = 0; i < doc->link_count; i++)
        json_array_append_new(links, json_string(doc->links[i]));
    json_t *pages = json_array();
    for (size_t i = 0; i < doc->page_count; i++) {
        const struct pf_doc_page *page = &doc->pages[i];
        json_array_append_new(pages,
                              json_pack("{s:f, s:f, s:i}", "width", (double)page->width, "height",
                                        (double)page->height, "columns", page->columns));
    }
    json_t *blocks = json_array();
    for (size_t i = 0; i < doc->block_count; i++)
        json_array_append_new(blocks, block_json(doc, &doc->blocks[i]));
    json_t *out = json_object();
    json_object_set_new(out, "format", json_string(pf_doc_format_name(doc->format)));
    json_object_set_new(out, "meta", meta_json(&doc->meta));
    json_object_set_new(out, "diagnostics", pf_document_diagnostics(doc));
    json_object_set_new(out, "fonts", fonts);
    json_object_set_new(out, "links", links);
    json_object_set_new(out, "pages", pages);
    json_object_set_new(out, "blocks", blocks);
    json_object_set_new(out, "text", pf_json_string_str(pf_document_text(doc)));
    if (doc->resume)
        json_object_set(out, "resume", doc->resume);
    return out;
}
