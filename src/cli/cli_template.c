/* `personaforge template render TEMPLATE_FILE DATA.json`: renders a template file with a JSON
 * object as its variables and prints the output, for writing and checking templates. */
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/str.h"
#include "cli/cli.h"
#include "render/render.h"

static const char usage[] =
    "render TEMPLATE_FILE DATA.json [--engine jinja|markdown] [--format md|html|pdf|docx|txt] "
    "[--template-config FILE] [-o OUT]";

/* A template error reads "name:line:col: message", alone on its line, as compilers print. */
static int fail(struct pf_cli *cli, pf_status st, const struct pf_error *err)
{
    if (st == PF_E_TEMPLATE && err->line > 0) {
        fprintf(stderr, "%s\n", err->message);
        return PF_EXIT_INPUT;
    }
    return pf_cli_fail(cli, st, err);
}

int pf_cli_template(struct pf_cli *cli, int argc, char **argv)
{
    const char *positional[3] = {NULL, NULL, NULL};
    int npos = 0;
    const char *engine_name = NULL;
    const char *format_name = NULL;
    const char *config_path = NULL;
    const char *out_path = "-";
    for (int i = 1; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used < 0)
            return pf_cli_usage(cli, usage);
        if (used > 0) {
            i += used;
            continue;
        }
        const char **target = NULL;
        if (strcmp(argv[i], "--engine") == 0)
            target = &engine_name;
        else if (strcmp(argv[i], "--format") == 0)
            target = &format_name;
        else if (strcmp(argv[i], "--template-config") == 0)
            target = &config_path;
        else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0)
            target = &out_path;
        if (target) {
            if (i + 1 >= argc)
                return pf_cli_usage(cli, usage);
            *target = argv[i + 1];
            i += 2;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return pf_cli_usage(cli, usage);
        if (npos >= 3)
            return pf_cli_usage(cli, usage);
        positional[npos++] = argv[i++];
    }
    if (npos != 3 || strcmp(positional[0], "render") != 0)
        return pf_cli_usage(cli, usage);
    int rc = pf_cli_load_config(cli);
    if (rc != PF_EXIT_OK)
        return rc;
    const char *template_path = positional[1];
    enum pf_template_engine engine =
        pf_str_ends_with(pf_str_from_cstr(template_path), PF_STR(".md")) ? PF_ENGINE_MARKDOWN : PF_ENGINE_JINJA;
    if (engine_name && !pf_template_engine_parse(engine_name, &engine))
        return pf_cli_usage(cli, usage);

    struct pf_error err = PF_ERROR_INIT;
    struct pf_render_limits limits;
    pf_render_limits_from_config(cli->config, &limits);
    struct pf_buf source;
    struct pf_buf out = PF_BUF_INIT(limits.output_bytes);
    json_t *data = NULL;
    json_t *config = NULL;
    struct pf_template *tmpl = NULL;
    pf_status st = pf_cli_read_file(template_path, limits.template_bytes, "limit_template_bytes",
                                    &source, &err);
    if (st == PF_OK)
        st = pf_cli_load_json(cli, positional[2], &data, &err);
    if (st == PF_OK && config_path)
        st = pf_cli_load_json(cli, config_path, &config, &err);
    if (st == PF_OK && engine == PF_ENGINE_JINJA && !config && pf_str_ends_with(pf_str_from_cstr(template_path), PF_STR(".txt"))) {
        config = json_pack("{s:s}", "output", "txt");
    }
    if (st == PF_OK)
        st = pf_template_compile(template_path, pf_buf_view(&source), engine, config, &limits,
                                 &tmpl, &err);
    enum pf_render_format format = PF_FORMAT_MD;
    if (st == PF_OK) {
        if (format_name) {
            if (!pf_render_format_parse(format_name, &format))
                st = pf_error_set(&err, PF_E_USAGE, "unknown format %s", format_name);
        } else if (engine == PF_ENGINE_JINJA) {
            format = pf_template_supports(tmpl, PF_FORMAT_TXT) ? PF_FORMAT_TXT : PF_FORMAT_HTML;
        }
    }
    if (st == PF_OK) {
        struct pf_render_request req = {
            .tmpl = tmpl, .data = data, .format = format, .limits = &limits};
        st = pf_render(&req, &out, &err);
    }
    if (st == PF_OK)
        st = pf_cli_write_output(out_path, out.ptr ? out.ptr : "", out.len, &err);
    rc = st == PF_OK ? PF_EXIT_OK : fail(cli, st, &err);
    pf_template_free(tmpl);
    json_decref(config);
    json_decref(data);
    pf_buf_fini(&out);
    pf_buf_fini(&source);
    return rc;
}
