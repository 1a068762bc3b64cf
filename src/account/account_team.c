/* Team rules: membership checks and owner-only operations. */
#include "account/account_team.h"

#include "account/account.h"
#include "base/clock.h"

pf_status pf_team_create(struct pf_app *app, struct pf_arena *arena, struct pf_user *user,
                         const char *name, struct pf_team **out_team, struct pf_error *err)
{
    *out_team = NULL;
    struct pf_str trimmed = pf_str_trim(pf_str_from_cstr(name));
    if (trimmed.len == 0 || trimmed.len > 200)
        return pf_error_set_field(err, PF_E_VALIDATION, "name",
                                  "name must have 1 to 200 characters");
    struct pf_team *team = pf_arena_alloc(arena, sizeof(*team));
    team->id = pf_id_new();
    team->name = pf_arena_strdup_str(arena, trimmed);
    team->owner_id = user->id;
    team->plan = PF_PLAN_TEAM;
    team->created_at = team->updated_at = pf_time_now_ms();
    pf_status st = pf_store_team_create(app->store, team, err);
    if (st != PF_OK)
        return st;
    user->team_id = team->id;
    *out_team = team;
    return PF_OK;
}

pf_status pf_team_get(struct pf_app *app, struct pf_arena *arena, const struct pf_user *user,
                      pf_id team_id, struct pf_team **out_team, struct pf_error *err)
{
    *out_team = NULL;
    if (!pf_id_eq(user->team_id, team_id))
        return pf_error_set(err, PF_E_NOT_FOUND, "no such team");
    return pf_store_team_get(app->store, arena, team_id, out_team, err);
}

/* The team, when user is its owner: PF_E_NOT_FOUND for outsiders, PF_E_FORBIDDEN for members. */
static pf_status owned_team(struct pf_app *app, struct pf_arena *arena,
                            const struct pf_user *user, pf_id team_id, struct pf_team **out_team,
                            struct pf_error *err)
{
    pf_status st = pf_team_get(app, arena, user, team_id, out_team, err);
    PF_ASSERT(st != PF_OK || *out_team);
    if (st == PF_OK && !pf_id_eq((*out_team)->owner_id, user->id))
        st = pf_error_set(err, PF_E_FORBIDDEN, "only the team's owner can do this");
    return st;
}

pf_status pf_team_add_member(struct pf_app *app, struct pf_arena *arena,
                             const struct pf_user *user, pf_id team_id, const char *email,
                             struct pf_team_member **out_member, struct pf_error *err)
{
    *out_member = NULL;
    struct pf_team *team = NULL;
    pf_status st = owned_team(app, arena, user, team_id, &team, err);
    if (st != PF_OK)
        return st;
    char *normalized = pf_account_normalize_email(arena, email);
    if (!normalized)
        return pf_error_set_field(err, PF_E_VALIDATION, "email",
                                  "value is not a valid email address");
    struct pf_plan_limits limits;
    pf_plan_limits(app->config, team->plan, &limits);
    return pf_store_team_add_member(app->store, arena, team_id, normalized, user->id,
                                    limits.team_members, pf_time_now_ms(), out_member, err);
}

pf_status pf_team_remove_member(struct pf_app *app, struct pf_arena *arena,
                                const struct pf_user *user, pf_id team_id, pf_id member_id,
                                const char *email, struct pf_error *err)
{
    struct pf_team *team = NULL;
    pf_status st = pf_team_get(app, arena, user, team_id, &team, err);
    if (st != PF_OK)
        return st;
    PF_ASSERT(team);
    bool leaving = !pf_id_is_nil(member_id) && pf_id_eq(member_id, user->id);
    if (!leaving && !pf_id_eq(team->owner_id, user->id))
        return pf_error_set(err, PF_E_FORBIDDEN, "only the team's owner can remove members");
    char *normalized = email ? pf_account_normalize_email(arena, email) : NULL;
    if (pf_id_is_nil(member_id) && !normalized)
        return pf_error_set_field(err, PF_E_VALIDATION, "email",
                                  "value is not a valid email address");
    return pf_store_team_remove_member(app->store, team_id, member_id, normalized,
                                       pf_time_now_ms(), err);
}

pf_status pf_team_transfer(struct pf_app *app, struct pf_arena *arena, const struct pf_user *user,
                           pf_id team_id, pf_id new_owner, struct pf_error *err)
{
    struct pf_team *team = NULL;
    pf_status st = owned_team(app, arena, user, team_id, &team, err);
    if (st != PF_OK)
        return st;
    return pf_store_team_transfer(app->store, team_id, new_owner, pf_time_now_ms(), err);
}

pf_status pf_team_delete(struct pf_app *app, struct pf_arena *arena, const struct pf_user *user,
                         pf_id team_id, struct pf_error *err)
{
    struct pf_team *team = NULL;
    pf_status st = owned_team(app, arena, user, team_id, &team, err);
    if (st != PF_OK)
        return st;
    return pf_store_team_delete(app->store, team_id, pf_time_now_ms(), err);
}
