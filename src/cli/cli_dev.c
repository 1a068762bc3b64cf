/* `personaforge dev seed`: realistic data at scale for development and benchmarks — users,
 * agencies (teams) holding most of the candidates, CVs with raw text and JSON Resume, personas
 * and knowledge-base entries with evidence — bulk-inserted in transactions. Each run adds a new
 * set (its own e-mail prefix), so a database can be grown in steps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "base/clock.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "cli/cli_dev_text.h"
#include "store/store_seed.h"

#define CHUNK 2000           /* rows generated and inserted per transaction */
#define TEAM_SHARE 0.25      /* of the users work in a team */
#define TEAM_WEIGHT 4        /* a team member holds this many times a person's data */
#define DAY_MS 86400000LL

static const char usage[] =
    "seed [--users N] [--teams N] [--personas N] [--cvs N] [--kb N] [--seed N]"
    " [--password P] [--database URL]";

static const char default_password[] = "seed-password-1";

struct seed_plan {
    int64_t users, teams, personas, cvs, kb, seed;
    const char *password;
};

/* Who owns what: users, their workspaces and their weight in the data. */
struct world {
    struct pf_user *users;    /* plan->users entries */
    int64_t user_count;
    struct pf_team *teams;
    int64_t team_count;
    int64_t *team_of;         /* per user: team index or -1 */
    int64_t *team_first;      /* per team: first member's index in members[] */
    int64_t *team_size;
    int64_t *members;         /* user indexes grouped by team */
    double *cumulative;       /* per user: cumulative data weight, normalised */
    pf_id *last_cv;           /* per user: the latest CV generated for them (nil: none) */
};

static double elapsed(int64_t since_ns)
{
    return (double)(pf_monotonic_ns() - since_ns) / 1e9;
}

static int64_t past_time(struct pf_dev_gen *gen, int64_t now)
{
    return now - (int64_t)pf_dev_below(gen, 730) * DAY_MS - (int64_t)pf_dev_below(gen, DAY_MS);
}

static pf_id workspace_of(const struct world *w, int64_t user)
{
    return w->team_of[user] >= 0 ? w->teams[w->team_of[user]].id : w->users[user].id;
}

