/* Users, sessions, login throttling and plan usage in the store. */
#include <string.h>

#include "base/clock.h"
#include "store/store_int.h"

#define USER_COLUMNS                                                                               \
    "u.id, u.email, u.name, u.password_hash, u.plan, u.team_id, u.is_admin, u.created_at, "       \
    "u.updated_at"
#define USER_COLUMN_COUNT 9

/* Maps the USER_COLUMNS of row, starting at column first, into a new arena user. */
static struct pf_user *user_from_row(const struct pf_db_result *res, size_t row, size_t first,
                                     struct pf_arena *arena)
{
    struct pf_user *user = pf_arena_alloc(arena, sizeof(*user));
    user->id = pf_db_get_id(res, row, first + 0);
    user->email = pf_db_dup_text(res, row, first + 1, arena);
    user->name = pf_db_dup_text(res, row, first + 2, arena);
    user->password_hash = pf_db_dup_text(res, row, first + 3, arena);
    if (!pf_plan_parse(pf_db_get_text(res, row, first + 4), &user->plan))
        user->plan = PF_PLAN_FREE;
    user->team_id = pf_db_get_id(res, row, first + 5);
    user->is_admin = pf_db_get_bool(res, row, first + 6);
    user->created_at = pf_db_get_time(res, row, first + 7);
    user->updated_at = pf_db_get_time(res, row, first + 8);
    return user;
}

/* Accepts the oldest pending invite for user's e-mail whose team has room. */
static pf_status accept_invite(struct pf_db *db, struct pf_arena *arena, struct pf_user *user,
                               int64_t max_members, struct pf_error *err)
{
    struct pf_db_result *invites = NULL;
    struct pf_db_param by_email[] = {pf_db_text(user->email)};
    pf_status st = pf_db_exec(db,
                              "SELECT id, team_id FROM team_invites"
                              " WHERE email = $1 AND accepted_at IS NULL ORDER BY created_at, id",
                              by_email, 1, &invites, err);
    for (size_t r = 0; st == PF_OK && r < pf_db_rows(invites); r++) {
        pf_id team_id = pf_db_get_id(invites, r, 1);
        struct pf_db_result *count = NULL;
        struct pf_db_param by_team[] = {pf_db_id(arena, team_id)};
        st = pf_db_exec(db, "SELECT count(*) FROM users WHERE team_id = $1", by_team, 1, &count,
                        err);
        int64_t members = st == PF_OK ? pf_db_get_int(count, 0, 0) : 0;
        pf_db_result_free(count);
        if (st != PF_OK || members >= max_members)
            continue;
        struct pf_db_param join[] = {pf_db_id(arena, team_id), pf_db_id(arena, user->id)};
        st = pf_db_exec(db, "UPDATE users SET team_id = $1 WHERE id = $2", join, 2, NULL, err);
        if (st != PF_OK)
            break;
        struct pf_db_param accept[] = {pf_db_id(arena, pf_db_get_id(invites, r, 0)),
                                       pf_db_time(arena, user->created_at)};
        st = pf_db_exec(db, "UPDATE team_invites SET accepted_at = $2 WHERE id = $1", accept, 2,
                        NULL, err);
        if (st == PF_OK)
            user->team_id = team_id;
        break;
    }
    pf_db_result_free(invites);
    return st;
}

