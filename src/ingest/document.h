/* The layout-aware document model every reader produces: pages, blocks, lines and spans over one
 * raw_text in reading order. Immutable once built; read it through the accessors below. */
#ifndef PF_INGEST_DOCUMENT_H
#define PF_INGEST_DOCUMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/common.h"
#include "base/str.h"

/* What a file was detected (or forced) to be. */
enum pf_doc_format {
    PF_DOC_FORMAT_UNKNOWN = 0,
    PF_DOC_FORMAT_PDF,
    PF_DOC_FORMAT_DOCX,
    PF_DOC_FORMAT_ODT,
    PF_DOC_FORMAT_HTML,
    PF_DOC_FORMAT_TEXT,
    PF_DOC_FORMAT_MARKDOWN,
    PF_DOC_FORMAT_RTF,
    PF_DOC_FORMAT_JSON_RESUME,
    PF_DOC_FORMAT_COUNT_
};

/* What a block is, as far as the source says. Geometry-only formats (PDF) only ever produce
 * PARAGRAPH and LIST_ITEM (a line starting with a bullet glyph); the parser infers headings
 * from fonts there. */
enum pf_block_kind {
    PF_BLOCK_PARAGRAPH = 0,
    PF_BLOCK_TITLE,      /* the document title (DOCX/ODT "Title" style, HTML <title> is not used) */
    PF_BLOCK_HEADING,    /* level is 1..9 (DOCX Heading1.., HTML h1-h6, Markdown #, ODT outline) */
    PF_BLOCK_LIST_ITEM,  /* level is the nesting depth, 1 for the outermost list */
    PF_BLOCK_TABLE_CELL, /* text of a table cell that is not a heading or list item */
    PF_BLOCK_PREFORMATTED, /* <pre>, Markdown code: line breaks are significant */
    PF_BLOCK_KIND_COUNT_
};

/* Where on the page a block lives. Page headers and footers that repeat on every page of a PDF
 * are dropped; DOCX/ODT header and footer parts are kept as HEADER/FOOTER blocks, placed first
 * and last in the reading order (they often hold the contact details). */
enum pf_block_region {
    PF_REGION_BODY = 0,
    PF_REGION_HEADER,
    PF_REGION_FOOTER,
    PF_REGION_TEXT_BOX, /* a DOCX text box / ODT frame, read where it is anchored */
    PF_REGION_COUNT_
};

/* pf_doc_block.flags */
#define PF_BLOCK_SIDEBAR 0x1u  /* in a column judged a sidebar (narrow, read after the main flow) */
#define PF_BLOCK_LABEL 0x2u    /* a cell of a left label grid (section label or dates) that
                                * belongs to the row read right after it */
#define PF_BLOCK_NUMBERED 0x4u /* a list item of a numbered (ordered) list */

/* pf_doc_span.flags */
#define PF_SPAN_BOLD 0x1u
#define PF_SPAN_ITALIC 0x2u
#define PF_SPAN_MONOSPACE 0x4u
#define PF_SPAN_SMALL_CAPS 0x8u
#define PF_SPAN_UNDERLINE 0x10u
#define PF_SPAN_SUPERSCRIPT 0x20u
#define PF_SPAN_SUBSCRIPT 0x40u

/* An axis-aligned box in points, origin at the page's top-left corner, y growing downwards.
 * All zero for formats without geometry (everything but PDF). */
struct pf_doc_box {
    float x0, y0, x1, y1;
};

/* A run of text in one style. The spans of a line tile its text exactly: concatenating them in
 * order gives the line's text. */
struct pf_doc_span {
    size_t offset;         /* bytes into raw_text */
    size_t len;            /* bytes */
    uint32_t font;         /* index for pf_document_font_name() */
    float size;            /* font size in points; 0 when the source does not say */
    uint32_t flags;        /* PF_SPAN_* */
    uint32_t color;        /* 0xRRGGBB; 0 (black) when unknown */
    int32_t link;          /* index for pf_document_link(), or -1 */
    struct pf_doc_box box;
};

/* One visual line (PDF) or one line of a paragraph split at explicit breaks (other formats:
 * a paragraph without breaks is one line, however long). */
struct pf_doc_line {
    size_t offset;         /* bytes into raw_text */
    size_t len;            /* bytes, excluding the '\n' that follows */
    size_t first_span;     /* index of the first span */
    size_t span_count;     /* at least 1 */
    struct pf_doc_box box;
};

/* A paragraph-like unit. Blocks are stored in reading order. */
struct pf_doc_block {
    enum pf_block_kind kind;
    enum pf_block_region region;
    uint32_t flags;        /* PF_BLOCK_* */
    int level;             /* heading level 1..9, list depth 1..; 0 otherwise */
    int page;              /* 0-based page; 0 for formats without pages */
    int column;            /* 0-based column on its page, left to right; 0 when single-column */
    int table;             /* 0-based table number in the document, or -1 when not in a table */
    int row;               /* 0-based row and column of the cell, -1 when not in a table */
    int col;
    size_t offset;         /* bytes into raw_text: the lines joined by '\n' */
    size_t len;
    size_t first_line;     /* index of the first line */
    size_t line_count;     /* at least 1 */
    struct pf_doc_box box;
};

/* One page. Formats without pages have exactly one page of size 0 x 0. */
struct pf_doc_page {
    float width;           /* points */
    float height;
    int columns;           /* most text columns found on the page (1 = single column) */
};

/* Metadata the source declares. Every string is UTF-8 or NULL when absent. Dates are ISO 8601
 * ("2024-03-01T09:30:00Z") when they could be understood; the parser resolves "Present" against
 * modified (else created). */
