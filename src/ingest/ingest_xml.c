/* The hardened streaming XML reader shared by the DOCX and ODT readers. */
#include "ingest/ingest_xml.h"

#include <pthread.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

void pf_xml_global_init(void)
{
    pthread_once(&xml_once, xml_init);
}

/* Case-insensitive search for "<!doctype" or "<!entity" in data. */
static bool has_declaration(const char *data, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++) {
        if (data[i] != '<' || data[i + 1] != '!')
            continue;
        struct pf_str rest = pf_str_make(data + i + 2, len - i - 2);
        if (pf_str_case_eq_cstr(pf_str_slice(rest, 0, 7), "doctype") ||
            pf_str_case_eq_cstr(pf_str_slice(rest, 0, 6), "entity"))
            return true;
    }
    return false;
}

/* libxml2 pulls bytes through here: inflated (and counted) from the ZIP entry, and scanned for
 * a DTD before the parser sees them. Entities are never needed in OOXML/ODF, so a document
 * declaring any is refused rather than parsed (billion laughs, XXE). */
static int read_chunk(void *ctx, char *buffer, int len)
{
    struct pf_xml *x = ctx;
    if (len <= 0)
        return 0;
    long got = pf_zip_entry_read(x->entry, buffer, (size_t)len);
    if (got < 0) {
        x->io_failed = true;
        return -1;
    }
    char window[16 + 4096];
    size_t keep = x->tail_len;
    memcpy(window, x->tail, keep);
    size_t n = (size_t)got < 4096 ? (size_t)got : 4096;
    /* Scan the whole chunk in windows that overlap by the tail. */
    for (size_t off = 0; off < (size_t)got; off += n) {
        size_t part = (size_t)got - off < n ? (size_t)got - off : n;
        memcpy(window + keep, buffer + off, part);
        if (has_declaration(window, keep + part)) {
            x->refused_dtd = true;
            return -1;
        }
        size_t total = keep + part;
        keep = total < 9 ? total : 9;
        memmove(window, window + total - keep, keep);
    }
    memcpy(x->tail, window, keep);
    x->tail_len = keep;
    return (int)got;
}

static int close_chunk(void *ctx)
{
    (void)ctx;
    return 0;
}

static void on_error(void *ctx, xmlErrorPtr error)
{
    struct pf_xml *x = ctx;
    if (error && error->message && strstr(error->message, "depth"))
        x->depth_error = true;
}

pf_status pf_xml_open(struct pf_xml *x, struct pf_doc_builder *b, struct pf_zip *zip,
                      const char *part, bool *out_found)
{
    memset(x, 0, sizeof(*x));
    x->b = b;
    x->part = part;
    *out_found = false;
    pf_xml_global_init();
    pf_status st = pf_zip_entry_open(zip, part, &x->entry);
    if (st != PF_OK || !x->entry)
        return st;
    *out_found = true;
    /* No XML_PARSE_NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID, no HUGE
     * (libxml2 keeps its own size and depth caps), no network. */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT |
                  XML_PARSE_NOCDATA;
    xmlTextReaderPtr reader = xmlReaderForIO(read_chunk, close_chunk, x, part, NULL, options);
    if (!reader) {
        pf_zip_entry_close(x->entry);
        x->entry = NULL;
        return pf_builder_fail(b, PF_E_CORRUPT, NULL, "%s cannot be parsed", part);
    }
    xmlTextReaderSetStructuredErrorHandler(reader, on_error, x);
    x->reader = reader;
    return PF_OK;
}

void pf_xml_close(struct pf_xml *x)
{
    if (!x)
        return;
    if (x->reader)
        xmlFreeTextReader(x->reader);
    x->reader = NULL;
    pf_zip_entry_close(x->entry);
    x->entry = NULL;
}

