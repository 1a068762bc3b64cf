/* Plans: limits from config, the plan governing a workspace, usage and limit checks. */
#include "account/account.h"

#include "base/clock.h"

int64_t pf_month_start(int64_t now_ms)
{
    int year, month, day;
    pf_time_civil(now_ms, &year, &month, &day);
    return pf_days_from_civil(year, (unsigned)month, 1) * 86400 * 1000;
}

void pf_plan_limits(const struct pf_config *config, enum pf_plan plan,
                    struct pf_plan_limits *out_limits)
{
    switch (plan) {
    case PF_PLAN_FREE:
        *out_limits = (struct pf_plan_limits){config->plan_free_cvs, config->plan_free_personas,
                                              config->plan_free_reports, 1};
        return;
    case PF_PLAN_PRO:
        *out_limits = (struct pf_plan_limits){config->plan_pro_cvs, config->plan_pro_personas,
                                              config->plan_pro_reports, 1};
        return;
    case PF_PLAN_TEAM:
        *out_limits = (struct pf_plan_limits){config->plan_team_cvs, config->plan_team_personas,
                                              config->plan_team_reports,
                                              config->plan_team_members};
        return;
    }
    PF_UNREACHABLE();
}

pf_status pf_account_workspace_plan(struct pf_app *app, struct pf_arena *arena,
                                    const struct pf_user *user, enum pf_plan *out_plan,
                                    struct pf_error *err)
{
    *out_plan = user->plan;
    if (pf_id_is_nil(user->team_id))
        return PF_OK;
    struct pf_team *team = NULL;
    pf_status st = pf_store_team_get(app->store, arena, user->team_id, &team, err);
    if (st == PF_OK)
        *out_plan = team->plan;
    return st;
}

static int64_t limit_of(const struct pf_plan_limits *limits, enum pf_usage_kind kind)
{
    switch (kind) {
    case PF_USAGE_CVS:
        return limits->cvs;
    case PF_USAGE_PERSONAS:
        return limits->personas;
    case PF_USAGE_REPORTS_MONTH:
        return limits->reports_per_month;
    }
    PF_UNREACHABLE();
}

pf_status pf_account_check_limit(struct pf_app *app, struct pf_arena *arena,
                                 const struct pf_user *user, enum pf_usage_kind kind,
                                 struct pf_error *err)
{
    static const char *const what[] = {"CVs", "personas", "gap reports a month"};
    static const char *const keys[] = {"cvs", "personas", "gap_reports"};
    enum pf_plan plan;
    pf_status st = pf_account_workspace_plan(app, arena, user, &plan, err);
    if (st != PF_OK)
        return st;
    struct pf_plan_limits limits;
    pf_plan_limits(app->config, plan, &limits);
    int64_t used = 0;
    int64_t since = kind == PF_USAGE_REPORTS_MONTH ? pf_month_start(pf_time_now_ms()) : 0;
    st = pf_store_usage(app->store, pf_user_workspace(user), kind, since, &used, err);
    if (st != PF_OK)
        return st;
    int64_t limit = limit_of(&limits, kind);
    if (used >= limit)
        return pf_error_set_field(err, PF_E_PLAN_LIMIT, keys[kind],
                                  "the %s plan allows %lld %s; upgrade to add more",
                                  pf_plan_name(plan), (long long)limit, what[kind]);
    return PF_OK;
}

pf_status pf_account_usage(struct pf_app *app, struct pf_arena *arena, const struct pf_user *user,
                           json_t **out_usage, struct pf_error *err)
{
    static const char *const keys[] = {"cvs", "personas", "gap_reports_this_month"};
    *out_usage = NULL;
    enum pf_plan plan;
    pf_status st = pf_account_workspace_plan(app, arena, user, &plan, err);
    if (st != PF_OK)
        return st;
    struct pf_plan_limits limits;
    pf_plan_limits(app->config, plan, &limits);
    json_t *usage = pf_json_arena(arena, json_object());
    json_object_set_new(usage, "plan", json_string(pf_plan_name(plan)));
    int64_t month = pf_month_start(pf_time_now_ms());
    for (int kind = PF_USAGE_CVS; kind <= PF_USAGE_REPORTS_MONTH; kind++) {
        int64_t used = 0;
        st = pf_store_usage(app->store, pf_user_workspace(user), (enum pf_usage_kind)kind,
                            kind == PF_USAGE_REPORTS_MONTH ? month : 0, &used, err);
        if (st != PF_OK)
            return st;
        json_object_set_new(usage, keys[kind],
                            json_pack("{s:I,s:I}", "used", (json_int_t)used, "limit",
                                      (json_int_t)limit_of(&limits, (enum pf_usage_kind)kind)));
    }
    *out_usage = usage;
    return PF_OK;
}