struct pf_doc_meta {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
    const char *creator;   /* authoring application */
    const char *producer;  /* PDF producer / converter */
    const char *language;  /* e.g. "en-US" */
    const char *created;
    const char *modified;
    int64_t created_ms;    /* ms since the Unix epoch, UTC; valid when has_created */
    int64_t modified_ms;
    bool has_created;
    bool has_modified;
};

/* Opaque: the owner of all the arrays and strings the accessors return. */
struct pf_document;

/* "pdf", "docx", "odt", "html", "text", "markdown", "rtf", "json_resume" or "unknown". */
const char *pf_doc_format_name(enum pf_doc_format format);
/* "paragraph", "title", "heading", "list_item", "table_cell", "preformatted". */
const char *pf_block_kind_name(enum pf_block_kind kind);
/* "body", "header", "footer", "text_box". */
const char *pf_block_region_name(enum pf_block_region region);

/* Releases the document and everything its accessors returned. NULL-safe. */
void pf_document_free(struct pf_document *doc);

/* The format the document was read as. */
enum pf_doc_format pf_document_format(const struct pf_document *doc);

/* The document's text in reading order: each block's lines joined by '\n', a blank line ("\n\n")
 * between blocks, no trailing newline. Valid UTF-8 without NUL or control characters other than
 * '\n' and '\t' ('\t' separates parts of one line the source sets apart: a tab stop or a wide
 * gap, e.g. a title and its right-aligned dates). The view is NUL-terminated and owned by doc. */
struct pf_str pf_document_text(const struct pf_document *doc);
/* The bytes [offset, offset + len) of raw_text, clamped to its end. */
struct pf_str pf_document_slice(const struct pf_document *doc, size_t offset, size_t len);

/* Counts and elements. Indexes must be below the count (checked: an index out of range aborts).
 * Returned pointers are borrowed from doc and valid until pf_document_free(). */
size_t pf_document_page_count(const struct pf_document *doc);
const struct pf_doc_page *pf_document_page(const struct pf_document *doc, size_t index);
size_t pf_document_block_count(const struct pf_document *doc);
const struct pf_doc_block *pf_document_block(const struct pf_document *doc, size_t index);
size_t pf_document_line_count(const struct pf_document *doc);
const struct pf_doc_line *pf_document_line(const struct pf_document *doc, size_t index);
size_t pf_document_span_count(const struct pf_document *doc);
const struct pf_doc_span *pf_document_span(const struct pf_document *doc, size_t index);

/* The text of one block, line or span (views into raw_text). */
struct pf_str pf_document_block_text(const struct pf_document *doc,
                                     const struct pf_doc_block *block);
struct pf_str pf_document_line_text(const struct pf_document *doc, const struct pf_doc_line *line);
struct pf_str pf_document_span_text(const struct pf_document *doc, const struct pf_doc_span *span);

/* The index of the line whose text contains byte offset (or, for an offset between lines, the
 * next line); the line count when offset is past the last line. O(log lines). */
size_t pf_document_line_at(const struct pf_document *doc, size_t offset);
/* The index of the block whose text contains offset, with the same rules. */
size_t pf_document_block_at(const struct pf_document *doc, size_t offset);

/* Font table: the name as the source gives it, without a PDF subset prefix ("ABCDEF+"); ""
 * when unknown. font must be below pf_document_font_count(). */
size_t pf_document_font_count(const struct pf_document *doc);
const char *pf_document_font_name(const struct pf_document *doc, uint32_t font);

/* Hyperlink targets (URLs, mailto:, tel:); NULL for -1 or an index out of range. */
size_t pf_document_link_count(const struct pf_document *doc);
const char *pf_document_link(const struct pf_document *doc, int32_t link);

/* Metadata; never NULL (fields are NULL when absent). */
const struct pf_doc_meta *pf_document_meta(const struct pf_document *doc);

/* For PF_DOC_FORMAT_JSON_RESUME: the imported JSON Resume object (validated for shape),
 * borrowed from doc; NULL for every other format. */
const json_t *pf_document_resume(const struct pf_document *doc);

/* Warnings met while reading (limits that truncated, repairs made), as machine codes such as
 * "limit_pages" or "invalid_utf8"; borrowed. */
size_t pf_document_warning_count(const struct pf_document *doc);
const char *pf_document_warning(const struct pf_document *doc, size_t index);

/* Diagnostics as a new JSON object (caller json_decref()s it):
 * {"format", "pages", "pages_read", "columns": [per page], "sidebar", "characters" (code points),
 *  "bytes", "blocks", "lines", "spans", "fonts", "elapsed_ms", "warnings": [{"code","message"}]}.
 * This is what the API stores as cvs.diagnostics. */
json_t *pf_document_diagnostics(const struct pf_document *doc);

/* The whole model as a new JSON object (caller json_decref()s it):
 * {"format", "meta": {...}, "diagnostics": {...}, "fonts": [{"name"}], "links": [url],
 *  "pages": [{"width","height","columns"}],
 *  "blocks": [{"kind","region","level"?,"page","column","flags":[..]?,"table"?,"offset","len",
 *              "box"?: [x0,y0,x1,y1], "lines": [{"offset","len","text","box"?,
 *              "spans": [{"text","font","size","bold"?,"italic"?,...,"link"?,"box"?}]}]}],
 *  "text": raw_text}.
 * Boxes appear only for formats with geometry. */
json_t *pf_document_to_json(const struct pf_document *doc);

#endif
