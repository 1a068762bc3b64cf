/* The one entry point: everything else is a subcommand in src/cli/. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return pf_cli_main(argc, argv);
}
