/* `personaforge render PERSONA.json --template NAME|FILE --format F [-o OUT]`: exports a persona
 * (JSON Resume) through a built-in or a template file, with a job and matches for a cover letter.
 */
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/str.h"
#include "cli/cli.h"
#include "render/render.h"

static const char usage[] =
    "PERSONA.json --template NAME|FILE --format md|html|pdf|docx|txt|json [-o OUT] "
    "[--engine jinja|markdown] [--template-config FILE] [--job FILE] [--matches FILE] "
    "[--date TEXT] [--list]";

struct options {
    const char *persona;
    const char *template_ref;
    const char *format;
    const char *out;
    const char *engine;
    const char *template_config;
    const char *job;
    const char *matches;
    const char *date;
    bool list;
};

/* A template error reads "name:line:col: message", alone on its line, as compilers print. */
static int fail(struct pf_cli *cli, pf_status st, const struct pf_error *err)
{
    if (st == PF_E_TEMPLATE && err->line > 0) {
        fprintf(stderr, "%s\n", err->message);
        return PF_EXIT_INPUT;
    }
    return pf_cli_fail(cli, st, err);
}

/* A job description file: a JSON object as is, or plain text as {"description": text}. */
static pf_status load_job(struct pf_cli *cli, const char *path, json_t **out_job,
                          struct pf_error *err)
{
    if (pf_str_ends_with(pf_str_from_cstr(path), PF_STR(".json")))
        return pf_cli_load_json(cli, path, out_job, err);
    struct pf_buf text;
    pf_status st =
        pf_cli_read_file(path, (size_t)cli->config->limit_text_field, "limit_text_field", &text, err);
    if (st == PF_OK && !pf_utf8_valid(text.ptr ? text.ptr : "", text.len))
        st = pf_error_set(err, PF_E_INVALID, "%s is not UTF-8 text", path);
    if (st == PF_OK)
        *out_job = json_pack("{s:s%}", "description", pf_buf_cstr(&text), text.len);
    pf_buf_fini(&text);
    return st;
}

static pf_status compile_template(struct pf_cli *cli, const struct options *opt,
                                  const struct pf_render_limits *limits,
                                  struct pf_template **out_tmpl, struct pf_error *err)
{
    struct pf_str ref = pf_str_from_cstr(opt->template_ref);
    if (pf_render_builtin_find(ref) && !opt->engine && !opt->template_config)
        return pf_render_builtin_compile(ref, limits, out_tmpl, err);
    enum pf_template_engine engine =
        pf_str_ends_with(pf_str_from_cstr(opt->template_ref), PF_STR(".md")) ? PF_ENGINE_MARKDOWN : PF_ENGINE_JINJA;
    if (opt->engine && !pf_template_engine_parse(opt->engine, &engine))
        return pf_error_set(err, PF_E_USAGE, "unknown engine %s", opt->engine);
    struct pf_buf source;
    json_t *config = NULL;
    pf_status st =
        pf_cli_read_file(opt->template_ref, limits->template_bytes, "limit_template_bytes", &source, err);
    if (st == PF_E_NOT_FOUND)
        pf_error_set(err, st,
                     "%s is neither a built-in template nor a file (built-ins: "
                     "personaforge render --list)",
                     opt->template_ref);
    if (st == PF_OK && opt->template_config)
        st = pf_cli_load_json(cli, opt->template_config, &config, err);
    if (st == PF_OK && engine == PF_ENGINE_JINJA && !config && pf_str_ends_with(pf_str_from_cstr(opt->template_ref), PF_STR(".txt")))
        config = json_pack("{s:s}", "output", "txt");
    if (st == PF_OK)
        st = pf_template_compile(opt->template_ref, pf_buf_view(&source), engine, config, limits,
                                 out_tmpl, err);
    json_decref(config);
    pf_buf_fini(&source);
    return st;
}

static int list_builtins(void)
{
    for (size_t i = 0; i < pf_render_builtin_count(); i++) {
        const struct pf_builtin_template *t = pf_render_builtin_at(i);
        printf("%-16s %-13s %-9s %s\n", t->name, pf_template_type_name(t->type),
               pf_template_engine_name(t->engine), t->title);
    }
    return PF_EXIT_OK;
}

