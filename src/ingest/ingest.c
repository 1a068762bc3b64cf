/* The ingestion entry points: limits from config, detection, dispatch to one reader per
 * format, and the work budget around it. */
#include "ingest/ingest.h"

#include "base/clock.h"
#include "ingest/ingest_int.h"

typedef pf_status (*reader_fn)(struct pf_doc_builder *b, struct pf_str bytes);

static pf_status read_text(struct pf_doc_builder *b, struct pf_str bytes)
{
    return pf_ingest_read_text(b, bytes, false);
}

static pf_status read_markdown(struct pf_doc_builder *b, struct pf_str bytes)
{
    return pf_ingest_read_text(b, bytes, true);
}

static const reader_fn readers[PF_DOC_FORMAT_COUNT_] = {
    [PF_DOC_FORMAT_UNKNOWN] = NULL,
#ifdef PF_HAVE_PDF
    [PF_DOC_FORMAT_PDF] = pf_ingest_read_pdf,
#endif
    [PF_DOC_FORMAT_DOCX] = pf_ingest_read_docx,
    [PF_DOC_FORMAT_ODT] = pf_ingest_read_odt,
    [PF_DOC_FORMAT_HTML] = pf_ingest_read_html,
    [PF_DOC_FORMAT_TEXT] = read_text,
    [PF_DOC_FORMAT_MARKDOWN] = read_markdown,
    [PF_DOC_FORMAT_RTF] = pf_ingest_read_rtf,
    [PF_DOC_FORMAT_JSON_RESUME] = pf_ingest_read_json,
};

static size_t clamp_size(int64_t value)
{
    return value < 0 ? 0 : (size_t)value;
}

void pf_ingest_limits_from_config(const struct pf_config *config, struct pf_ingest_limits *out)
{
    out->max_bytes = clamp_size(config->limit_upload_bytes);
    out->max_pages = clamp_size(config->limit_pages);
    out->max_zip_entries = clamp_size(config->limit_zip_entries);
    out->max_zip_inflated = (uint64_t)config->limit_zip_inflated;
    out->max_zip_ratio = (uint64_t)config->limit_zip_ratio;
    out->max_xml_depth = clamp_size(config->limit_xml_depth);
    out->max_json_depth = clamp_size(config->limit_json_depth);
    out->max_text_bytes = clamp_size(config->limit_extracted_text);
    out->max_ms = config->limit_document_ms;
    out->max_memory = clamp_size(config->limit_document_memory);
}

void pf_ingest_limits_default(struct pf_ingest_limits *out)
{
    struct pf_config *config = pf_config_new();
    pf_ingest_limits_from_config(config, out);
    pf_config_free(config);
}

bool pf_ingest_supports(enum pf_doc_format format)
{
    return (unsigned)format < PF_DOC_FORMAT_COUNT_ && readers[format] != NULL;
}

pf_status pf_ingest_as(const struct pf_ingest_limits *limits, enum pf_doc_format format,
                       struct pf_str bytes, struct pf_document **out_doc, struct pf_error *err)
{
    struct pf_ingest_limits defaults;
    if (!limits) {
        pf_ingest_limits_default(&defaults);
        limits = &defaults;
    }
    if (bytes.len > limits->max_bytes)
        return pf_error_set_field(err, PF_E_TOO_BIG, "limit_upload_bytes",
                                  "the file is larger than limit_upload_bytes (%zu bytes)",
                                  limits->max_bytes);
    if (!pf_ingest_supports(format)) {
        if (format == PF_DOC_FORMAT_UNKNOWN)
            return pf_error_set(err, PF_E_FORMAT,
                                "not a PDF, DOCX, ODT, HTML, RTF, Markdown, text or JSON "
                                "Resume file");
        return pf_error_set(err, PF_E_FORMAT, "%s is not supported by this build",
                            pf_doc_format_name(format));
    }
    int64_t start = pf_monotonic_ns();
    int64_t deadline = limits->max_ms > 0 ? start + limits->max_ms * 1000000 : 0;
    struct pf_doc_builder b;
    pf_builder_init(&b, format, limits, deadline, err);
    pf_status st = readers[format](&b, bytes);
    if (st == PF_OK)
        st = b.status;
    struct pf_document *doc = NULL;
    if (st == PF_OK)
        st = pf_builder_finish(&b, &doc);
    else if (err && err->status == PF_OK)
        (void)pf_error_set(err, st, "%s", pf_status_message(st));
    if (st == PF_OK) {
        doc->elapsed_ms = (pf_monotonic_ns() - start) / 1000000;
        *out_doc = doc;
    }
    pf_builder_fini(&b);
    return st;
}

pf_status pf_ingest(const struct pf_ingest_limits *limits, struct pf_str bytes,
                    struct pf_document **out_doc, struct pf_error *err)
{
    struct pf_ingest_limits defaults;
    if (!limits) {
        pf_ingest_limits_default(&defaults);
        limits = &defaults;
    }
    if (bytes.len > limits->max_bytes)
        return pf_error_set_field(err, PF_E_TOO_BIG, "limit_upload_bytes",
                                  "the file is larger than limit_upload_bytes (%zu bytes)",
                                  limits->max_bytes);
    if (bytes.len == 0)
        return pf_error_set(err, PF_E_EMPTY, "the file is empty");
    return pf_ingest_as(limits, pf_ingest_detect(bytes), bytes, out_doc, err);
}
