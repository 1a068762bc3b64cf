/* The parse_cv job: original file → document (ingest) → stored text, diagnostics and result. */
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "ingest/ingest.h"
#include "jobs/jobs_int.h"
#include "store/store_cvs.h"

#define PF_LOG_MODULE "jobs"

/* What a person reads when their CV could not be read, by status. */
static const char *explain(pf_status st)
{
    switch (st) {
    case PF_E_NO_TEXT:
        return "This PDF has no text layer: it looks scanned or made of images. Export it again "
               "as a text PDF, or upload the DOCX.";
    case PF_E_ENCRYPTED:
        return "The file is password-protected. Remove the password and upload it again.";
    case PF_E_CORRUPT:
        return "The file is damaged or incomplete. Save or export it again and re-upload it.";
    case PF_E_FORMAT:
        return "This kind of file is not supported. Upload a PDF, DOCX, ODT, RTF, HTML, text, "
               "Markdown or JSON Resume file.";
    case PF_E_EMPTY:
        return "The document contains no text.";
    case PF_E_TOO_BIG:
        return "The document is larger than this server accepts.";
    case PF_E_TIMEOUT:
        return "Reading the document took longer than this server allows.";
    case PF_E_INVALID:
    case PF_E_PARSE:
        return "The document could not be understood.";
    default:
        return NULL;
    }
}

static bool is_final_reading_error(pf_status st)
{
    return explain(st) != NULL;
}

pf_status pf_job_parse_cv(struct pf_app *app, struct pf_arena *arena, const struct pf_job *job,
                          struct pf_error *err)
{
    struct pf_document *doc = NULL;
    json_t *diagnostics = NULL;
    const char *bytes = NULL;
    size_t len = 0;
    int64_t now = pf_time_now_ms();
    pf_status st = pf_store_cv_file(app->store, arena, (pf_id){{0}}, job->subject_id, &bytes,
                                    &len, err);
    if (st == PF_E_NOT_FOUND)
        return PF_OK; /* the CV was deleted meanwhile: nothing left to do */
    if (st != PF_OK)
        return st;
    st = pf_store_cv_set_processing(app->store, job->subject_id, now, err);
    if (st != PF_OK)
        return st == PF_E_NOT_FOUND ? PF_OK : st;

    struct pf_ingest_limits limits;
    pf_ingest_limits_from_config(app->config, &limits);
    struct pf_error read_err = PF_ERROR_INIT;
    st = pf_ingest(&limits, pf_str_make(bytes, len), &doc, &read_err);
    struct pf_cv_result result = {.id = job->subject_id, .now = pf_time_now_ms()};
    if (st != PF_OK) {
        if (!is_final_reading_error(st)) {
            *err = read_err;
            return st;
        }
        /* A file that cannot be read will not read on a retry: record the reason for good. */
        result.status = PF_CV_FAILED;
        result.error_code = pf_status_code(st);
        result.error = pf_arena_printf(arena, "%s (%s)", explain(st), pf_error_message(&read_err));
        result.diagnostics = diagnostics = json_pack("{s:s,s:s}", "error", pf_status_code(st),
                                                     "limit", read_err.field);
    } else {
        struct pf_str text = pf_document_text(doc);
        const struct pf_doc_meta *meta = pf_document_meta(doc);
        diagnostics = pf_document_diagnostics(doc);
        result.status = PF_CV_PARSED;
        result.format = pf_doc_format_name(pf_document_format(doc));
        result.raw_text = text.ptr;
        result.raw_text_len = text.len;
        result.diagnostics = diagnostics;
        result.document_date = meta->has_modified ? meta->modified_ms
                               : meta->has_created ? meta->created_ms
                                                   : 0;
    }
    st = pf_store_cv_finish(app->store, &result, err);
    if (st == PF_E_NOT_FOUND)
        st = PF_OK;
    json_decref(diagnostics);
    pf_document_free(doc);
    return st;
}

pf_status pf_job_parse_cv_abandon(struct pf_app *app, const struct pf_job *job,
                                  const char *reason, struct pf_error *err)
{
    struct pf_cv_result result = {
        .id = job->subject_id,
        .status = PF_CV_FAILED,
        .error_code = "processing_failed",
        .error = reason,
        .now = pf_time_now_ms(),
    };
    pf_status st = pf_store_cv_finish(app->store, &result, err);
    return st == PF_E_NOT_FOUND ? PF_OK : st;
}
