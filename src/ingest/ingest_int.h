/* Private to src/ingest/ and its unit tests: the document's storage, the builder every reader
 * feeds, text normalisation, encodings, and the readers' entry points. */
#ifndef PF_INGEST_INGEST_INT_H
#define PF_INGEST_INGEST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/common.h"
#include "base/status.h"
#include "base/str.h"
#include "ingest/document.h"
#include "ingest/ingest.h"

#define PF_INGEST_MAX_WARNINGS 32

struct pf_document {
    enum pf_doc_format format;
    struct pf_buf text;        /* raw_text; owned */
    struct pf_doc_page *pages; /* owned arrays, *_count used, *_cap allocated */
    size_t page_count, page_cap;
    struct pf_doc_block *blocks;
    size_t block_count, block_cap;
    struct pf_doc_line *lines;
    size_t line_count, line_cap;
    struct pf_doc_span *spans;
    size_t span_count, span_cap;
    char **fonts; /* owned strings */
    size_t font_count, font_cap;
    char **links; /* owned strings */
    size_t link_count, link_cap;
    struct pf_doc_meta meta;                     /* strings owned (cast away const when freeing) */
    json_t *resume;                              /* one reference, or NULL */
    char *warning_codes[PF_INGEST_MAX_WARNINGS]; /* owned */
    char *warning_messages[PF_INGEST_MAX_WARNINGS]; /* owned */
    size_t warning_count;
    size_t warnings_dropped; /* past PF_INGEST_MAX_WARNINGS */
    size_t pages_in_source;  /* pages the file has (PDF), >= page_count */
    size_t code_points;      /* characters in raw_text */
    bool has_sidebar;
    int64_t elapsed_ms;
};

/* Style of a run handed to the builder. */
struct pf_span_style {
    uint32_t font;  /* from pf_builder_font() (0 = "", unknown) */
    float size;     /* points, 0 unknown */
    uint32_t flags; /* PF_SPAN_* */
    uint32_t color; /* 0xRRGGBB */
    int32_t link;   /* from pf_builder_link(), or -1 */
    struct pf_doc_box box;
};

#define PF_SPAN_STYLE_INIT                                                                         \
    {                                                                                              \
        0, 0.0f, 0, 0, -1,                                                                         \
        {                                                                                          \
            0, 0, 0, 0                                                                             \
        }                                                                                          \
    }

/* Where a block sits and what it is. */
struct pf_block_attrs {
    enum pf_block_kind kind;
    enum pf_block_region region;
    uint32_t flags; /* PF_BLOCK_* */
    int level;
    int column;
    int table; /* -1 when not in a table */
    int row;
    int col;
    struct pf_doc_box box; /* zero: the union of its lines' boxes */
    int page;              /* 0-based page, or -1 for the builder's current (last) page */
};

#define PF_BLOCK_ATTRS_INIT                                                                        \
    {                                                                                              \
        PF_BLOCK_PARAGRAPH, PF_REGION_BODY, 0, 0, 0, -1, -1, -1, {0, 0, 0, 0}, -1                  \
    }

/* Text normalisation modes of pf_builder_text(). */
enum pf_text_mode {
    PF_TEXT_FLOW,  /* HTML-like: every run of whitespace (\n included) is one space */
    PF_TEXT_LINES, /* '\n' ends a line; spaces collapse; '\t' is a separator */
    PF_TEXT_PDF,   /* like FLOW ('\t', '\r' are spaces), no line breaks from the text */
};

/* Builds a document from reader events, normalising text on the way in: invalid UTF-8 becomes
 * U+FFFD (warning "invalid_utf8"), odd spaces become ' ', soft hyphens, zero-width and bidi
 * controls, private-use (icon font) glyphs and other control characters are dropped, hyphen
 * look-alikes become '-', ligatures are expanded, runs of spaces collapse, lines are trimmed.
 * Errors are sticky: after the first failure every call is a no-op and pf_builder_finish()
 * returns it. */
struct pf_doc_builder {
    struct pf_document *doc;               /* owned until pf_builder_finish() hands it over */
    const struct pf_ingest_limits *limits; /* borrowed */
    int64_t deadline_ns;                   /* monotonic; 0 = none */
    pf_status status;                      /* sticky */
    struct pf_error *err;                  /* borrowed; filled on the first failure */
    bool in_block;
    bool line_open; /* the current line has text */
    bool block_has_text;
    int pending_sep;           /* 0 none, 1 space, 2 tab: written before the next text */
    struct pf_doc_block block; /* the block being built */
    size_t max_elements;       /* blocks + lines + spans bound (from max_text_bytes) */
    unsigned check_counter;    /* calls since the last deadline check */
    bool warned_utf8;
};

/* Starts a document of the given format. limits and err are borrowed for the builder's life. */
void pf_builder_init(struct pf_doc_builder *b, enum pf_doc_format format,
                     const struct pf_ingest_limits *limits, int64_t deadline_ns,
                     struct pf_error *err);
/* Frees whatever was not handed over. NULL-safe. */
void pf_builder_fini(struct pf_doc_builder *b);
/* Ends the last block; PF_E_EMPTY when no text was produced. On success *out_doc owns the
 * document and the builder is empty. */
