/* Teams: creation, membership and invites, ownership, and moving data between workspaces. */
#include <string.h>

#include "base/clock.h"
#include "store/store_int.h"

/* Every table whose rows belong to a workspace. KB entries and questions are deduplicated per
 * workspace, so rows that would collide with ones already in the destination are dropped
 * first (the destination's copy, with its own evidence, is kept). */
static const char *const drop_duplicates[] = {
    "DELETE FROM knowledgebase_entries WHERE workspace_id = $1 AND EXISTS ("
    " SELECT 1 FROM knowledgebase_entries t WHERE t.workspace_id = $2"
    " AND t.type = knowledgebase_entries.type"
    " AND t.normalized_value = knowledgebase_entries.normalized_value)",
    "DELETE FROM kb_questions WHERE workspace_id = $1 AND EXISTS ("
    " SELECT 1 FROM kb_questions t WHERE t.workspace_id = $2"
    " AND t.dedupe_key = kb_questions.dedupe_key)",
    "UPDATE templates SET name = substr(name, 1, 80) || ' (' || substr(CAST(id AS TEXT), 25, 12)"
    " || ')' WHERE workspace_id = $1 AND EXISTS (SELECT 1 FROM templates t"
    " WHERE t.workspace_id = $2 AND t.name = templates.name)",
};

static const char *const move_all[] = {
    "UPDATE cvs SET workspace_id = $2 WHERE workspace_id = $1",
    "UPDATE personas SET workspace_id = $2 WHERE workspace_id = $1",
    "UPDATE gap_reports SET workspace_id = $2 WHERE workspace_id = $1",
    "UPDATE knowledgebase_entries SET workspace_id = $2 WHERE workspace_id = $1",
    "UPDATE kb_questions SET workspace_id = $2 WHERE workspace_id = $1",
    "UPDATE templates SET workspace_id = $2 WHERE workspace_id = $1",
    "UPDATE jobs SET workspace_id = $2 WHERE workspace_id = $1",
};

static const char *const move_own[] = {
    "UPDATE cvs SET workspace_id = $2 WHERE workspace_id = $1 AND user_id = $3",
    "UPDATE personas SET workspace_id = $2 WHERE workspace_id = $1 AND user_id = $3",
    "UPDATE gap_reports SET workspace_id = $2 WHERE workspace_id = $1 AND user_id = $3",
    "UPDATE knowledgebase_entries SET workspace_id = $2 WHERE workspace_id = $1 AND user_id = $3",
    "UPDATE kb_questions SET workspace_id = $2 WHERE workspace_id = $1 AND user_id = $3",
    "UPDATE templates SET workspace_id = $2 WHERE workspace_id = $1 AND user_id = $3",
};

/* Moves a personal workspace's data into a team's (everything), or a member's own data out of
 * a team back to their personal workspace (only_user set). */
static pf_status move_workspace(struct pf_db *db, struct pf_arena *arena, pf_id from, pf_id to,
                                pf_id only_user, struct pf_error *err)
{
    struct pf_db_param params[] = {pf_db_id(arena, from), pf_db_id(arena, to),
                                   pf_db_id_or_null(arena, only_user)};
    pf_status st = PF_OK;
    if (pf_id_is_nil(only_user)) {
        for (size_t i = 0; st == PF_OK && i < PF_ARRAY_LEN(drop_duplicates); i++)
            st = pf_db_exec(db, drop_duplicates[i], params, 2, NULL, err);
        for (size_t i = 0; st == PF_OK && i < PF_ARRAY_LEN(move_all); i++)
            st = pf_db_exec(db, move_all[i], params, 2, NULL, err);
    } else {
        for (size_t i = 0; st == PF_OK && i < PF_ARRAY_LEN(move_own); i++)
            st = pf_db_exec(db, move_own[i], params, 3, NULL, err);
    }
    return st;
}

