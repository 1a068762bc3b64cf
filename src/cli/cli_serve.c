/* `personaforge serve`: the HTTP API and web UI, with background workers, until SIGTERM. */
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "account/account.h"
#include "base/log.h"
#include "cli/cli.h"
#include "gap/gap.h"
#include "http/http.h"
#include "jobs/jobs.h"
#include "render/render.h"

#define PF_LOG_MODULE "serve"

static const char usage[] =
    "[--listen HOST:PORT] [--database URL] [--data-dir DIR] [--config FILE] [--set NAME=VALUE]";

int pf_cli_serve(struct pf_cli *cli, int argc, char **argv)
{
    int rc = pf_cli_parse_common_only(cli, argc, argv, usage);
    if (rc != PF_EXIT_OK)
        return rc;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_app *app = NULL;
    struct pf_http_server *server = NULL;
    struct pf_jobs *jobs = NULL;

    /* Every thread started from here on inherits the blocked set; only sigwait() below sees
     * SIGINT/SIGTERM, so shutdown happens in one known place. */
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    pf_status st = pf_account_init(&err);
    if (st == PF_OK)
        st = pf_app_new(pf_config_dup(cli->config), true, &app, &err);
    if (st == PF_OK) {
        pf_render_prepare(); /* fonts now, so the first PDF export is not slow */
        /* Half the HTTP threads may check spelling at once; the others wait their turn. */
        app->spellers = pf_gap_spellers_new(app->config->spell_dictionary, NULL,
                                            (size_t)(app->config->http_threads + 1) / 2);
    }
    if (st == PF_OK)
        st = pf_jobs_start(app, (int)app->config->jobs_workers, &jobs, &err);
    if (st == PF_OK)
        st = pf_http_server_start(app, &server, &err);
    if (st != PF_OK) {
        rc = pf_cli_fail(cli, st, &err);
        goto done;
    }
    const char *listen = app->config->listen;
    const char *colon = strrchr(listen, ':');
    pf_log_info(&cli->log, "listening on http://%.*s:%u (database: %s, %lld job workers)",
                (int)(colon ? colon - listen : 0), listen, pf_http_server_port(server),
                pf_store_backend(app->store), (long long)app->config->jobs_workers);
    int received = 0;
    sigwait(&signals, &received);
    pf_log_info(&cli->log, "received %s: finishing in-flight requests (up to %llds)",
                received == SIGTERM ? "SIGTERM" : "SIGINT", (long long)app->config->shutdown_grace);
    pf_http_server_stop(server, (int)app->config->shutdown_grace);
    server = NULL;
    pf_jobs_stop(jobs, (int)app->config->shutdown_grace);
    jobs = NULL;
    pf_log_info(&cli->log, "stopped");
done:
    pf_http_server_stop(server, 0);
    pf_jobs_stop(jobs, 0);
    if (app) {
        pf_gap_spellers_free(app->spellers);
        app->spellers = NULL;
    }
    pf_app_free(app);
    return rc;
}