PF_MUST_CHECK pf_status pf_builder_finish(struct pf_doc_builder *b, struct pf_document **out_doc);

/* Records a failure (first one wins) and returns the sticky status. */
pf_status pf_builder_fail(struct pf_doc_builder *b, pf_status st, const char *field,
                          const char *fmt, ...) PF_PRINTF(4, 5);
/* PF_E_TIMEOUT once the deadline passed (checked every call; cheap). */
PF_MUST_CHECK pf_status pf_builder_check_time(struct pf_doc_builder *b);
/* Adds a warning code with a message (deduplicated by code). */
void pf_builder_warn(struct pf_doc_builder *b, const char *code, const char *fmt, ...)
    PF_PRINTF(3, 4);

/* Opens a new page (formats without pages open one page of 0 x 0 first). */
void pf_builder_page(struct pf_doc_builder *b, float width, float height);
/* Interns a font name (a PDF subset prefix "ABCDEF+" is removed); returns its index. */
uint32_t pf_builder_font(struct pf_doc_builder *b, const char *name, size_t len);
/* Interns a link target; returns its index. */
int32_t pf_builder_link(struct pf_doc_builder *b, const char *url, size_t len);

/* Starts a block (ending any open one). */
void pf_builder_block_begin(struct pf_doc_builder *b, const struct pf_block_attrs *attrs);
/* Ends the open block; a block without text is discarded. */
void pf_builder_block_end(struct pf_doc_builder *b);
/* Appends text in style to the current line of the open block (opening a paragraph block when
 * none is open), normalised per mode. */
void pf_builder_text(struct pf_doc_builder *b, struct pf_str text,
                     const struct pf_span_style *style, enum pf_text_mode mode);
/* Appends one code point (normalised like text). */
void pf_builder_char(struct pf_doc_builder *b, uint32_t cp, const struct pf_span_style *style);
/* A separator before the next text on this line: 1 space, 2 tab (no-op at the line start). */
void pf_builder_separator(struct pf_doc_builder *b, int sep);
/* Ends the current line (the next text starts a new line in the same block). */
void pf_builder_line_break(struct pf_doc_builder *b);
/* The current line's number of bytes so far (0 when no line is open). */
size_t pf_builder_line_len(const struct pf_doc_builder *b);

/* Sets a metadata string (copied; invalid UTF-8 repaired; empty ignored). which is one of
 * "title", "author", "subject", "keywords", "creator", "producer", "language". */
void pf_builder_meta(struct pf_doc_builder *b, const char *which, struct pf_str value);
/* Sets a date ("created" or "modified") from a PDF date (D:YYYYMMDDHHmmSS+HH'mm'), ISO 8601 or
 * W3CDTF text; text that cannot be understood is kept as is with has_* false. */
void pf_builder_meta_date(struct pf_doc_builder *b, const char *which, struct pf_str value);

/* Text normalisation, shared with the readers: what a code point becomes. Returns the number
 * of code points written to out (0 = dropped, 1..3 for ligatures); out[0] == ' ' for spaces,
 * '\t' for tabs, '\n' for line breaks. */
size_t pf_normalize_cp(uint32_t cp, uint32_t out[3]);

/* Encodings for text-like formats: converts bytes in the detected encoding (BOM, UTF-16 with
 * or without BOM, UTF-8, else Windows-1252/Latin-1) into valid UTF-8 in out (invalid UTF-8
 * sequences become U+FFFD). out_name gets "utf-8", "utf-16le", "utf-16be" or "windows-1252";
 * out_repaired is set when bytes were replaced. Strips a BOM. */
void pf_decode_text(struct pf_str bytes, struct pf_buf *out, const char **out_name,
                    bool *out_repaired);
/* A Windows code page byte (1250..1258, 874, 437, 850; others as 1252) to Unicode. */
uint32_t pf_codepage_to_unicode(int codepage, unsigned char byte);

/* The readers. Each feeds b and returns its sticky status (or a status of its own). */
PF_MUST_CHECK pf_status pf_ingest_read_text(struct pf_doc_builder *b, struct pf_str bytes,
                                            bool markdown);
PF_MUST_CHECK pf_status pf_ingest_read_html(struct pf_doc_builder *b, struct pf_str bytes);
PF_MUST_CHECK pf_status pf_ingest_read_rtf(struct pf_doc_builder *b, struct pf_str bytes);
PF_MUST_CHECK pf_status pf_ingest_read_json(struct pf_doc_builder *b, struct pf_str bytes);
PF_MUST_CHECK pf_status pf_ingest_read_docx(struct pf_doc_builder *b, struct pf_str bytes);
PF_MUST_CHECK pf_status pf_ingest_read_odt(struct pf_doc_builder *b, struct pf_str bytes);
PF_MUST_CHECK pf_status pf_ingest_read_pdf(struct pf_doc_builder *b, struct pf_str bytes);

/* Detection helpers (ingest_detect.c), exposed for tests. */
bool pf_detect_is_pdf(struct pf_str bytes);
bool pf_detect_looks_html(struct pf_str bytes);
bool pf_detect_looks_markdown(struct pf_str text);
/* True when text (UTF-8) parses as a JSON object with a JSON Resume top-level key. */
bool pf_detect_looks_json_resume(struct pf_str bytes);

#endif
