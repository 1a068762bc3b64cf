/* Teams as a service: who may see and change a team, over the store's team operations. */
#ifndef PF_ACCOUNT_ACCOUNT_TEAM_H
#define PF_ACCOUNT_ACCOUNT_TEAM_H

#include "app/app.h"
#include "store/store.h"

/* Creates a team owned by user (plan team) and moves the user's data into it.
 * PF_E_VALIDATION for a bad name, PF_E_CONFLICT when the user is already in a team.
 * user->team_id is updated. */
PF_MUST_CHECK pf_status pf_team_create(struct pf_app *app, struct pf_arena *arena,
                                       struct pf_user *user, const char *name,
                                       struct pf_team **out_team, struct pf_error *err);
/* The team, when user is a member; PF_E_NOT_FOUND otherwise (no team existence leaks). */
PF_MUST_CHECK pf_status pf_team_get(struct pf_app *app, struct pf_arena *arena,
                                    const struct pf_user *user, pf_id team_id,
                                    struct pf_team **out_team, struct pf_error *err);
/* Adds a member by e-mail (owner only: PF_E_FORBIDDEN for other members). */
PF_MUST_CHECK pf_status pf_team_add_member(struct pf_app *app, struct pf_arena *arena,
                                           const struct pf_user *user, pf_id team_id,
                                           const char *email, struct pf_team_member **out_member,
                                           struct pf_error *err);
/* Removes a member (by id) or a pending invite (by e-mail). The owner may remove anyone but
 * themself; any member may remove themself (leave). */
PF_MUST_CHECK pf_status pf_team_remove_member(struct pf_app *app, struct pf_arena *arena,
                                              const struct pf_user *user, pf_id team_id,
                                              pf_id member_id, const char *email,
                                              struct pf_error *err);
/* Owner only. */
PF_MUST_CHECK pf_status pf_team_transfer(struct pf_app *app, struct pf_arena *arena,
                                         const struct pf_user *user, pf_id team_id,
                                         pf_id new_owner, struct pf_error *err);
/* Owner only; the team must have no other member. */
PF_MUST_CHECK pf_status pf_team_delete(struct pf_app *app, struct pf_arena *arena,
                                       const struct pf_user *user, pf_id team_id,
                                       struct pf_error *err);

#endif
