/* Fuzz target: arbitrary text through the text or Markdown reader and the CV parser. The first
 * byte picks the reader, the meta/diagnostics options and the reference date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "parse/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t mode = data[0];
    struct pf_str text = pf_str_make((const char *)data + 1, size - 1);
    enum pf_doc_format format = (mode & 1) ? PF_DOC_FORMAT_MARKDOWN : PF_DOC_FORMAT_TEXT;
    if ((mode & 6) == 6)
        format = PF_DOC_FORMAT_UNKNOWN; /* detect by content: HTML, RTF, JSON Resume too */
    struct pf_parse_options opts;
    memset(&opts, 0, sizeof(opts));
    opts.no_meta = (mode & 8) != 0;
    opts.has_as_of = (mode & 16) != 0;
    opts.force_as_of = (mode & 32) != 0;
    opts.as_of_days = 20000 + (int64_t)(mode >> 6) * 365;
    struct pf_document *doc = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = format == PF_DOC_FORMAT_UNKNOWN ? pf_ingest(NULL, text, &doc, &err)
                                                   : pf_ingest_as(NULL, format, text, &doc, &err);
    if (st == PF_OK) {
        json_t *resume = NULL;
        json_t *diag = NULL;
        if (pf_parse_document(doc, &opts, &resume, (mode & 64) ? &diag : NULL, &err) == PF_OK) {
            char *dump = json_dumps(resume, JSON_COMPACT);
            free(dump);
        }
        json_decref(diag);
        json_decref(resume);
    }
    pf_document_free(doc);
    return 0;
}
