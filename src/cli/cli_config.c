/* `personaforge config show|example|markdown`: the effective configuration and its docs. */
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"

static const char usage[] = "show|example|markdown [--config FILE] [--set NAME=VALUE ...]";

int pf_cli_config(struct pf_cli *cli, int argc, char **argv)
{
    const char *action = "show";
    for (int i = 1; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used < 0)
            return pf_cli_usage(cli, usage);
        if (used > 0) {
            i += used;
            continue;
        }
        if (argv[i][0] == '-')
            return pf_cli_usage(cli, usage);
        action = argv[i++];
    }
    int rc = pf_cli_load_config(cli);
    if (rc != PF_EXIT_OK)
        return rc;
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    if (strcmp(action, "show") == 0)
        pf_config_show(cli->config, &out);
    else if (strcmp(action, "example") == 0)
        pf_config_write_example(&out);
    else if (strcmp(action, "markdown") == 0)
        pf_config_write_markdown(&out);
    else
        rc = pf_cli_usage(cli, usage);
    fputs(pf_buf_cstr(&out), stdout);
    pf_buf_fini(&out);
    return rc;
}
