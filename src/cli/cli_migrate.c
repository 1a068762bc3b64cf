/* `personaforge migrate`: applies the embedded migrations and exits. */
#include "app/app.h"
#include "cli/cli.h"

int pf_cli_migrate(struct pf_cli *cli, int argc, char **argv)
{
    int rc = pf_cli_parse_common_only(cli, argc, argv, "[--database URL] [--data-dir DIR]");
    if (rc != PF_EXIT_OK)
        return rc;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_app *app = NULL;
    pf_status st = pf_app_new(pf_config_dup(cli->config), false, &app, &err);
    int applied = 0;
    if (st == PF_OK)
        st = pf_store_migrate(app->store, &applied, &err);
    if (st == PF_OK)
        st = pf_app_seed(app, &err);
    if (st == PF_OK)
        printf("migrate: %d migration%s applied (%s)\n", applied, applied == 1 ? "" : "s",
               pf_store_backend(app->store));
    else
        rc = pf_cli_fail(cli, st, &err);
    pf_app_free(app);
    return rc;
}
