/* `personaforge user create EMAIL --name NAME [--plan P]`: creates an account; the password is
 * read from standard input (first line), so it never appears in the process list. */
#include <stdio.h>
#include <string.h>

#include "account/account.h"
#include "cli/cli.h"

static const char usage[] = "create EMAIL --name NAME [--plan free|pro|team] < password";

int pf_cli_user(struct pf_cli *cli, int argc, char **argv)
{
    const char *email = NULL;
    const char *name = NULL;
    const char *plan_name = "free";
    if (argc < 3 || strcmp(argv[1], "create") != 0)
        return pf_cli_usage(cli, usage);
    email = argv[2];
    for (int i = 3; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used < 0)
            return pf_cli_usage(cli, usage);
        if (used > 0) {
            i += used;
        } else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
            name = argv[i + 1];
            i += 2;
        } else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc) {
            plan_name = argv[i + 1];
            i += 2;
        } else {
            return pf_cli_usage(cli, usage);
        }
    }
    enum pf_plan plan;
    if (!name || !pf_plan_parse(plan_name, &plan))
        return pf_cli_usage(cli, usage);
    int rc = pf_cli_load_config(cli);
    if (rc != PF_EXIT_OK)
        return rc;
    char password[1100];
    if (!fgets(password, sizeof(password), stdin)) {
        fprintf(stderr, "personaforge user: give the password on standard input\n");
        return PF_EXIT_INPUT;
    }
    password[strcspn(password, "\r\n")] = '\0';

    struct pf_error err = PF_ERROR_INIT;
    struct pf_app *app = NULL;
    struct pf_user *user = NULL;
    pf_status st = pf_account_init(&err);
    if (st == PF_OK)
        st = pf_app_new(pf_config_dup(cli->config), true, &app, &err);
    if (st == PF_OK)
        st = pf_account_register(app, cli->arena, email, password, name, plan, &user, &err);
    if (st == PF_OK) {
        char id[PF_ID_STR_LEN];
        pf_id_format(user->id, id);
        printf("%s\n", id);
    } else {
        rc = pf_cli_fail(cli, st, &err);
    }
    memset(password, 0, sizeof(password));
    pf_app_free(app);
    return rc;
}
