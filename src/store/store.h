/* The storage interface every service uses: one API over SQLite and PostgreSQL (ARCHITECTURE §5).
 * Results are copied into the caller's arena; no driver type crosses this header. */
#ifndef PF_STORE_STORE_H
#define PF_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/json.h"
#include "base/status.h"
#include "base/uuid.h"

/* Opaque: the connection pool and driver for one database URL. Thread-safe: every call
 * borrows a pooled connection for its duration. */
struct pf_store;

struct pf_store_options {
    int pool_size; /* connections; >= 1 */
    int timeout_s; /* wait for a free connection, and SQLite's busy timeout */
};

/* Opens url: "sqlite:PATH" (the directory must exist; the file is created) or
 * "postgresql://…"/"postgres://…". Connections are made lazily, so a PostgreSQL that is down
 * at start does not stop the store from opening. PF_E_INVALID for an unsupported URL.
 * Caller frees with pf_store_close(). */
PF_MUST_CHECK pf_status pf_store_open(const char *url, const struct pf_store_options *options,
                                      struct pf_store **out_store, struct pf_error *err);
/* Closes every connection. NULL-safe. No call may be in flight. */
void pf_store_close(struct pf_store *store);
/* "sqlite" or "postgresql". */
const char *pf_store_backend(const struct pf_store *store);

/* Applies the embedded migrations not yet recorded in schema_migrations, each in its own
 * transaction, and reports how many ran (out_applied may be NULL). Safe to run concurrently
 * from several processes (PostgreSQL takes an advisory lock). */
PF_MUST_CHECK pf_status pf_store_migrate(struct pf_store *store, int *out_applied,
                                         struct pf_error *err);
/* A round trip to the database: PF_OK or PF_E_STORE (for /readyz). */
PF_MUST_CHECK pf_status pf_store_ping(struct pf_store *store, struct pf_error *err);
/* Pool counters for /metrics. */
void pf_store_pool_stats(struct pf_store *store, int *out_size, int *out_in_use,
                         int64_t *out_waits, int64_t *out_errors);

/* A page request: newest first; after = the last id of the previous page (nil for the first). */
struct pf_page {
    int limit; /* 1..200 */
    pf_id after;
};

/* ---- users ---- */

enum pf_plan { PF_PLAN_FREE, PF_PLAN_PRO, PF_PLAN_TEAM };

const char *pf_plan_name(enum pf_plan plan);
/* False for an unknown name. */
bool pf_plan_parse(const char *name, enum pf_plan *out_plan);

struct pf_user {
    pf_id id;
    char *email;         /* normalised (lower case), arena-owned */
    char *name;          /* arena-owned */
    char *password_hash; /* argon2id encoded string; arena-owned */
    enum pf_plan plan;
    pf_id team_id;       /* nil when not in a team */
    bool is_admin;
    int64_t created_at;  /* ms since epoch, UTC */
    int64_t updated_at;
};

/* The workspace a user's data lives in: their team's id, else their own id. */
pf_id pf_user_workspace(const struct pf_user *user);

/* Inserts user (id, times and fields set by the caller). PF_E_CONFLICT when the e-mail is
 * taken. Pending team invites for the e-mail are accepted in the same transaction, joining the
 * oldest inviting team that has room (max_members per team); user->team_id is updated. */
PF_MUST_CHECK pf_status pf_store_user_create(struct pf_store *store, struct pf_user *user,
                                             int64_t max_members, struct pf_error *err);