static int parse_args(struct pf_cli *cli, int argc, char **argv, struct options *opt)
{
    for (int i = 1; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used < 0)
            return PF_EXIT_USAGE;
        if (used > 0) {
            i += used;
            continue;
        }
        static const struct {
            const char *flag;
            size_t offset;
        } flags[] = {
            {"--template", offsetof(struct options, template_ref)},
            {"--format", offsetof(struct options, format)},
            {"-o", offsetof(struct options, out)},
            {"--output", offsetof(struct options, out)},
            {"--engine", offsetof(struct options, engine)},
            {"--template-config", offsetof(struct options, template_config)},
            {"--job", offsetof(struct options, job)},
            {"--matches", offsetof(struct options, matches)},
            {"--date", offsetof(struct options, date)},
        };
        bool matched = false;
        for (size_t k = 0; k < PF_ARRAY_LEN(flags) && !matched; k++) {
            if (strcmp(argv[i], flags[k].flag) != 0)
                continue;
            if (i + 1 >= argc)
                return PF_EXIT_USAGE;
            *(const char **)((char *)opt + flags[k].offset) = argv[i + 1];
            i += 2;
            matched = true;
        }
        if (matched)
            continue;
        if (strcmp(argv[i], "--list") == 0) {
            opt->list = true;
            i++;
            continue;
        }
        if ((argv[i][0] == '-' && argv[i][1] != '\0') || opt->persona)
            return PF_EXIT_USAGE;
        opt->persona = argv[i++];
    }
    return PF_EXIT_OK;
}

/* The data beside the persona: a job and its matches for cover letters, and the letter's date
 * (today unless --date gives one, so a template never reads a clock). */
static pf_status build_extra(struct pf_cli *cli, const struct options *opt, json_t **out_extra,
                             struct pf_error *err)
{
    json_t *extra = json_object();
    json_t *value = NULL;
    pf_status st = PF_OK;
    if (opt->job) {
        st = load_job(cli, opt->job, &value, err);
        if (st == PF_OK)
            json_object_set_new(extra, "job", value);
    }
    if (st == PF_OK && opt->matches) {
        st = pf_cli_load_json(cli, opt->matches, &value, err);
        if (st == PF_OK && !json_is_array(value)) {
            json_decref(value);
            st = pf_error_set(err, PF_E_INVALID, "%s: matches must be a JSON array", opt->matches);
        } else if (st == PF_OK) {
            json_object_set_new(extra, "matches", value);
        }
    }
    char today[16];
    int year, month, day;
    pf_time_civil(pf_time_now_ms(), &year, &month, &day);
    snprintf(today, sizeof(today), "%04d-%02d-%02d", year, month, day);
    json_object_set_new(extra, "letter", json_pack("{s:s}", "date", opt->date ? opt->date : today));
    *out_extra = extra;
    return st;
}

int pf_cli_render(struct pf_cli *cli, int argc, char **argv)
{
    struct options opt = {.out = "-"};
    if (parse_args(cli, argc, argv, &opt) != PF_EXIT_OK)
        return pf_cli_usage(cli, usage);
    if (opt.list)
        return list_builtins();
    if (!opt.persona || !opt.template_ref)
        return pf_cli_usage(cli, usage);
    enum pf_render_format format;
    const char *format_name = opt.format;
    if (!format_name && strcmp(opt.out, "-") != 0) {
        const char *dot = strrchr(opt.out, '.');
        format_name = dot ? dot + 1 : NULL;
    }
    if (!format_name || !pf_render_format_parse(format_name, &format))
        return pf_cli_usage(cli, usage);
    int rc = pf_cli_load_config(cli);
    if (rc != PF_EXIT_OK)
        return rc;

    struct pf_error err = PF_ERROR_INIT;
    struct pf_render_limits limits;
    pf_render_limits_from_config(cli->config, &limits);
    struct pf_buf out = PF_BUF_INIT(limits.output_bytes);
    json_t *persona = NULL;
    json_t *extra = NULL;
    json_t *data = NULL;
    struct pf_template *tmpl = NULL;
    pf_status st = pf_cli_load_json(cli, opt.persona, &persona, &err);
    if (st == PF_OK && !json_is_object(persona))
        st = pf_error_set(&err, PF_E_INVALID, "%s: a persona is a JSON Resume object", opt.persona);
    if (st == PF_OK)
        st = compile_template(cli, &opt, &limits, &tmpl, &err);
    if (st == PF_OK)
        st = build_extra(cli, &opt, &extra, &err);
    if (st == PF_OK) {
        data = pf_render_data_new(tmpl, persona, extra);
        struct pf_render_request req = {
            .tmpl = tmpl, .data = data, .format = format, .limits = &limits};
        st = pf_render(&req, &out, &err);
    }
    if (st == PF_OK)
        st = pf_cli_write_output(opt.out, out.ptr ? out.ptr : "", out.len, &err);
    rc = st == PF_OK ? PF_EXIT_OK : fail(cli, st, &err);
    pf_template_free(tmpl);
    json_decref(data);
    json_decref(extra);
    json_decref(persona);
    pf_buf_fini(&out);
    return rc;
}
