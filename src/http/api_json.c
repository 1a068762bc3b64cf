/* JSON shapes shared by several handlers. */
#include "http/api_json.h"

#include "http/http_req.h"

json_t *pf_api_user_json(const struct pf_user *user)
{
    return json_pack("{s:o,s:s,s:s,s:s,s:o,s:o}", "id", pf_json_id(user->id), "email",
                     user->email, "name", user->name, "plan", pf_plan_name(user->plan), "team_id",
                     pf_json_id_or_null(user->team_id), "created_at",
                     pf_json_time(user->created_at));
}