/* PF_E_NOT_FOUND when absent. */
PF_MUST_CHECK pf_status pf_store_user_get(struct pf_store *store, struct pf_arena *arena,
                                          pf_id id, struct pf_user **out_user,
                                          struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_user_get_by_email(struct pf_store *store,
                                                   struct pf_arena *arena, const char *email,
                                                   struct pf_user **out_user,
                                                   struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_user_set_plan(struct pf_store *store, pf_id id,
                                               enum pf_plan plan, struct pf_error *err);

/* ---- sessions (login tokens; only their hashes are stored) ---- */

struct pf_session {
    pf_id id;
    pf_id user_id;
    char *csrf_token; /* arena-owned */
    int64_t created_at;
    int64_t expires_at;
};

PF_MUST_CHECK pf_status pf_store_session_create(struct pf_store *store,
                                                const struct pf_session *session,
                                                const char *token_hash, struct pf_error *err);
/* The live session for token_hash and its user. PF_E_UNAUTHORIZED when unknown, expired
 * (expires_at <= now) or revoked. */
PF_MUST_CHECK pf_status pf_store_session_lookup(struct pf_store *store, struct pf_arena *arena,
                                                const char *token_hash, int64_t now,
                                                struct pf_session **out_session,
                                                struct pf_user **out_user,
                                                struct pf_error *err);
/* Marks the session revoked (idempotent). */
PF_MUST_CHECK pf_status pf_store_session_revoke(struct pf_store *store, const char *token_hash,
                                                int64_t now, struct pf_error *err);

/* ---- login throttling (shared by every process through the database) ---- */

/* Records one failed login for key and returns the failures within the window ending now. */
PF_MUST_CHECK pf_status pf_store_login_failure(struct pf_store *store, const char *key,
                                               int64_t now, int64_t window_ms,
                                               int64_t *out_failures, struct pf_error *err);
/* Failures recorded for key within the window (0 when none). */
PF_MUST_CHECK pf_status pf_store_login_failures(struct pf_store *store, const char *key,
                                                int64_t now, int64_t window_ms,
                                                int64_t *out_failures, struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_login_clear(struct pf_store *store, const char *key,
                                             struct pf_error *err);

/* ---- teams ---- */

struct pf_team {
    pf_id id;
    char *name; /* arena-owned */
    pf_id owner_id;
    enum pf_plan plan;
    int64_t created_at;
    int64_t updated_at;
};

struct pf_team_member {
    pf_id user_id;   /* nil for a pending invite */
    char *email;     /* arena-owned */
    char *name;      /* arena-owned; NULL for a pending invite */
    bool is_owner;
    bool is_pending;
    int64_t since;   /* joined or invited, ms */
};

/* Creates team with owner_id as owner and first member; the owner's personal data moves into
 * the team workspace. PF_E_CONFLICT when the owner is already in a team. */
PF_MUST_CHECK pf_status pf_store_team_create(struct pf_store *store, const struct pf_team *team,
                                             struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_team_get(struct pf_store *store, struct pf_arena *arena,
                                          pf_id id, struct pf_team **out_team,
                                          struct pf_error *err);
/* Members (owner first) then pending invites. */
PF_MUST_CHECK pf_status pf_store_team_members(struct pf_store *store, struct pf_arena *arena,
                                              pf_id team_id, struct pf_team_member **out_members,
                                              size_t *out_count, struct pf_error *err);
/* Adds email: an existing user without a team joins at once (their personal data moves into
 * the team); an unknown address becomes a pending invite. PF_E_CONFLICT when the user is in
 * another team or already a member/invited; PF_E_PLAN_LIMIT past max_members (members and
 * pending invites together). *out_member describes the result. */
PF_MUST_CHECK pf_status pf_store_team_add_member(struct pf_store *store, struct pf_arena *arena,
                                                 pf_id team_id, const char *email,
                                                 pf_id invited_by, int64_t max_members,
                                                 int64_t now, struct pf_team_member **out_member,
                                                 struct pf_error *err);
/* Removes a member (their own data goes back to their personal workspace) or a pending
 * invite for email. PF_E_NOT_FOUND when neither; PF_E_CONFLICT for the owner. */
PF_MUST_CHECK pf_status pf_store_team_remove_member(struct pf_store *store, pf_id team_id,
                                                    pf_id user_id, const char *email,
                                                    int64_t now, struct pf_error *err);
/* Makes new_owner (a member) the owner. PF_E_NOT_FOUND when not a member. */
PF_MUST_CHECK pf_status pf_store_team_transfer(struct pf_store *store, pf_id team_id,
                                               pf_id new_owner, int64_t now,
                                               struct pf_error *err);
/* Deletes a team with no member but its owner; the owner's data goes back to them. */
PF_MUST_CHECK pf_status pf_store_team_delete(struct pf_store *store, pf_id team_id,
                                             int64_t now, struct pf_error *err);

/* ---- usage, for plan limits ---- */

enum pf_usage_kind { PF_USAGE_CVS, PF_USAGE_PERSONAS, PF_USAGE_REPORTS_MONTH };

/* Counts the workspace's CVs, personas, or gap reports created since since_ms. */
PF_MUST_CHECK pf_status pf_store_usage(struct pf_store *store, pf_id workspace_id,
                                       enum pf_usage_kind kind, int64_t since_ms,
                                       int64_t *out_count, struct pf_error *err);

#endif
