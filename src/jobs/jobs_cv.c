/* The parse_cv job: original file → document (ingest) → stored text, diagnostics and result. */
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "ingest/ingest.h"
#include "parse/parse.h"
#include "jobs/jobs_int.h"
#include "kb/kb_service.h"
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
        return "The document could not be understood.";
    case PF_E_PARSE:
        return "The document has text, but nothing that reads as a CV: no name, contact detail "
               "or section heading was found.";
    default:
        return NULL;
    }
}

static bool is_final_reading_error(pf_status st)
{
    return explain(st) != NULL;
}

/* Fills result from a document that was read. */
static void describe_document(const struct pf_document *doc, struct pf_cv_result *result)
{
    struct pf_str text = pf_document_text(doc);
    const struct pf_doc_meta *meta = pf_document_meta(doc);
    result->status = PF_CV_PARSED;
    result->format = pf_doc_format_name(pf_document_format(doc));
    result->raw_text = text.ptr;
    result->raw_text_len = text.len;
    result->document_date = meta->has_modified  ? meta->modified_ms
                            : meta->has_created ? meta->created_ms
                                                : 0;
}

pf_status pf_job_parse_cv(struct pf_app *app, struct pf_arena *arena, const struct pf_job *job,
                          struct pf_error *err)
{
    struct pf_document *doc = NULL;
    json_t *diagnostics = NULL;
    json_t *resume = NULL;
    struct pf_cv *cv = NULL;
    const char *bytes = NULL;
    size_t len = 0;
    struct pf_cv_result result = {.id = job->subject_id};

    pf_status st = pf_store_cv_get_any(app->store, arena, job->subject_id, &cv, err);
    if (st == PF_OK)
        st = pf_store_cv_file(app->store, arena, (pf_id){{0}}, cv->id, &bytes, &len, err);
    if (st == PF_OK)
        st = pf_store_cv_set_processing(app->store, cv->id, pf_time_now_ms(), err);
    if (st != PF_OK)
        goto done;

    struct pf_ingest_limits limits;
    pf_ingest_limits_from_config(app->config, &limits);
    struct pf_error read_err = PF_ERROR_INIT;
    pf_status read = pf_ingest(&limits, pf_str_make(bytes, len), &doc, &read_err);
    if (read != PF_OK && !is_final_reading_error(read)) {
        *err = read_err;
        st = read;
        goto done;
    }
    if (read != PF_OK) {
        /* A file that cannot be read will not read on a retry: record the reason for good. */
        result.status = PF_CV_FAILED;
        result.error_code = pf_status_code(read);
        result.error = pf_arena_printf(arena, "%s (%s)", explain(read),
                                       pf_error_message(&read_err));
        diagnostics = json_pack("{s:s,s:s}", "error", pf_status_code(read), "limit",
                                read_err.field);
    } else {
        describe_document(doc, &result);
        /* "Present" means the document's date when it has one, else the day of the upload. */
        int64_t as_of = result.document_date ? result.document_date : cv->created_at;
        struct pf_parse_options options = {.as_of_days = cv->created_at / 86400000,
                                           .has_as_of = true};
        struct pf_error parse_err = PF_ERROR_INIT;
        json_t *parser = NULL;
        pf_status parsed = pf_parse_document(doc, &options, &resume, &parser, &parse_err);
        /* One diagnostics object: the reader's (format, pages, columns, characters, warnings)
         * with the parser's (sections, low-confidence fields) under "parser". */
        diagnostics = pf_document_diagnostics(doc);
        if (parser) {
            json_object_del(parser, "reader");
            json_object_set_new(diagnostics, "parser", parser);
        }
        if (parsed == PF_E_EMPTY || parsed == PF_E_PARSE) {
            result.status = PF_CV_FAILED;
            result.error_code = pf_status_code(parsed);
            result.error = pf_arena_printf(arena, "%s (%s)", explain(parsed),
                                           pf_error_message(&parse_err));
        } else if (parsed != PF_OK) {
            *err = parse_err;
            st = parsed;
            goto done;
        } else {
            result.parsed_json = resume;
            st = pf_kb_service_ingest_cv(app->store, app->kb, cv->workspace_id, cv->user_id,
                                         cv->id, resume,
                                         pf_str_make(result.raw_text, result.raw_text_len),
                                         as_of, NULL, err);
            if (st != PF_OK)
                goto done;
        }
    }
    result.diagnostics = diagnostics;
    result.now = pf_time_now_ms();
    st = pf_store_cv_finish(app->store, &result, err);
done:
    json_decref(diagnostics);
    json_decref(resume);
    pf_document_free(doc);
    /* The CV was deleted while queued or running: nothing is left to do. */
    return st == PF_E_NOT_FOUND ? PF_OK : st;
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
