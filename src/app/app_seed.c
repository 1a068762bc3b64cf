/* Data the database holds that ships with the binary, refreshed after every migration. */
#include "app/app.h"

pf_status pf_app_seed(struct pf_app *app, struct pf_error *err)
{
    (void)app;
    (void)err;
    return PF_OK;
}
