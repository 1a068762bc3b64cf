/* JSON shapes of resources shared by several handlers. */
#ifndef PF_HTTP_API_JSON_H
#define PF_HTTP_API_JSON_H

#include "base/json.h"
#include "store/store.h"

/* {id, email, name, plan, team_id, created_at}. New reference. */
json_t *pf_api_user_json(const struct pf_user *user);

#endif
