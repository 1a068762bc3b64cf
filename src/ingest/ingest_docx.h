/* Private to src/ingest/: the DOCX package parts the body reader consults (relationships,
 * styles, numbering) and the document properties. */
#ifndef PF_INGEST_INGEST_DOCX_H
#define PF_INGEST_INGEST_DOCX_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/ingest_int.h"
#include "ingest/ingest_zip.h"

enum pf_docx_rel_kind { PF_REL_OTHER, PF_REL_HYPERLINK, PF_REL_HEADER, PF_REL_FOOTER };

struct pf_docx_rel {
    char *id;     /* owned */
    char *target; /* owned: a URL (external) or a part name relative to word/ */
    enum pf_docx_rel_kind kind;
    bool external;
};

#define PF_DOCX_NAME 64 /* bytes kept of a style id or name */

/* A style's own settings; -1 (or 0 for size) means "inherit". */
struct pf_docx_style {
    char id[PF_DOCX_NAME];
    char name[PF_DOCX_NAME]; /* lowercased, spaces removed ("heading1") */
    char based_on[PF_DOCX_NAME];
    int outline; /* 0-based outline level */
    int num_id;
    int ilvl;
    signed char bold, italic, caps, small_caps;
    int size_half; /* half-points */
    char font[PF_DOCX_NAME];
};

/* Settings after following basedOn. */
struct pf_docx_resolved {
    enum pf_block_kind kind; /* PARAGRAPH, TITLE, HEADING or LIST_ITEM */
    int level;
    bool numbered; /* a LIST_ITEM from a "List Number" style */
    int num_id; /* 0 when none */
    int ilvl;
    bool bold, italic, caps, small_caps;
    int size_half;
    const char *font; /* borrowed from the style table, "" when none */
};

struct pf_docx_abstract {
    int id;
    signed char numbered[9]; /* per level: 1 numbered, 0 bullet, -1 unknown */
};

struct pf_docx_num {
    int num_id;
    int abstract_id;
    signed char numbered[9]; /* copied from its abstract definition once loaded */
};

struct pf_docx_parts {
    struct pf_docx_rel *rels;
    size_t rel_count, rel_cap;
    struct pf_docx_style *styles; /* sorted by id once loaded */
    size_t style_count, style_cap;
    struct pf_docx_abstract *abstracts;
    size_t abstract_count, abstract_cap;
    struct pf_docx_num *nums;
    size_t num_count, num_cap;
    int default_size_half;
    char default_font[PF_DOCX_NAME];
};

void pf_docx_parts_fini(struct pf_docx_parts *parts);
/* Each reads one part if present (absent parts are not errors). */
PF_MUST_CHECK pf_status pf_docx_read_rels(struct pf_doc_builder *b, struct pf_zip *zip,
                                          struct pf_docx_parts *parts);
PF_MUST_CHECK pf_status pf_docx_read_styles(struct pf_doc_builder *b, struct pf_zip *zip,
                                            struct pf_docx_parts *parts);
PF_MUST_CHECK pf_status pf_docx_read_numbering(struct pf_doc_builder *b, struct pf_zip *zip,
                                               struct pf_docx_parts *parts);
/* docProps/core.xml and app.xml into the document's metadata. */
PF_MUST_CHECK pf_status pf_docx_read_properties(struct pf_doc_builder *b, struct pf_zip *zip);

const struct pf_docx_rel *pf_docx_rel_find(const struct pf_docx_parts *parts, const char *id);
/* Resolves paragraph or character style id (NULL or unknown: the defaults). */
void pf_docx_style_resolve(const struct pf_docx_parts *parts, const char *id,
                           struct pf_docx_resolved *out);
/* 1 numbered, 0 bulleted for a list level (unknown lists count as bulleted). */
int pf_docx_list_numbered(const struct pf_docx_parts *parts, int num_id, int ilvl);

/* OOXML on/off values: absent, "1", "true", "on" are on. */
bool pf_docx_on(const char *value, bool present);

#endif