/* A user drawn by data weight. */
static int64_t pick_owner(const struct world *w, struct pf_dev_gen *gen)
{
    double u = pf_dev_unit(gen);
    int64_t lo = 0;
    int64_t hi = w->user_count - 1;
    while (lo < hi) {
        int64_t mid = (lo + hi) / 2;
        if (w->cumulative[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Users (the first registered normally, to get a real password hash for all), then teams of
 * Zipf-like sizes carved out of a quarter of them. */
static pf_status make_world(struct pf_app *app, struct pf_arena *arena, struct pf_dev_gen *gen,
                            const struct seed_plan *plan, struct world *w, struct pf_error *err)
{
    int64_t now = pf_time_now_ms();
    unsigned tag = (unsigned)(pf_dev_next(gen) & 0xFFFFFF);
    w->user_count = plan->users;
    w->users = pf_arena_alloc(arena, (size_t)plan->users * sizeof(*w->users));
    struct pf_user *first = NULL;
    pf_status st = pf_account_register(
        app, arena, pf_arena_printf(arena, "seed-%06x-0@example.com", tag), plan->password,
        pf_dev_person_name(gen, arena), PF_PLAN_PRO, &first, err);
    if (st != PF_OK)
        return st;
    w->users[0] = *first;
    for (int64_t i = 1; i < plan->users; i++) {
        struct pf_user *u = &w->users[i];
        u->id = pf_id_new();
        u->email = pf_arena_printf(arena, "seed-%06x-%lld@example.com", tag, (long long)i);
        u->name = pf_dev_person_name(gen, arena);
        u->password_hash = first->password_hash;
        u->plan = pf_dev_below(gen, 5) == 0 ? PF_PLAN_PRO : PF_PLAN_FREE;
        u->created_at = u->updated_at = past_time(gen, now);
    }
    for (int64_t i = 1; st == PF_OK && i < plan->users; i += 5000) {
        int64_t n = plan->users - i < 5000 ? plan->users - i : 5000;
        st = pf_store_seed_users(app->store, w->users + i, (size_t)n, err);
    }
    if (st != PF_OK)
        return st;

    w->team_of = pf_arena_alloc(arena, (size_t)plan->users * sizeof(*w->team_of));
    for (int64_t i = 0; i < plan->users; i++)
        w->team_of[i] = -1;
    int64_t in_teams = (int64_t)((double)plan->users * TEAM_SHARE);
    w->team_count = plan->teams * 2 <= in_teams ? plan->teams : in_teams / 2;
    w->teams = pf_arena_alloc(arena, (size_t)(w->team_count + 1) * sizeof(*w->teams));
    w->team_first = pf_arena_alloc(arena, (size_t)(w->team_count + 1) * sizeof(int64_t));
    w->team_size = pf_arena_alloc(arena, (size_t)(w->team_count + 1) * sizeof(int64_t));
    w->members = pf_arena_alloc(arena, (size_t)(in_teams + 1) * sizeof(int64_t));
    /* Members: a shuffled quarter of the users; sizes ∝ (rank+1)^-0.8, at least two. */
    int64_t *order = pf_arena_alloc(arena, (size_t)plan->users * sizeof(*order));
    for (int64_t i = 0; i < plan->users; i++)
        order[i] = i;
    for (int64_t i = plan->users - 1; i > 0; i--) {
        int64_t j = (int64_t)pf_dev_below(gen, (size_t)i + 1);
        int64_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    double norm = 0;
    for (int64_t t = 0; t < w->team_count; t++)
        norm += pow((double)(t + 1), -0.8);
    int64_t placed = 0;
    pf_id *member_ids = pf_arena_alloc(arena, (size_t)(in_teams + 1) * sizeof(pf_id));
    pf_id *member_teams = pf_arena_alloc(arena, (size_t)(in_teams + 1) * sizeof(pf_id));
    int64_t extra = in_teams - 2 * w->team_count; /* members beyond two per team */
    for (int64_t t = 0; t < w->team_count; t++) {
        /* The floors sum to at most extra, so the last team gets at least two. */
        int64_t size = t == w->team_count - 1
                           ? in_teams - placed
                           : 2 + (int64_t)((double)extra * pow((double)(t + 1), -0.8) / norm);
        struct pf_team *team = &w->teams[t];
        team->id = pf_id_new();
        team->name = pf_dev_team_name(gen, arena);
        team->owner_id = w->users[order[placed]].id;
        team->plan = PF_PLAN_TEAM;
        team->created_at = team->updated_at = past_time(gen, now);
        w->team_first[t] = placed;
        w->team_size[t] = size;
        for (int64_t m = 0; m < size; m++) {
            int64_t user = order[placed];
            w->members[placed] = user;
            w->team_of[user] = t;
            member_ids[placed] = w->users[user].id;
            member_teams[placed] = team->id;
            placed++;
        }
    }
    st = pf_store_seed_teams(app->store, w->teams, (size_t)w->team_count, err);
    if (st == PF_OK)
        st = pf_store_seed_members(app->store, member_ids, member_teams, (size_t)placed, err);
    if (st != PF_OK)
        return st;

    w->cumulative = pf_arena_alloc(arena, (size_t)plan->users * sizeof(double));
    double total = 0;
    for (int64_t i = 0; i < plan->users; i++) {
        total += w->team_of[i] >= 0 ? TEAM_WEIGHT : 1;
        w->cumulative[i] = total;
    }
    for (int64_t i = 0; i < plan->users; i++)
        w->cumulative[i] /= total;
    w->last_cv = pf_arena_alloc(arena, (size_t)plan->users * sizeof(pf_id));
    return PF_OK;
}

static pf_status seed_cvs(struct pf_app *app, struct pf_dev_gen *gen, struct world *w,
                          int64_t count, struct pf_error *err)
{
    struct pf_cv *rows = pf_xcalloc(CHUNK, sizeof(*rows));
    int64_t now = pf_time_now_ms();
    pf_status st = PF_OK;
    for (int64_t done = 0; st == PF_OK && done < count; done += CHUNK) {
        struct pf_arena *arena = pf_arena_new();
        size_t n = (size_t)(count - done < CHUNK ? count - done : CHUNK);
        for (size_t i = 0; i < n; i++) {
            int64_t owner = pick_owner(w, gen);
            struct pf_dev_cv cv;
            pf_dev_cv(gen, arena, &cv);
            struct pf_cv *row = &rows[i];
            memset(row, 0, sizeof(*row));
            row->id = pf_id_new();
            row->workspace_id = workspace_of(w, owner);
            row->user_id = w->users[owner].id;
            row->filename = pf_arena_printf(arena, "%s.pdf", cv.name);
            for (char *p = row->filename; *p; p++)
                *p = *p == ' ' ? '_' : *p;
            row->content_type = "application/pdf";
            row->size_bytes = (int64_t)strlen(cv.raw_text) * 12;
            row->sha256 = pf_arena_printf(arena, "%016llx%016llx",
                                          (unsigned long long)pf_dev_next(gen),
                                          (unsigned long long)pf_dev_next(gen));
            row->format = "pdf";
            row->status = PF_CV_PARSED;
            row->raw_text = cv.raw_text;
            row->parsed_json = cv.parsed_json;
            row->created_at = row->updated_at = past_time(gen, now);
            w->last_cv[owner] = row->id;
        }
        st = pf_store_seed_cvs(app->store, rows, n, err);
        pf_arena_free(arena);
    }
    free(rows);
    return st;
}

static pf_status seed_personas(struct pf_app *app, struct pf_dev_gen *gen, struct world *w,
                               int64_t count, struct pf_error *err)
{
    struct pf_persona *rows = pf_xcalloc(CHUNK, sizeof(*rows));
    int64_t now = pf_time_now_ms();
    pf_status st = PF_OK;
    for (int64_t done = 0; st == PF_OK && done < count; done += CHUNK) {
        struct pf_arena *arena = pf_arena_new();
        size_t n = (size_t)(count - done < CHUNK ? count - done : CHUNK);
        for (size_t i = 0; i < n; i++) {
            int64_t owner = pick_owner(w, gen);
            struct pf_dev_persona persona;
            pf_dev_persona(gen, arena, &persona);
            struct pf_persona *row = &rows[i];
            memset(row, 0, sizeof(*row));
            row->id = pf_id_new();
            row->workspace_id = workspace_of(w, owner);
            row->user_id = w->users[owner].id;
            if (pf_dev_below(gen, 2) == 0)
                row->base_cv_id = w->last_cv[owner];
            row->title = persona.title;
            row->summary = persona.summary;
            row->tags = persona.tags;
            row->data = persona.data;
            row->version = 1;
            row->created_at = row->updated_at = past_time(gen, now);
        }
        st = pf_store_seed_personas(app->store, rows, n, err);
        pf_arena_free(arena);
    }
    free(rows);
    return st;
}

/* A stride coprime with n, so index * stride mod n visits every value once. */
static size_t stride_for(size_t n)
{
    static const size_t primes[] = {7919, 7927, 7933, 7937, 7949};
    for (size_t i = 0; i < PF_ARRAY_LEN(primes); i++) {
        if (n % primes[i] != 0)
            return primes[i];
    }
    return 1;
}

/* KB entries of one workspace (count of them, at most its value space), by author among
 * authors. Values are distinct per type: a walk through the type's space from a random start. */
static pf_status seed_kb_workspace(struct pf_app *app, struct pf_dev_gen *gen, pf_id workspace,
                                   const pf_id *authors, size_t author_count, int64_t count,
                                   const pf_id *cv_ids, struct pf_kb_row *rows, size_t *fill,
                                   struct pf_arena **arena, struct pf_error *err)
{
    static const double type_weights[PF_DEV_KB_TYPES] = {0.45, 0.30, 0.10, 0.10, 0.05};
    size_t used[PF_DEV_KB_TYPES] = {0};
    size_t start[PF_DEV_KB_TYPES];
    for (int t = 0; t < PF_DEV_KB_TYPES; t++)
        start[t] = pf_dev_below(gen, pf_dev_kb_space(t));
    int64_t now = pf_time_now_ms();
    pf_status st = PF_OK;
    for (int64_t e = 0; st == PF_OK && e < count; e++) {
        double u = pf_dev_unit(gen);
        int type = 0;
        while (type < PF_DEV_KB_TYPES - 1 && u >= type_weights[type]) {
            u -= type_weights[type];
            type++;
        }
        for (int tries = 0; used[type] >= pf_dev_kb_space(type) && tries < PF_DEV_KB_TYPES;
             tries++)
            type = (type + 1) % PF_DEV_KB_TYPES;
        if (used[type] >= pf_dev_kb_space(type))
            break; /* every type's space is used up */
        size_t space = pf_dev_kb_space(type);
        size_t index = (start[type] + used[type]++ * stride_for(space)) % space;
        struct pf_kb_row *row = &rows[(*fill)++];
        memset(row, 0, sizeof(*row));
        row->id = pf_id_new();
        row->workspace_id = workspace;
        row->user_id = authors[pf_dev_below(gen, author_count)];
        row->type = (char *)pf_dev_kb_type(type);
        row->value = pf_dev_kb_value(type, index, *arena, &row->normalized_value);
        unsigned roll = (unsigned)pf_dev_below(gen, 10);
        row->source = roll < 7 ? "cv" : roll < 9 ? "ai_extraction" : "user_answer";
        row->confidence = 0.5 + pf_dev_unit(gen) / 2;
        json_t *evidence = json_object();
        pf_id cv = cv_ids[pf_dev_below(gen, author_count)];
        if (!pf_id_is_nil(cv)) {
            char text[PF_ID_STR_LEN];
            pf_id_format(cv, text);
            json_object_set_new(evidence, "cv_id", json_string(text));
        }
        json_object_set_new(evidence, "field", json_string("work[0].highlights[0]"));
        json_object_set_new(evidence, "snippet",
                            json_string(pf_dev_kb_evidence(gen, *arena, row->value)));
        row->evidence = pf_json_arena(*arena, json_pack("[o]", evidence));
        row->details = pf_json_arena(*arena, json_object());
        row->confirmed = strcmp(row->source, "ai_extraction") != 0 || pf_dev_below(gen, 2);
        row->created_at = row->updated_at = past_time(gen, now);
        if (*fill == CHUNK) {
            st = pf_store_seed_kb(app->store, rows, *fill, err);
            *fill = 0;
            pf_arena_free(*arena);
            *arena = pf_arena_new();
        }
    }
    return st;
}

/* Spreads count entries over workspaces by data weight, each capped by the value space. */
static pf_status seed_kb(struct pf_app *app, struct pf_dev_gen *gen, struct world *w,
                         int64_t count, struct pf_error *err)
{
    int64_t cap = 0;
    for (int t = 0; t < PF_DEV_KB_TYPES; t++)
        cap += (int64_t)pf_dev_kb_space(t);
    double total = 0;
    for (int64_t i = 0; i < w->user_count; i++)
        total += w->team_of[i] >= 0 ? TEAM_WEIGHT : 1;
    struct pf_kb_row *rows = pf_xcalloc(CHUNK, sizeof(*rows));
    struct pf_arena *arena = pf_arena_new();
    pf_id *authors = pf_xcalloc((size_t)w->user_count, sizeof(*authors));
    pf_id *cv_ids = pf_xcalloc((size_t)w->user_count, sizeof(*cv_ids));
    size_t fill = 0;
    int64_t left = count;
    pf_status st = PF_OK;
    /* Teams first (their quota is the largest), then personal workspaces, then a second pass
     * over personal workspaces for what the caps left over. */
    for (int64_t t = 0; st == PF_OK && t < w->team_count && left > 0; t++) {
        int64_t quota = (int64_t)((double)count * TEAM_WEIGHT * (double)w->team_size[t] / total);
        quota = quota > cap ? cap : quota > left ? left : quota;
        for (int64_t m = 0; m < w->team_size[t]; m++) {
            int64_t user = w->members[w->team_first[t] + m];
            authors[m] = w->users[user].id;
            cv_ids[m] = w->last_cv[user];
        }
        st = seed_kb_workspace(app, gen, w->teams[t].id, authors, (size_t)w->team_size[t], quota,
                               cv_ids, rows, &fill, &arena, err);
        left -= quota;
    }
    int64_t personal = 0;
    for (int64_t i = 0; i < w->user_count; i++)
        personal += w->team_of[i] < 0;
    for (int pass = 0; pass < 2 && st == PF_OK && left > 0 && personal > 0; pass++) {
        int64_t share = (left + personal - 1) / personal;
        for (int64_t i = 0; st == PF_OK && i < w->user_count && left > 0; i++) {
            if (w->team_of[i] >= 0)
                continue;
            int64_t quota = share > cap / 2 ? cap / 2 : share;
            quota = quota > left ? left : quota;
            st = seed_kb_workspace(app, gen, w->users[i].id, &w->users[i].id, 1, quota,
                                   &w->last_cv[i], rows, &fill, &arena, err);
            left -= quota;
        }
    }
    if (st == PF_OK && fill > 0)
        st = pf_store_seed_kb(app->store, rows, fill, err);
    pf_arena_free(arena);
    free(rows);
    free(authors);
    free(cv_ids);
    return st;
}

static bool parse_args(struct pf_cli *cli, int argc, char **argv, struct seed_plan *plan)
{
    *plan = (struct seed_plan){100, 5, 1000, 500, 10000, 1, default_password};
    if (argc < 2 || strcmp(argv[1], "seed") != 0)
        return false;
    static const char *const names[] = {"--users", "--teams", "--personas", "--cvs", "--kb",
                                        "--seed"};
    int64_t *fields[] = {&plan->users, &plan->teams, &plan->personas, &plan->cvs, &plan->kb,
                         &plan->seed};
    for (int i = 2; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used < 0)
            return false;
        if (used > 0) {
            i += used;
            continue;
        }
        if (i + 1 >= argc)
            return false;
        if (strcmp(argv[i], "--password") == 0) {
            plan->password = argv[i + 1];
            i += 2;
            continue;
        }
        size_t k = 0;
        while (k < PF_ARRAY_LEN(names) && strcmp(argv[i], names[k]) != 0)
            k++;
        if (k == PF_ARRAY_LEN(names) ||
            !pf_parse_i64(pf_str_from_cstr(argv[i + 1]), 0, 100000000, fields[k]))
            return false;
        i += 2;
    }
    return plan->users >= 1;
}

int pf_cli_dev(struct pf_cli *cli, int argc, char **argv)
{
    struct seed_plan plan;
    if (!parse_args(cli, argc, argv, &plan))
        return pf_cli_usage(cli, usage);
    int rc = pf_cli_load_config(cli);
    if (rc != PF_EXIT_OK)
        return rc;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_app *app = NULL;
    struct pf_dev_gen *gen = pf_dev_gen_new((uint64_t)plan.seed ^ (uint64_t)pf_time_now_ms());
    struct world world;
    memset(&world, 0, sizeof(world));
    int64_t started = pf_monotonic_ns();
    int64_t phase = started;
    pf_status st = pf_account_init(&err);
    if (st == PF_OK)
        st = pf_app_new(pf_config_dup(cli->config), true, &app, &err);
    if (st == PF_OK)
        st = make_world(app, cli->arena, gen, &plan, &world, &err);
    if (st == PF_OK) {
        printf("users: %lld, teams: %lld (%.1f s)\n", (long long)world.user_count,
               (long long)world.team_count, elapsed(phase));
        fflush(stdout);
        phase = pf_monotonic_ns();
        st = seed_cvs(app, gen, &world, plan.cvs, &err);
    }
    if (st == PF_OK) {
        printf("cvs: %lld (%.1f s)\n", (long long)plan.cvs, elapsed(phase));
        fflush(stdout);
        phase = pf_monotonic_ns();
        st = seed_personas(app, gen, &world, plan.personas, &err);
    }
    if (st == PF_OK) {
        printf("personas: %lld (%.1f s)\n", (long long)plan.personas, elapsed(phase));
        fflush(stdout);
        phase = pf_monotonic_ns();
        st = seed_kb(app, gen, &world, plan.kb, &err);
    }
    if (st == PF_OK) {
        printf("kb entries: %lld (%.1f s)\n", (long long)plan.kb, elapsed(phase));
        fflush(stdout);
        phase = pf_monotonic_ns();
        st = pf_store_seed_finish(app->store, &err);
    }
    if (st == PF_OK) {
        printf("statistics refreshed, search indexes merged (%.1f s)\n", elapsed(phase));
        printf("seeded in %.1f s; every seeded user's password: %s\n", elapsed(started),
               plan.password);
        if (world.team_count > 0) {
            char team[PF_ID_STR_LEN];
            pf_id_format(world.teams[0].id, team);
            int64_t member = world.members[world.team_first[0] + (world.team_size[0] > 1)];
            printf("largest team: %s (%lld members), member: %s\n", team,
                   (long long)world.team_size[0], world.users[member].email);
        }
        for (int64_t i = 0; i < world.user_count; i++) {
            if (world.team_of[i] < 0) {
                printf("personal user: %s\n", world.users[i].email);
                break;
            }
        }
    } else {
        rc = pf_cli_fail(cli, st, &err);
    }
    pf_dev_gen_free(gen);
    pf_app_free(app);
    return rc;
}