pf_status pf_store_user_create(struct pf_store *store, struct pf_user *user, int64_t max_members,
                               struct pf_error *err)
{
    struct pf_db db;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {
        pf_db_id(arena, user->id),          pf_db_text(user->email),
        pf_db_text(user->name),             pf_db_text(user->password_hash),
        pf_db_text(pf_plan_name(user->plan)), pf_db_bool(user->is_admin),
        pf_db_time(arena, user->created_at), pf_db_time(arena, user->updated_at),
    };
    st = pf_db_exec(&db,
                    "INSERT INTO users (id, email, name, password_hash, plan, is_admin,"
                    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    params, PF_ARRAY_LEN(params), NULL, err);
    if (st == PF_E_CONFLICT)
        pf_error_set_field(err, PF_E_CONFLICT, "email", "an account with this e-mail exists");
    if (st != PF_OK)
        goto done;
    st = accept_invite(&db, arena, user, max_members, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_commit(&db, err);
done:
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

static pf_status get_user(struct pf_store *store, struct pf_arena *arena, const char *sql,
                          struct pf_db_param key, struct pf_user **out_user, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_user = NULL;
    pf_status st = pf_store_query(store, sql, &key, 1, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such user");
    if (st == PF_OK)
        *out_user = user_from_row(res, 0, 0, arena);
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_user_get(struct pf_store *store, struct pf_arena *arena, pf_id id,
                            struct pf_user **out_user, struct pf_error *err)
{
    return get_user(store, arena, "SELECT " USER_COLUMNS " FROM users u WHERE u.id = $1",
                    pf_db_id(arena, id), out_user, err);
}

pf_status pf_store_user_get_by_email(struct pf_store *store, struct pf_arena *arena,
                                     const char *email, struct pf_user **out_user,
                                     struct pf_error *err)
{
    return get_user(store, arena, "SELECT " USER_COLUMNS " FROM users u WHERE u.email = $1",
                    pf_db_text(email), out_user, err);
}

pf_status pf_store_user_set_plan(struct pf_store *store, pf_id id, enum pf_plan plan,
                                 struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_text(pf_plan_name(plan)), pf_db_id(arena, id),
                                   pf_db_time(arena, pf_time_now_ms())};
    int64_t changes = 0;
    pf_status st = pf_store_write(store, "UPDATE users SET plan = $1, updated_at = $3 WHERE id = $2",
                                  params, 3, &changes, err);
    st = pf_store_require_change(st, changes, "user", err);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_session_create(struct pf_store *store, const struct pf_session *session,
                                  const char *token_hash, struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {
        pf_db_id(arena, session->id),           pf_db_id(arena, session->user_id),
        pf_db_text(token_hash),                 pf_db_text(session->csrf_token),
        pf_db_time(arena, session->created_at), pf_db_time(arena, session->expires_at),
    };
    pf_status st = pf_store_write(store,
                             "INSERT INTO sessions (id, user_id, token_hash, csrf_token,"
                             " created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                             params, PF_ARRAY_LEN(params), NULL, err);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_session_lookup(struct pf_store *store, struct pf_arena *arena,
                                  const char *token_hash, int64_t now,
                                  struct pf_session **out_session, struct pf_user **out_user,
                                  struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_session = NULL;
    *out_user = NULL;
    struct pf_db_param params[] = {pf_db_text(token_hash), pf_db_time(arena, now)};
    pf_status st = pf_store_query(
        store,
        "SELECT " USER_COLUMNS ", s.id, s.csrf_token, s.created_at, s.expires_at"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2",
        params, 2, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_UNAUTHORIZED, "the token is unknown, expired or revoked");
    if (st == PF_OK) {
        struct pf_user *user = user_from_row(res, 0, 0, arena);
        struct pf_session *session = pf_arena_alloc(arena, sizeof(*session));
        session->id = pf_db_get_id(res, 0, USER_COLUMN_COUNT);
        session->user_id = user->id;
        session->csrf_token = pf_db_dup_text(res, 0, USER_COLUMN_COUNT + 1, arena);
        session->created_at = pf_db_get_time(res, 0, USER_COLUMN_COUNT + 2);
        session->expires_at = pf_db_get_time(res, 0, USER_COLUMN_COUNT + 3);
        *out_session = session;
        *out_user = user;
    }
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_session_revoke(struct pf_store *store, const char *token_hash, int64_t now,
                                  struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_text(token_hash), pf_db_time(arena, now)};
    pf_status st = pf_store_write(store,
                             "UPDATE sessions SET revoked_at = $2"
                             " WHERE token_hash = $1 AND revoked_at IS NULL",
                             params, 2, NULL, err);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_login_failure(struct pf_store *store, const char *key, int64_t now,
                                 int64_t window_ms, int64_t *out_failures, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_text(key), pf_db_time(arena, now),
                                   pf_db_time(arena, now - window_ms)};
    /* One atomic upsert: a failure inside the window counts up, one after it starts afresh. */
    pf_status st = pf_store_query(
        store,
        "INSERT INTO login_failures (key, failures, window_start) VALUES ($1, 1, $2)"
        " ON CONFLICT (key) DO UPDATE SET"
        " failures = CASE WHEN login_failures.window_start > $3"
        "   THEN login_failures.failures + 1 ELSE 1 END,"
        " window_start = CASE WHEN login_failures.window_start > $3"
        "   THEN login_failures.window_start ELSE excluded.window_start END"
        " RETURNING failures",
        params, 3, &res, err);
    *out_failures = st == PF_OK && pf_db_rows(res) == 1 ? pf_db_get_int(res, 0, 0) : 0;
    pf_db_result_free(res);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_login_failures(struct pf_store *store, const char *key, int64_t now,
                                  int64_t window_ms, int64_t *out_failures, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_text(key), pf_db_time(arena, now - window_ms)};
    pf_status st = pf_store_query(
        store, "SELECT failures FROM login_failures WHERE key = $1 AND window_start > $2", params,
        2, &res, err);
    *out_failures = st == PF_OK && pf_db_rows(res) == 1 ? pf_db_get_int(res, 0, 0) : 0;
    pf_db_result_free(res);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_login_clear(struct pf_store *store, const char *key, struct pf_error *err)
{
    struct pf_db_param params[] = {pf_db_text(key)};
    return pf_store_write(store, "DELETE FROM login_failures WHERE key = $1", params, 1, NULL, err);
}

pf_status pf_store_usage(struct pf_store *store, pf_id workspace_id, enum pf_usage_kind kind,
                         int64_t since_ms, int64_t *out_count, struct pf_error *err)
{
    static const char *const queries[] = {
        [PF_USAGE_CVS] = "SELECT count(*) FROM cvs WHERE workspace_id = $1",
        [PF_USAGE_PERSONAS] = "SELECT count(*) FROM personas WHERE workspace_id = $1",
        [PF_USAGE_REPORTS_MONTH] =
            "SELECT count(*) FROM gap_reports WHERE workspace_id = $1 AND created_at >= $2",
    };
    struct pf_db_result *res = NULL;
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, workspace_id), pf_db_time(arena, since_ms)};
    pf_status st = pf_store_query(store, queries[kind], params,
                                  kind == PF_USAGE_REPORTS_MONTH ? 2 : 1, &res, err);
    *out_count = st == PF_OK ? pf_db_get_int(res, 0, 0) : 0;
    pf_db_result_free(res);
    pf_arena_free(arena);
    return st;
}
