/* `personaforge serve`: not built yet; the issue that delivers it replaces this file. */
#include "cli/cli.h"

int pf_cli_serve(struct pf_cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "personaforge %s: not available in this build yet\n", cli->name);
    return PF_EXIT_USAGE;
}
