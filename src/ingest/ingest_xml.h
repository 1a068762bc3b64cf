/* Private to src/ingest/: a hardened streaming XML reader (libxml2 xmlTextReader) over a ZIP
 * entry for the DOCX and ODT readers. No network, no DTD: a document type declaration or
 * entity declaration is refused before the parser sees it (no entity expansion, no external
 * entities), element depth is bounded by limit_xml_depth, and inflation by the ZIP limits. */
#ifndef PF_INGEST_INGEST_XML_H
#define PF_INGEST_INGEST_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/ingest_int.h"
#include "ingest/ingest_zip.h"

/* Node types, as xmlReaderTypes numbers them. */
enum pf_xml_node {
    PF_XML_ELEMENT = 1,
    PF_XML_TEXT = 3,
    PF_XML_CDATA = 4,
    PF_XML_WHITESPACE = 13,
    PF_XML_SIGNIFICANT_WHITESPACE = 14,
    PF_XML_END_ELEMENT = 15,
};

struct pf_xml {
    void *reader;               /* xmlTextReaderPtr; owned */
    struct pf_doc_builder *b;   /* borrowed: failures are recorded there */
    struct pf_zip_entry *entry; /* owned */
    const char *part;           /* borrowed: the entry's name, for messages */
    bool refused_dtd;
    bool io_failed;
    bool depth_error; /* libxml2's own depth cap */
    char tail[16];    /* last bytes of the previous chunk, for the DTD scan */
    size_t tail_len;
};

/* Calls xmlInitParser() once per process (thread-safe); every libxml2 user calls it first. */
void pf_xml_global_init(void);

/* Opens the entry part of zip. *out_found is false (PF_OK) when there is no such part. */
PF_MUST_CHECK pf_status pf_xml_open(struct pf_xml *x, struct pf_doc_builder *b, struct pf_zip *zip,
                                    const char *part, bool *out_found);
/* NULL-safe; safe on an unopened (zeroed) struct. */
void pf_xml_close(struct pf_xml *x);
/* Advances to the next node: 1, 0 at the end, -1 after a failure recorded in the builder
 * (PF_E_CORRUPT for malformed XML or a DTD, PF_E_TOO_BIG for limit_xml_depth, ZIP limits,
 * PF_E_TIMEOUT). */
int pf_xml_read(struct pf_xml *x);
/* The current node. */
int pf_xml_type(const struct pf_xml *x);
int pf_xml_depth(const struct pf_xml *x);
bool pf_xml_is_empty(const struct pf_xml *x);
const char *pf_xml_local(const struct pf_xml *x); /* "" when none */
const char *pf_xml_ns(const struct pf_xml *x);    /* "" when none */
const char *pf_xml_value(const struct pf_xml *x); /* text of a text node, "" otherwise */
/* An element named local whose namespace URI ends with ns_suffix ("" matches any). */
bool pf_xml_is(const struct pf_xml *x, const char *ns_suffix, const char *local);
/* Copies the attribute (namespace URI ending with ns_suffix, "" for none) of the current
 * element into out (NUL-terminated, truncated to cap); false when absent. */
bool pf_xml_attr(const struct pf_xml *x, const char *ns_suffix, const char *local, char *out,
                 size_t cap);
/* Skips the current element's subtree: the next pf_xml_read() returns the node after it.
 * Returns 1, or 0/-1 like pf_xml_read() when the document ends or fails inside it. */
int pf_xml_skip(struct pf_xml *x);

/* Namespace suffixes. */
#define PF_NS_W  "wordprocessingml/2006/main"
#define PF_NS_R  "officeDocument/2006/relationships"
#define PF_NS_MC "markup-compatibility/2006"

#endif