static pf_status set_user_team(struct pf_db *db, struct pf_arena *arena, pf_id user_id,
                               pf_id team_id, int64_t now, struct pf_error *err)
{
    struct pf_db_param params[] = {pf_db_id_or_null(arena, team_id), pf_db_id(arena, user_id),
                                   pf_db_time(arena, now)};
    return pf_db_exec(db, "UPDATE users SET team_id = $1, updated_at = $3 WHERE id = $2", params,
                      3, NULL, err);
}

pf_status pf_store_team_create(struct pf_store *store, const struct pf_team *team,
                               struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param owner[] = {pf_db_id(arena, team->owner_id)};
    st = pf_db_exec(&db, "SELECT team_id FROM users WHERE id = $1", owner, 1, &res, err);
    if (st != PF_OK)
        goto done;
    if (pf_db_rows(res) == 0) {
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such user");
        goto done;
    }
    if (!pf_db_is_null(res, 0, 0)) {
        st = pf_error_set(err, PF_E_CONFLICT, "you are already a member of a team");
        goto done;
    }
    struct pf_db_param params[] = {
        pf_db_id(arena, team->id),          pf_db_text(team->name),
        pf_db_id(arena, team->owner_id),    pf_db_text(pf_plan_name(team->plan)),
        pf_db_time(arena, team->created_at), pf_db_time(arena, team->updated_at),
    };
    st = pf_db_exec(&db,
                    "INSERT INTO teams (id, name, owner_id, plan, created_at, updated_at)"
                    " VALUES ($1, $2, $3, $4, $5, $6)",
                    params, PF_ARRAY_LEN(params), NULL, err);
    if (st == PF_OK)
        st = set_user_team(&db, arena, team->owner_id, team->id, team->created_at, err);
    if (st == PF_OK)
        st = move_workspace(&db, arena, team->owner_id, team->id, (pf_id){{0}}, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_result_free(res);
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_team_get(struct pf_store *store, struct pf_arena *arena, pf_id id,
                            struct pf_team **out_team, struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    *out_team = NULL;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    struct pf_db_param params[] = {pf_db_id(arena, id)};
    st = pf_db_exec(&db,
                    "SELECT id, name, owner_id, plan, created_at, updated_at FROM teams"
                    " WHERE id = $1",
                    params, 1, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such team");
    if (st == PF_OK) {
        struct pf_team *team = pf_arena_alloc(arena, sizeof(*team));
        team->id = pf_db_get_id(res, 0, 0);
        team->name = pf_db_dup_text(res, 0, 1, arena);
        team->owner_id = pf_db_get_id(res, 0, 2);
        if (!pf_plan_parse(pf_db_get_text(res, 0, 3), &team->plan))
            team->plan = PF_PLAN_TEAM;
        team->created_at = pf_db_get_time(res, 0, 4);
        team->updated_at = pf_db_get_time(res, 0, 5);
        *out_team = team;
    }
    pf_db_result_free(res);
    pf_db_release(&db);
    return st;
}

pf_status pf_store_team_members(struct pf_store *store, struct pf_arena *arena, pf_id team_id,
                                struct pf_team_member **out_members, size_t *out_count,
                                struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    *out_members = NULL;
    *out_count = 0;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    struct pf_db_param params[] = {pf_db_id(arena, team_id)};
    /* Members first (owner at the top), then pending invites, each oldest first. */
    st = pf_db_exec(&db,
                    "SELECT u.id, u.email, u.name, CASE WHEN t.owner_id = u.id THEN 1 ELSE 0 END,"
                    " 0, u.updated_at, CASE WHEN t.owner_id = u.id THEN 0 ELSE 1 END AS rank"
                    " FROM users u JOIN teams t ON t.id = u.team_id WHERE u.team_id = $1"
                    " UNION ALL"
                    " SELECT NULL, i.email, NULL, 0, 1, i.created_at, 2 FROM team_invites i"
                    " WHERE i.team_id = $1 AND i.accepted_at IS NULL"
                    " ORDER BY 7, 6",
                    params, 1, &res, err);
    if (st == PF_OK) {
        size_t rows = pf_db_rows(res);
        struct pf_team_member *members = pf_arena_alloc(arena, (rows ? rows : 1) * sizeof(*members));
        for (size_t r = 0; r < rows; r++) {
            members[r].user_id = pf_db_get_id(res, r, 0);
            members[r].email = pf_db_dup_text(res, r, 1, arena);
            members[r].name = pf_db_dup_text(res, r, 2, arena);
            members[r].is_owner = pf_db_get_bool(res, r, 3);
            members[r].is_pending = pf_db_get_bool(res, r, 4);
            members[r].since = pf_db_get_time(res, r, 5);
        }
        *out_members = members;
        *out_count = rows;
    }
    pf_db_result_free(res);
    pf_db_release(&db);
    return st;
}

static pf_status count_seats(struct pf_db *db, struct pf_arena *arena, pf_id team_id,
                             int64_t *out_seats, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    struct pf_db_param params[] = {pf_db_id(arena, team_id)};
    pf_status st = pf_db_exec(db,
                              "SELECT (SELECT count(*) FROM users WHERE team_id = $1) +"
                              " (SELECT count(*) FROM team_invites"
                              "  WHERE team_id = $1 AND accepted_at IS NULL)",
                              params, 1, &res, err);
    *out_seats = st == PF_OK ? pf_db_get_int(res, 0, 0) : 0;
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_team_add_member(struct pf_store *store, struct pf_arena *arena, pf_id team_id,
                                   const char *email, pf_id invited_by, int64_t max_members,
                                   int64_t now, struct pf_team_member **out_member,
                                   struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    *out_member = NULL;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    int64_t seats = 0;
    st = count_seats(&db, arena, team_id, &seats, err);
    if (st != PF_OK)
        goto done;
    if (seats >= max_members) {
        st = pf_error_set_field(err, PF_E_PLAN_LIMIT, "plan_team_members",
                                "the team has reached its limit of %lld members",
                                (long long)max_members);
        goto done;
    }
    struct pf_db_param by_email[] = {pf_db_text(email)};
    st = pf_db_exec(&db, "SELECT id, name, team_id FROM users WHERE email = $1", by_email, 1,
                    &res, err);
    if (st != PF_OK)
        goto done;
    struct pf_team_member *member = pf_arena_alloc(arena, sizeof(*member));
    member->email = pf_arena_strdup(arena, email);
    member->since = now;
    if (pf_db_rows(res) == 1) {
        pf_id user_id = pf_db_get_id(res, 0, 0);
        pf_id current = pf_db_get_id(res, 0, 2);
        if (pf_id_eq(current, team_id)) {
            st = pf_error_set_field(err, PF_E_CONFLICT, "email", "already a member of this team");
            goto done;
        }
        if (!pf_id_is_nil(current)) {
            st = pf_error_set_field(err, PF_E_CONFLICT, "email",
                                    "this user is a member of another team");
            goto done;
        }
        st = move_workspace(&db, arena, user_id, team_id, (pf_id){{0}}, err);
        if (st == PF_OK)
            st = set_user_team(&db, arena, user_id, team_id, now, err);
        member->user_id = user_id;
        member->name = pf_db_dup_text(res, 0, 1, arena);
    } else {
        struct pf_db_param invite[] = {pf_db_id(arena, pf_id_new()), pf_db_id(arena, team_id),
                                       pf_db_text(email), pf_db_id_or_null(arena, invited_by),
                                       pf_db_time(arena, now)};
        st = pf_db_exec(&db,
                        "INSERT INTO team_invites (id, team_id, email, invited_by, created_at)"
                        " VALUES ($1, $2, $3, $4, $5)",
                        invite, PF_ARRAY_LEN(invite), NULL, err);
        if (st == PF_E_CONFLICT)
            pf_error_set_field(err, st, "email", "this address is already invited");
        member->is_pending = true;
    }
    if (st != PF_OK)
        goto done;
    st = pf_db_commit(&db, err);
    if (st == PF_OK)
        *out_member = member;
done:
    pf_db_result_free(res);
    pf_db_release(&db);
    return st;
}

pf_status pf_store_team_remove_member(struct pf_store *store, pf_id team_id, pf_id user_id,
                                      const char *email, int64_t now, struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    if (pf_id_is_nil(user_id)) {
        struct pf_db_param params[] = {pf_db_id(arena, team_id), pf_db_text(email)};
        int64_t changes = 0;
        st = pf_db_exec_changes(&db,
                                "DELETE FROM team_invites"
                                " WHERE team_id = $1 AND email = $2 AND accepted_at IS NULL",
                                params, 2, &changes, err);
        if (st == PF_OK && changes == 0)
            st = pf_error_set(err, PF_E_NOT_FOUND, "no such member or invite");
    } else {
        struct pf_db_param params[] = {pf_db_id(arena, user_id), pf_db_id(arena, team_id)};
        st = pf_db_exec(&db,
                        "SELECT t.owner_id FROM users u JOIN teams t ON t.id = u.team_id"
                        " WHERE u.id = $1 AND u.team_id = $2",
                        params, 2, &res, err);
        if (st != PF_OK)
            goto done;
        if (pf_db_rows(res) == 0) {
            st = pf_error_set(err, PF_E_NOT_FOUND, "no such member");
            goto done;
        }
        if (pf_id_eq(pf_db_get_id(res, 0, 0), user_id)) {
            st = pf_error_set(err, PF_E_CONFLICT,
                              "the owner cannot leave; transfer ownership or delete the team");
            goto done;
        }
        st = move_workspace(&db, arena, team_id, user_id, user_id, err);
        if (st == PF_OK)
            st = set_user_team(&db, arena, user_id, (pf_id){{0}}, now, err);
    }
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_result_free(res);
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_team_transfer(struct pf_store *store, pf_id team_id, pf_id new_owner,
                                 int64_t now, struct pf_error *err)
{
    struct pf_db db;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {pf_db_id(arena, team_id), pf_db_id(arena, new_owner),
                                   pf_db_time(arena, now)};
    int64_t changes = 0;
    st = pf_db_exec_changes(&db,
                            "UPDATE teams SET owner_id = $2, updated_at = $3 WHERE id = $1"
                            " AND EXISTS (SELECT 1 FROM users WHERE id = $2 AND team_id = $1)",
                            params, 3, &changes, err);
    if (st == PF_OK && changes == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "the new owner is not a member of this team");
done:
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_team_delete(struct pf_store *store, pf_id team_id, int64_t now,
                               struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {pf_db_id(arena, team_id)};
    st = pf_db_exec(&db,
                    "SELECT t.owner_id, (SELECT count(*) FROM users WHERE team_id = t.id)"
                    " FROM teams t WHERE t.id = $1",
                    params, 1, &res, err);
    if (st != PF_OK)
        goto done;
    if (pf_db_rows(res) == 0) {
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such team");
        goto done;
    }
    if (pf_db_get_int(res, 0, 1) > 1) {
        st = pf_error_set(err, PF_E_CONFLICT, "remove the other members before deleting the team");
        goto done;
    }
    pf_id owner = pf_db_get_id(res, 0, 0);
    st = move_workspace(&db, arena, team_id, owner, owner, err);
    if (st == PF_OK)
        st = set_user_team(&db, arena, owner, (pf_id){{0}}, now, err);
    if (st == PF_OK)
        st = pf_db_exec(&db, "DELETE FROM teams WHERE id = $1", params, 1, NULL, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_result_free(res);
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}
