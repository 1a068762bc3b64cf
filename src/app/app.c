/* Building and freeing the process-wide context. */
#include "app/app.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "kb/kb.h"

#define PF_LOG_MODULE "app"

/* mkdir -p for the SQLite data directory. */
static pf_status make_dirs(const char *path, struct pf_error *err)
{
    char buf[4096];
    if (strlen(path) >= sizeof(buf))
        return pf_error_set(err, PF_E_INVALID, "data_dir is too long");
    memcpy(buf, path, strlen(path) + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return pf_error_set(err, PF_E_IO, "cannot create %s: %s", buf, strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return pf_error_set(err, PF_E_IO, "cannot create %s: %s", buf, strerror(errno));
    return PF_OK;
}

pf_status pf_app_new(struct pf_config *config, bool migrate, struct pf_app **out_app,
                     struct pf_error *err)
{
    struct pf_app *app = pf_xcalloc(1, sizeof(*app));
    app->config = config;
    app->started_at = pf_time_now_ms();
    struct pf_buf url = PF_BUF_INIT(8192);
    pf_config_database_url(config, &url);
    app->database_url = pf_buf_take(&url, NULL);
    pf_status st = PF_OK;
    if (strncmp(app->database_url, "sqlite:", 7) == 0 && !config->database_url[0])
        st = make_dirs(config->data_dir, err);
    if (st != PF_OK)
        goto done;
    int pool = (int)config->db_pool_size;
    if (pool == 0)
        pool = (int)(config->http_threads + config->jobs_workers + 2);
    struct pf_store_options options = {.pool_size = pool, .timeout_s = (int)config->db_timeout};
    st = pf_store_open(app->database_url, &options, &app->store, err);
    if (st != PF_OK)
        goto done;
    st = pf_kb_new(&app->kb, err);
    if (st != PF_OK)
        goto done;
    if (migrate) {
        int applied = 0;
        st = pf_store_migrate(app->store, &applied, err);
        if (st == PF_OK)
            st = pf_app_seed(app, err);
    }
done:
    if (st != PF_OK) {
        pf_app_free(app);
        return st;
    }
    *out_app = app;
    return PF_OK;
}

void pf_app_free(struct pf_app *app)
{
    if (!app)
        return;
    pf_store_close(app->store);
    pf_kb_free(app->kb);
    pf_config_free((struct pf_config *)app->config);
    free(app->database_url);
    free(app);
}
