/* /auth/register, /auth/login, /auth/logout and /me. */
#include <string.h>

#include "account/account.h"
#include "base/clock.h"
#include "http/api_json.h"
#include "http/api_schemas.h"
#include "http/http_route.h"

static const char *const plans[] = {"free", "pro", "team", NULL};

static const struct pf_field pf_schema_register_fields[] = {
    {"email", PF_FT_EMAIL, PF_F_REQUIRED, 3, 320, NULL, NULL, "Your e-mail address"},
    {"password", PF_FT_STRING, PF_F_REQUIRED, 1, 1024, NULL, NULL,
     "At least password_min_length characters"},
    {"name", PF_FT_STRING, PF_F_REQUIRED, 1, 200, NULL, NULL, "Your name"},
};
PF_SCHEMA(pf_schema_register, false, "A new account.");

static const struct pf_field pf_schema_login_fields[] = {
    {"email", PF_FT_STRING, PF_F_REQUIRED, 1, 320, NULL, NULL, NULL},
    {"password", PF_FT_STRING, PF_F_REQUIRED, 1, 1024, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_login, false, "Credentials.");

static const struct pf_field pf_schema_user_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"email", PF_FT_EMAIL, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"name", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"plan", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, plans, NULL, "The user's own plan"},
    {"team_id", PF_FT_UUID, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"usage", PF_FT_OBJECT, 0, 0, 0, NULL, NULL,
     "/me only: the workspace's plan and its usage against the limits"},
};
PF_SCHEMA(pf_schema_user, false, "A user.");

static const struct pf_field pf_schema_login_result_fields[] = {
    {"token", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Bearer token: send 'Authorization: Bearer <token>'"},
    {"token_type", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, "Always 'bearer'"},
    {"expires_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"csrf_token", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Send as X-CSRF-Token with cookie-authenticated writes"},
    {"user", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_user, NULL},
};
PF_SCHEMA(pf_schema_login_result, false, "A new session.");

pf_status api_auth_register(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_register, &body))
        return PF_OK;
    struct pf_user *user = NULL;
    pf_status st = pf_account_register(req->app, req->arena, pf_json_get_str(body, "email"),
                                       pf_json_get_str(body, "password"),
                                       pf_json_get_str(body, "name"), PF_PLAN_FREE, &user,
                                       &req->err);
    if (st == PF_E_VALIDATION) {
        pf_resp_invalid(resp, "body", req->err.field, req->err.message, "value_error");
        return PF_OK;
    }
    if (st != PF_OK)
        return st;
    json_t *out = pf_api_user_json(user);
    pf_resp_json(resp, 201, out);
    json_decref(out);
    return PF_OK;
}

/* Sets the session cookie (HttpOnly: scripts cannot read it) and the CSRF cookie (readable by
 * our own page, which echoes it in X-CSRF-Token). */
static void set_cookies(struct pf_req *req, struct pf_resp *resp, const char *token,
                        const char *csrf, int64_t max_age_s)
{
    const char *secure = req->app->config->cookie_secure ? "; Secure" : "";
    pf_resp_header(resp, "Set-Cookie",
                   pf_arena_printf(req->arena,
                                   "pf_session=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Lax%s",
                                   token, (long long)max_age_s, secure));
    pf_resp_header(resp, "Set-Cookie",
                   pf_arena_printf(req->arena, "pf_csrf=%s; Path=/; Max-Age=%lld; SameSite=Strict%s",
                                   csrf, (long long)max_age_s, secure));
}

pf_status api_auth_login(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_login, &body))
        return PF_OK;
    struct pf_login login;
    pf_status st = pf_account_login(req->app, req->arena, pf_json_get_str(body, "email"),
                                    pf_json_get_str(body, "password"), req->client_ip, &login,
                                    &req->err);
    if (st == PF_E_RATE_LIMIT) {
        pf_resp_header(resp, "Retry-After",
                       pf_arena_printf(req->arena, "%lld",
                                       (long long)req->app->config->login_window));
        pf_resp_error(resp, st, req->err.message, NULL, NULL);
        return PF_OK;
    }
    if (st != PF_OK)
        return st;
    /* A fresh token every login, never one chosen by the client: no session fixation. */
    set_cookies(req, resp, login.token, login.csrf_token, req->app->config->session_ttl);
    json_t *out = json_pack("{s:s,s:s,s:o,s:s,s:o}", "token", login.token, "token_type", "bearer",
                            "expires_at", pf_json_time(login.expires_at), "csrf_token",
                            login.csrf_token, "user", pf_api_user_json(login.user));
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_auth_logout(struct pf_req *req, struct pf_resp *resp)
{
    pf_status st = pf_account_logout(req->app, req->token, &req->err);
    if (st != PF_OK)
        return st;
    set_cookies(req, resp, "", "", 0);
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_me_get(struct pf_req *req, struct pf_resp *resp)
{
    json_t *usage = NULL;
    pf_status st = pf_account_usage(req->app, req->arena, req->user, &usage, &req->err);
    if (st != PF_OK)
        return st;
    json_t *out = pf_api_user_json(req->user);
    json_object_set(out, "usage", usage);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}
