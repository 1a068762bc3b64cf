/* Accounts: registration, passwords (argon2id), login tokens and throttling, plans and usage. */
#ifndef PF_ACCOUNT_ACCOUNT_H
#define PF_ACCOUNT_ACCOUNT_H

#include "app/app.h"
#include "base/arena.h"
#include "store/store.h"

#define PF_TOKEN_PREFIX "pf_"

/* Initialises libsodium; call once at start-up before any other account function. */
PF_MUST_CHECK pf_status pf_account_init(struct pf_error *err);

/* Lower-cases and trims an e-mail address into the arena; NULL when it is not plausibly an
 * address (one '@', a dot in the domain, no spaces or control characters, ≤ 320 bytes). */
char *pf_account_normalize_email(struct pf_arena *arena, const char *email);

/* Creates an account (plan free unless the caller says otherwise). PF_E_VALIDATION with
 * err->field "email"/"password"/"name" for bad input, PF_E_CONFLICT for a taken e-mail.
 * A pending team invite for the address takes effect at once. */
PF_MUST_CHECK pf_status pf_account_register(struct pf_app *app, struct pf_arena *arena,
                                            const char *email, const char *password,
                                            const char *name, enum pf_plan plan,
                                            struct pf_user **out_user, struct pf_error *err);

/* The result of a login: the bearer token (shown once; only its hash is stored). */
struct pf_login {
    char *token;      /* arena-owned */
    char *csrf_token; /* arena-owned; required with cookie-authenticated writes */
    int64_t expires_at;
    struct pf_user *user;
};

/* Checks the password and opens a session. Failed attempts are counted per account and per
 * client address; past login_max_failures within login_window: PF_E_RATE_LIMIT (even with
 * the right password, so guessing cannot continue). Wrong credentials: PF_E_UNAUTHORIZED
 * with one message whether the e-mail exists or not. */
PF_MUST_CHECK pf_status pf_account_login(struct pf_app *app, struct pf_arena *arena,
                                         const char *email, const char *password,
                                         const char *client_ip, struct pf_login *out_login,
                                         struct pf_error *err);
/* The user behind a token. PF_E_UNAUTHORIZED when unknown, expired or revoked. */
PF_MUST_CHECK pf_status pf_account_authenticate(struct pf_app *app, struct pf_arena *arena,
                                                const char *token,
                                                struct pf_session **out_session,
                                                struct pf_user **out_user, struct pf_error *err);
/* Revokes the token (idempotent). */
PF_MUST_CHECK pf_status pf_account_logout(struct pf_app *app, const char *token,
                                          struct pf_error *err);

/* Constant-time comparison of two NUL-terminated strings. */
bool pf_account_secret_eq(const char *a, const char *b);

/* Plan limits from config. */
struct pf_plan_limits {
    int64_t cvs;
    int64_t personas;
    int64_t reports_per_month;
    int64_t team_members;
};

/* The plan that governs the user's workspace: their team's when in one, else their own. */
PF_MUST_CHECK pf_status pf_account_workspace_plan(struct pf_app *app, struct pf_arena *arena,
                                                  const struct pf_user *user,
                                                  enum pf_plan *out_plan, struct pf_error *err);
void pf_plan_limits(const struct pf_config *config, enum pf_plan plan,
                    struct pf_plan_limits *out_limits);

/* PF_OK when the user's workspace may add one more of kind, else PF_E_PLAN_LIMIT naming the
 * plan and limit. */
PF_MUST_CHECK pf_status pf_account_check_limit(struct pf_app *app, struct pf_arena *arena,
                                               const struct pf_user *user,
                                               enum pf_usage_kind kind, struct pf_error *err);

/* Usage and limits of the user's workspace, as a JSON object for /me:
 * {plan, cvs:{used,limit}, personas:{used,limit}, gap_reports_this_month:{used,limit}}. */
PF_MUST_CHECK pf_status pf_account_usage(struct pf_app *app, struct pf_arena *arena,
                                         const struct pf_user *user, json_t **out_usage,
                                         struct pf_error *err);

/* The first instant (ms) of the current UTC calendar month. */
int64_t pf_month_start(int64_t now_ms);

#endif
