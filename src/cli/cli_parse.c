/* `personaforge parse FILE [--pretty] [--no-meta] [--diagnostics] [--as-of YYYY-MM-DD]`: a CV
 * read and parsed into one JSON Resume object on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "parse/parse.h"

static const char usage[] =
    "FILE [--pretty] [--no-meta] [--diagnostics] [--as-of YYYY-MM-DD] (FILE - reads stdin)";

static bool parse_day(const char *text, int64_t *out_days)
{
    int64_t ms = 0;
    struct pf_str s = pf_str_from_cstr(text);
    if (s.len != 10 || !pf_time_parse_iso(s, &ms))
        return false;
    *out_days = ms / 86400000LL;
    return true;
}

int pf_cli_parse(struct pf_cli *cli, int argc, char **argv)
{
    const char *path = NULL;
    bool pretty = false;
    bool with_diag = false;
    struct pf_parse_options opts;
    memset(&opts, 0, sizeof(opts));
    for (int i = 1; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used < 0)
            return pf_cli_usage(cli, usage);
        if (used > 0) {
            i += used;
            continue;
        }
        if (strcmp(argv[i], "--pretty") == 0) {
            pretty = true;
            i++;
        } else if (strcmp(argv[i], "--no-meta") == 0) {
            opts.no_meta = true;
            i++;
        } else if (strcmp(argv[i], "--with-meta") == 0) {
            opts.no_meta = false;
            i++;
        } else if (strcmp(argv[i], "--diagnostics") == 0) {
            with_diag = true;
            i++;
        } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            if (!parse_day(argv[i + 1], &opts.as_of_days))
                return pf_cli_usage(cli, usage);
            opts.has_as_of = true;
            opts.force_as_of = true;
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
    if (!opts.has_as_of) {
        /* Without a date in the document, "Present" means today. */
        opts.as_of_days = pf_time_now_ms() / 86400000LL;
        opts.has_as_of = true;
    }

    struct pf_ingest_limits limits;
    pf_ingest_limits_from_config(cli->config, &limits);
    struct pf_buf bytes;
    struct pf_buf out = PF_BUF_INIT((size_t)1 << 30);
    struct pf_document *doc = NULL;
    json_t *resume = NULL;
    json_t *diag = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_cli_read_file(path, limits.max_bytes, "limit_upload_bytes", &bytes, &err);
    if (st != PF_OK)
        goto done;
    st = pf_ingest(&limits, pf_buf_view(&bytes), &doc, &err);
    if (st != PF_OK)
        goto done;
    st = pf_parse_document(doc, &opts, &resume, with_diag ? &diag : NULL, &err);
    if (st != PF_OK)
        goto done;
    if (diag)
        json_object_set(json_object_get(resume, "meta") ? json_object_get(resume, "meta") : resume,
                        "diagnostics", diag);
    size_t flags = JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    char *text = json_dumps(resume, flags);
    pf_buf_puts(&out, text);
    free(text);
    pf_buf_putc(&out, '\n');
    st = pf_cli_write_output("-", out.ptr, out.len, &err);
done:
    if (st != PF_OK) {
        char message[PF_ERROR_MSG_MAX];
        snprintf(message, sizeof(message), "%s", pf_error_message(&err));
        (void)pf_error_set(&err, st, "%s: %s", pf_status_code(st), message);
        rc = pf_cli_fail(cli, st, &err);
    }
    json_decref(diag);
    json_decref(resume);
    pf_document_free(doc);
    pf_buf_fini(&out);
    pf_buf_fini(&bytes);
    return rc;
}