static int failed(struct pf_xml *x)
{
    struct pf_doc_builder *b = x->b;
    if (b->status != PF_OK)
        return -1;
    if (x->refused_dtd)
        pf_builder_fail(b, PF_E_CORRUPT, "xml_dtd",
                        "%s declares a DTD or entities, which are not allowed", x->part);
    else if (x->depth_error)
        pf_builder_fail(b, PF_E_TOO_BIG, "limit_xml_depth",
                        "%s nests elements deeper than limit_xml_depth", x->part);
    else
        pf_builder_fail(b, PF_E_CORRUPT, NULL, "%s is not well-formed XML", x->part);
    return -1;
}

int pf_xml_read(struct pf_xml *x)
{
    int rc = xmlTextReaderRead(x->reader);
    if (rc < 0 || x->io_failed || x->refused_dtd)
        return failed(x);
    if (rc == 0)
        return 0;
    int depth = xmlTextReaderDepth(x->reader);
    if (depth < 0 || (size_t)depth > x->b->limits->max_xml_depth) {
        pf_builder_fail(x->b, PF_E_TOO_BIG, "limit_xml_depth",
                        "%s nests elements deeper than limit_xml_depth (%zu)", x->part,
                        x->b->limits->max_xml_depth);
        return -1;
    }
    int type = xmlTextReaderNodeType(x->reader);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
        x->refused_dtd = true;
        return failed(x);
    }
    return 1;
}

int pf_xml_skip(struct pf_xml *x)
{
    if (xmlTextReaderIsEmptyElement(x->reader) == 1)
        return 1;
    /* Read through to the matching end tag, so the next pf_xml_read() returns the node after
     * the subtree (xmlTextReaderNext() would leave the reader on it already). */
    int depth = xmlTextReaderDepth(x->reader);
    int rc;
    while ((rc = pf_xml_read(x)) == 1) {
        if (xmlTextReaderNodeType(x->reader) == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(x->reader) == depth)
            break;
    }
    return rc;
}

int pf_xml_type(const struct pf_xml *x)
{
    return xmlTextReaderNodeType(x->reader);
}

int pf_xml_depth(const struct pf_xml *x)
{
    return xmlTextReaderDepth(x->reader);
}

bool pf_xml_is_empty(const struct pf_xml *x)
{
    return xmlTextReaderIsEmptyElement(x->reader) == 1;
}

const char *pf_xml_local(const struct pf_xml *x)
{
    const xmlChar *name = xmlTextReaderConstLocalName(x->reader);
    return name ? (const char *)name : "";
}

const char *pf_xml_ns(const struct pf_xml *x)
{
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(x->reader);
    return ns ? (const char *)ns : "";
}

const char *pf_xml_value(const struct pf_xml *x)
{
    const xmlChar *value = xmlTextReaderConstValue(x->reader);
    return value ? (const char *)value : "";
}

static bool ns_matches(const char *ns, const char *suffix)
{
    if (!suffix[0])
        return true;
    size_t n = strlen(ns);
    size_t k = strlen(suffix);
    return n >= k && memcmp(ns + n - k, suffix, k) == 0;
}

bool pf_xml_is(const struct pf_xml *x, const char *ns_suffix, const char *local)
{
    return strcmp(pf_xml_local(x), local) == 0 && ns_matches(pf_xml_ns(x), ns_suffix);
}

bool pf_xml_attr(const struct pf_xml *x, const char *ns_suffix, const char *local, char *out,
                 size_t cap)
{
    xmlTextReaderPtr reader = x->reader;
    bool found = false;
    if (xmlTextReaderMoveToFirstAttribute(reader) != 1)
        return false;
    do {
        const xmlChar *name = xmlTextReaderConstLocalName(reader);
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(reader);
        if (!name || strcmp((const char *)name, local) != 0)
            continue;
        if (ns_suffix[0] ? !ns_matches(ns ? (const char *)ns : "", ns_suffix) : ns != NULL)
            continue;
        const xmlChar *value = xmlTextReaderConstValue(reader);
        const char *text = value ? (const char *)value : "";
        size_t len = strnlen(text, cap - 1);
        memcpy(out, text, len);
        out[len] = '\0';
        found = true;
        break;
    } while (xmlTextReaderMoveToNextAttribute(reader) == 1);
    xmlTextReaderMoveToElement(reader);
    return found;
}
