/* `personaforge gen TARGET OUT`: writes a generated file that is committed (`make gen`). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "http/http_openapi.h"

static const char usage[] = "config-example|config-doc|openapi OUT";

int pf_cli_gen(struct pf_cli *cli, int argc, char **argv)
{
    if (argc != 3)
        return pf_cli_usage(cli, usage);
    struct pf_buf out = PF_BUF_INIT(16 << 20);
    int rc = PF_EXIT_OK;
    if (strcmp(argv[1], "config-example") == 0) {
        pf_config_write_example(&out);
    } else if (strcmp(argv[1], "config-doc") == 0) {
        pf_config_write_markdown(&out);
    } else if (strcmp(argv[1], "openapi") == 0) {
        json_t *doc = pf_openapi_document();
        char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        pf_buf_puts(&out, text);
        pf_buf_putc(&out, '\n');
        free(text);
        json_decref(doc);
    } else {
        pf_buf_fini(&out);
        return pf_cli_usage(cli, usage);
    }
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_cli_write_output(argv[2], out.ptr, out.len, &err);
    if (st != PF_OK)
        rc = pf_cli_fail(cli, st, &err);
    pf_buf_fini(&out);
    return rc;
}
