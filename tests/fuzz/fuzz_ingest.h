/* Shared by the ingest fuzz targets: limits that keep one input fast, the option byte, and a
 * walk over the whole document model (accessors, JSON) so every reader's output is checked. */
#ifndef PF_TESTS_FUZZ_INGEST_H
#define PF_TESTS_FUZZ_INGEST_H

#include <stdint.h>
#include <stdlib.h>

#include "base/json.h"
#include "ingest/ingest.h"

/* Option byte: bit 0 detection vs the forced reader, bit 1 tight limits, bits 2+ per target. */
static inline void pf_fuzz_limits(uint8_t options, struct pf_ingest_limits *limits)
{
    pf_ingest_limits_default(limits);
    limits->max_ms = 2000;
    limits->max_memory = (size_t)256 << 20;
    limits->max_text_bytes = (size_t)1 << 20;
    if (options & 2) {
        limits->max_pages = 2;
        limits->max_xml_depth = 16;
        limits->max_json_depth = 8;
        limits->max_zip_entries = 16;
        limits->max_zip_inflated = (uint64_t)1 << 20;
        limits->max_zip_ratio = 10;
        limits->max_text_bytes = 4096;
    }
}

/* Reads bytes as format (or detected, per the option byte) and walks the result. */
static inline void pf_fuzz_ingest(uint8_t options, enum pf_doc_format format, const uint8_t *data,
                                  size_t size)
{
    struct pf_ingest_limits limits;
    pf_fuzz_limits(options, &limits);
    struct pf_str bytes = pf_str_make((const char *)data, size);
    struct pf_document *doc = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = options & 1 ? pf_ingest(&limits, bytes, &doc, &err)
                               : pf_ingest_as(&limits, format, bytes, &doc, &err);
    if (st != PF_OK)
        return;
    struct pf_str text = pf_document_text(doc);
    if (!pf_utf8_valid(text.ptr, text.len))
        abort();
    for (size_t i = 0; i < pf_document_block_count(doc); i++) {
        const struct pf_doc_block *block = pf_document_block(doc, i);
        if (block->offset + block->len > text.len || block->line_count == 0)
            abort();
        for (size_t l = 0; l < block->line_count; l++) {
            const struct pf_doc_line *line = pf_document_line(doc, block->first_line + l);
            size_t covered = 0;
            for (size_t s = 0; s < line->span_count; s++)
                covered += pf_document_span(doc, line->first_span + s)->len;
            if (covered != line->len ||
                pf_document_line_at(doc, line->offset) >= pf_document_line_count(doc))
                abort(); /* spans must tile their line */
        }
    }
    json_t *json = pf_document_to_json(doc);
    char *dump = pf_json_dump(json);
    free(dump);
    json_decref(json);
    pf_document_free(doc);
}

#endif
