/* /teams: create, read with members, membership, ownership, delete. */
#include <string.h>

#include "account/account_team.h"
#include "http/api_schemas.h"
#include "http/http_route.h"

static const char *const plans[] = {"free", "pro", "team", NULL};
static const char *const roles[] = {"owner", "member", "invited", NULL};

static const struct pf_field pf_schema_team_create_fields[] = {
    {"name", PF_FT_STRING, PF_F_REQUIRED, 1, 200, NULL, NULL, "The team's name"},
};
PF_SCHEMA(pf_schema_team_create, false, "A new team.");

static const struct pf_field pf_schema_member_fields[] = {
    {"user_id", PF_FT_UUID, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,
     "null for a pending invite"},
    {"email", PF_FT_EMAIL, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"name", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"role", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, roles, NULL, NULL},
    {"since", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_member, false, "A team member or pending invite.");

static const struct pf_field pf_schema_team_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"name", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"owner_id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"plan", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, plans, NULL, NULL},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"members", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_member, NULL},
};
PF_SCHEMA(pf_schema_team, false, "A team: one shared workspace.");

static const struct pf_field pf_schema_member_add_fields[] = {
    {"email", PF_FT_EMAIL, PF_F_REQUIRED, 3, 320, NULL, NULL,
     "An existing user joins at once; an unknown address is invited"},
};
PF_SCHEMA(pf_schema_member_add, false, "A member to add.");

static const struct pf_field pf_schema_transfer_fields[] = {
    {"user_id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, "The member who becomes owner"},
};
PF_SCHEMA(pf_schema_transfer, false, "A new owner.");

static json_t *member_json(const struct pf_team_member *m)
{
    const char *role = m->is_pending ? "invited" : m->is_owner ? "owner" : "member";
    return json_pack("{s:o,s:s,s:o,s:s,s:o}", "user_id", pf_json_id_or_null(m->user_id), "email",
                     m->email, "name", m->name ? json_string(m->name) : json_null(), "role", role,
                     "since", pf_json_time(m->since));
}

/* Writes the team with its members (status 200 or 201). */
static pf_status respond_team(struct pf_req *req, struct pf_resp *resp, const struct pf_team *team,
                              int status)
{
    struct pf_team_member *members = NULL;
    size_t count = 0;
    pf_status st = pf_store_team_members(req->app->store, req->arena, team->id, &members, &count,
                                         &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, member_json(&members[i]));
    json_t *out = json_pack("{s:o,s:s,s:o,s:s,s:o,s:o}", "id", pf_json_id(team->id), "name",
                            team->name, "owner_id", pf_json_id(team->owner_id), "plan",
                            pf_plan_name(team->plan), "created_at", pf_json_time(team->created_at),
                            "members", list);
    pf_resp_json(resp, status, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_teams_create(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_team_create, &body))
        return PF_OK;
    struct pf_team *team = NULL;
    pf_status st = pf_team_create(req->app, req->arena, req->user, pf_json_get_str(body, "name"),
                                  &team, &req->err);
    if (st != PF_OK)
        return st;
    return respond_team(req, resp, team, 201);
}

pf_status api_teams_get(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_team *team = NULL;
    pf_status st = pf_team_get(req->app, req->arena, req->user, id, &team, &req->err);
    if (st != PF_OK)
        return st;
    return respond_team(req, resp, team, 200);
}

pf_status api_teams_delete(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    pf_status st = pf_team_delete(req->app, req->arena, req->user, id, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_teams_add_member(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    json_t *body = NULL;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        !pf_body_or_respond(req, resp, &pf_schema_member_add, &body))
        return PF_OK;
    struct pf_team_member *member = NULL;
    pf_status st = pf_team_add_member(req->app, req->arena, req->user, id,
                                      pf_json_get_str(body, "email"), &member, &req->err);
    if (st != PF_OK)
        return st;
    json_t *out = member_json(member);
    pf_resp_json(resp, 201, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_teams_remove_member(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    pf_id member;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        !pf_req_param_id_or_respond(req, resp, 1, "user_id", &member))
        return PF_OK;
    pf_status st = pf_team_remove_member(req->app, req->arena, req->user, id, member, NULL,
                                         &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_teams_cancel_invite(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    const char *email = pf_req_query(req, "email");
    if (!email) {
        pf_resp_invalid(resp, "query", "email", "Field required", "missing");
        return PF_OK;
    }
    pf_status st = pf_team_remove_member(req->app, req->arena, req->user, id, (pf_id){{0}}, email,
                                         &req->err);
    if (st == PF_E_VALIDATION) {
        pf_resp_invalid(resp, "query", "email", req->err.message, "value_error");
        return PF_OK;
    }
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_teams_transfer(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    json_t *body = NULL;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        !pf_body_or_respond(req, resp, &pf_schema_transfer, &body))
        return PF_OK;
    pf_id new_owner;
    if (!pf_id_parse(pf_str_from_cstr(pf_json_get_str(body, "user_id")), &new_owner))
        return pf_error_set(&req->err, PF_E_INTERNAL, "validated UUID did not parse");
    pf_status st = pf_team_transfer(req->app, req->arena, req->user, id, new_owner, &req->err);
    if (st != PF_OK)
        return st;
    struct pf_team *team = NULL;
    st = pf_team_get(req->app, req->arena, req->user, id, &team, &req->err);
    if (st != PF_OK)
        return st;
    return respond_team(req, resp, team, 200);
}
