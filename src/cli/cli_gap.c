/* `personaforge gap PERSONA.json [--jd FILE]`: a gap report offline, without a database. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "cli/cli.h"
#include "gap/gap.h"
#include "kb/kb.h"
#include "persona/persona_merge.h"

static const char usage[] =
    "PERSONA.json [--jd FILE] [--today YYYY-MM-DD] [--no-spelling] [--set NAME=VALUE]";

/* Reads path as JSON (an object) into *out_json. */
static pf_status read_persona(struct pf_cli *cli, const char *path, json_t **out_json,
                              struct pf_error *err)
{
    pf_status st = pf_cli_load_json(cli, path, out_json, err);
    if (st == PF_OK && !json_is_object(*out_json)) {
        json_decref(*out_json);
        *out_json = NULL;
        st = pf_error_set(err, PF_E_INVALID, "%s: a persona must be a JSON Resume object", path);
    }
    return st;
}

int pf_cli_gap(struct pf_cli *cli, int argc, char **argv)
{
    const char *persona_path = NULL;
    const char *jd_path = NULL;
    const char *today = NULL;
    bool spelling = true;
    for (int i = 1; i < argc;) {
        const char *arg = argv[i];
        if (strcmp(arg, "--jd") == 0 && i + 1 < argc) {
            jd_path = argv[i + 1];
            i += 2;
        } else if (strcmp(arg, "--today") == 0 && i + 1 < argc) {
            today = argv[i + 1];
            i += 2;
        } else if (strcmp(arg, "--no-spelling") == 0) {
            spelling = false;
            i++;
        } else if (arg[0] != '-' && !persona_path) {
            persona_path = arg;
            i++;
        } else {
            int used = pf_cli_common_option(cli, argc - i, argv + i);
            if (used <= 0)
                return pf_cli_usage(cli, usage);
            i += used;
        }
    }
    if (!persona_path)
        return pf_cli_usage(cli, usage);
    int rc = pf_cli_load_config(cli);
    if (rc != PF_EXIT_OK)
        return rc;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb *kb = NULL;
    json_t *persona = NULL;
    json_t *effective = NULL;
    json_t *report = NULL;
    struct pf_buf jd = PF_BUF_INIT(PF_GAP_LIMIT_JD_BYTES);
    int64_t now = pf_time_now_ms();
    pf_status st = PF_OK;
    if (today && !pf_time_parse_iso(pf_str_from_cstr(today), &now))
        st = pf_error_set(&err, PF_E_USAGE, "--today takes a date (YYYY-MM-DD)");
    if (st == PF_OK)
        st = read_persona(cli, persona_path, &persona, &err);
    if (st == PF_OK && jd_path) {
        st = pf_buf_read_file(&jd, jd_path, &err);
        if (st == PF_E_TOO_BIG)
            pf_error_set(&err, st, "%s: a job description is at most %u bytes", jd_path,
                         PF_GAP_LIMIT_JD_BYTES);
    }
    if (st == PF_OK)
        st = pf_kb_new(&kb, &err);
    if (st != PF_OK) {
        rc = pf_cli_fail(cli, st, &err);
        goto done;
    }
    /* The file is taken as an effective persona; the merge only adds entry ids to meta, so
     * issue keys are stable across runs. */
    struct pf_persona_merge_input merge = {.base = persona, .kb = kb};
    effective = pf_persona_merge(&merge);
    struct pf_gap_options opts = {
        .kb = kb,
        .spell_dictionary = spelling ? cli->config->spell_dictionary : NULL,
        .now_ms = now,
    };
    if (jd_path)
        st = pf_gap_role(effective, pf_buf_cstr(&jd), jd.len, &opts, &report, &err);
    else
        st = pf_gap_general(effective, &opts, &report, &err);
    if (st != PF_OK) {
        rc = pf_cli_fail(cli, st, &err);
        goto done;
    }
    char *text = json_dumps(report, JSON_INDENT(2));
    fputs(text, stdout);
    fputc('\n', stdout);
    free(text);
    rc = PF_EXIT_OK;
done:
    json_decref(report);
    json_decref(effective);
    json_decref(persona);
    pf_buf_fini(&jd);
    pf_kb_free(kb);
    return rc;
}
