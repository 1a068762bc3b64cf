/* `personaforge extract FILE [--json] [--as FORMAT]`: a document's text in reading order, or
 * the whole document model (blocks, lines, spans, fonts) as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "cli/cli.h"
#include "ingest/ingest.h"

static const char usage[] =
    "FILE [--json] [--as pdf|docx|odt|html|text|markdown|rtf|json_resume] (FILE - reads stdin)";

static bool parse_format(const char *name, enum pf_doc_format *out_format)
{
    for (int f = PF_DOC_FORMAT_UNKNOWN + 1; f < PF_DOC_FORMAT_COUNT_; f++) {
        if (strcmp(name, pf_doc_format_name((enum pf_doc_format)f)) == 0) {
            *out_format = (enum pf_doc_format)f;
            return true;
        }
    }
    return false;
}

int pf_cli_extract(struct pf_cli *cli, int argc, char **argv)
{
    const char *path = NULL;
    bool as_json = false;
    bool forced = false;
    enum pf_doc_format format = PF_DOC_FORMAT_UNKNOWN;
    for (int i = 1; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used < 0)
            return pf_cli_usage(cli, usage);
        if (used > 0) {
            i += used;
            continue;
        }
        if (strcmp(argv[i], "--json") == 0) {
            as_json = true;
            i++;
        } else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc) {
            if (!parse_format(argv[i + 1], &format))
                return pf_cli_usage(cli, usage);
            forced = true;
            i += 2;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return pf_cli_usage(cli, usage);
        } else if (!path) {
            path = argv[i++];
        } else {
            return pf_cli_usage(cli, usage);
        }
    }
    if (!path)
        return pf_cli_usage(cli, usage);
    int rc = pf_cli_load_config(cli);
    if (rc != PF_EXIT_OK)
        return rc;

    struct pf_ingest_limits limits;
    pf_ingest_limits_from_config(cli->config, &limits);
    struct pf_buf bytes;
    struct pf_buf out = PF_BUF_INIT((size_t)1 << 30);
    struct pf_document *doc = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_cli_read_file(path, limits.max_bytes, "limit_upload_bytes", &bytes, &err);
    if (st != PF_OK)
        goto done;
    if (forced)
        st = pf_ingest_as(&limits, format, pf_buf_view(&bytes), &doc, &err);
    else
        st = pf_ingest(&limits, pf_buf_view(&bytes), &doc, &err);
    if (st != PF_OK)
        goto done;
    if (as_json) {
        json_t *json = pf_document_to_json(doc);
        char *text = json_dumps(json, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        pf_buf_puts(&out, text);
        free(text);
        json_decref(json);
    } else {
        pf_buf_append_str(&out, pf_document_text(doc));
    }
    pf_buf_putc(&out, '\n');
    st = pf_cli_write_output("-", out.ptr, out.len, &err);
done:
    if (st != PF_OK) {
        /* One line a script can act on: the status code first ("no_text_layer: ..."). */
        char message[PF_ERROR_MSG_MAX];
        snprintf(message, sizeof(message), "%s", pf_error_message(&err));
        (void)pf_error_set(&err, st, "%s: %s", pf_status_code(st), message);
        rc = pf_cli_fail(cli, st, &err);
    }
    pf_document_free(doc);
    pf_buf_fini(&out);
    pf_buf_fini(&bytes);
    return rc;
}
