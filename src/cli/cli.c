/* Subcommand dispatch, shared options and config loading for the CLI. */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/mem.h"

#define PF_LOG_MODULE "cli"

#define MAX_FLAGS 64

struct command {
    const char *name;
    pf_cli_fn fn;
    const char *summary;
};

static const struct command commands[] = {
#define PF_COMMAND(name, fn, summary) {#name, fn, summary},
#include "cli/commands.def"
#undef PF_COMMAND
};

/* Flags seen on the command line, applied last (highest precedence): kept beside the config
 * rather than written into it at once because the environment is applied after the file. */
struct flag {
    const char *name;
    const char *value;
};

struct pf_cli_state {
    const char *config_path;
    struct flag flags[MAX_FLAGS];
    size_t flag_count;
};

static void print_help(FILE *out)
{
    fprintf(out, "usage: personaforge COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < PF_ARRAY_LEN(commands); i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\ncommon options: --config FILE, --database URL, --data-dir DIR, "
                 "--listen HOST:PORT, --log-level LEVEL, --set NAME=VALUE\n");
}

int pf_cli_fail(struct pf_cli *cli, pf_status st, const struct pf_error *err)
{
    const char *message = err && err->message[0] ? err->message : pf_status_message(st);
    fprintf(stderr, "personaforge %s: %s\n", cli->name, message);
    return st == PF_E_USAGE ? PF_EXIT_USAGE : PF_EXIT_INPUT;
}

int pf_cli_usage(struct pf_cli *cli, const char *usage)
{
    fprintf(stderr, "usage: personaforge %s %s\n", cli->name, usage);
    return PF_EXIT_USAGE;
}

static void record_flag(struct pf_cli *cli, const char *name, const char *value)
{
    struct pf_cli_state *state = cli->state;
    if (state->flag_count < MAX_FLAGS) {
        state->flags[state->flag_count].name = name;
        state->flags[state->flag_count].value = value;
        state->flag_count++;
    }
}

int pf_cli_common_option(struct pf_cli *cli, int argc, char **argv)
{
    static const struct {
        const char *option;
        const char *key;
    } simple[] = {
        {"--database", "database_url"}, {"--data-dir", "data_dir"},
        {"--listen", "listen"},         {"--log-level", "log_level"},
    };
    const char *arg = argv[0];
    for (size_t i = 0; i < PF_ARRAY_LEN(simple); i++) {
        size_t len = strlen(simple[i].option);
        if (strncmp(arg, simple[i].option, len) != 0)
            continue;
        if (arg[len] == '=') {
            record_flag(cli, simple[i].key, arg + len + 1);
            return 1;
        }
        if (arg[len] == '\0') {
            if (argc < 2)
                return -1;
            record_flag(cli, simple[i].key, argv[1]);
            return 2;
        }
    }
    if (strcmp(arg, "--config") == 0) {
        if (argc < 2)
            return -1;
        cli->state->config_path = argv[1];
        return 2;
    }
    if (strcmp(arg, "--set") == 0) {
        if (argc < 2)
            return -1;
        char *eq = strchr(argv[1], '=');
        if (!eq)
            return -1;
        record_flag(cli, pf_arena_strndup(cli->arena, argv[1], (size_t)(eq - argv[1])), eq + 1);
        return 2;
    }
    return 0;
}

int pf_cli_load_config(struct pf_cli *cli)
{
    struct pf_cli_state *state = cli->state;
    struct pf_error err = PF_ERROR_INIT;
    const char *path = state->config_path ? state->config_path : getenv("PF_CONFIG");
    pf_status st = PF_OK;
    if (path && *path)
        st = pf_config_load_file(cli->config, path, &err);
    if (st == PF_OK)
        st = pf_config_load_env(cli->config, &err);
    for (size_t i = 0; st == PF_OK && i < state->flag_count; i++)
        st = pf_config_set(cli->config, state->flags[i].name, state->flags[i].value,
                           PF_CONFIG_FLAG, &err);
    if (st != PF_OK)
        return pf_cli_fail(cli, st, &err);
    enum pf_log_level level;
    if (!pf_log_level_parse(cli->config->log_level, &level)) {
        pf_error_set(&err, PF_E_INVALID, "log_level: '%s' is not error|warn|info|debug",
                     cli->config->log_level);
        return pf_cli_fail(cli, PF_E_INVALID, &err);
    }
    pf_log_set_level(level);
    return PF_EXIT_OK;
}

int pf_cli_parse_common_only(struct pf_cli *cli, int argc, char **argv, const char *usage_line)
{
    for (int i = 1; i < argc;) {
        int used = pf_cli_common_option(cli, argc - i, argv + i);
        if (used <= 0)
            return pf_cli_usage(cli, usage_line);
        i += used;
    }
    return pf_cli_load_config(cli);
}

pf_status pf_cli_write_output(const char *path, const void *data, size_t len,
                              struct pf_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (len && fwrite(data, 1, len, stdout) != len)
            return pf_error_set(err, PF_E_IO, "cannot write to stdout");
        return fflush(stdout) == 0 ? PF_OK : pf_error_set(err, PF_E_IO, "cannot write to stdout");
    }
    size_t tmp_len = strlen(path) + 16;
    char *tmp = pf_xmalloc(tmp_len);
    snprintf(tmp, tmp_len, "%s.tmpXXXXXX", path);
    pf_status st = PF_OK;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        st = pf_error_set(err, PF_E_IO, "cannot create %s: %s", path, strerror(errno));
        goto done;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = pf_error_set(err, errno == ENOSPC ? PF_E_DISK_FULL : PF_E_IO,
                              "cannot write %s: %s", path, strerror(errno));
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) != 0 && st == PF_OK)
        st = pf_error_set(err, PF_E_IO, "cannot write %s: %s", path, strerror(errno));
    close(fd);
    if (st == PF_OK && rename(tmp, path) != 0)
        st = pf_error_set(err, PF_E_IO, "cannot write %s: %s", path, strerror(errno));
    if (st != PF_OK)
        unlink(tmp);
done:
    free(tmp);
    return st;
}

int pf_cli_version(struct pf_cli *cli, int argc, char **argv)
{
    (void)cli;
    (void)argc;
    (void)argv;
    printf("personaforge %s\n", PF_VERSION);
    return PF_EXIT_OK;
}

int pf_cli_main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? PF_EXIT_USAGE : PF_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0)
        argv[1] = "version";
    const struct command *command = NULL;
    for (size_t i = 0; i < PF_ARRAY_LEN(commands); i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            command = &commands[i];
    }
    if (!command) {
        fprintf(stderr, "personaforge: unknown command '%s'\n", argv[1]);
        print_help(stderr);
        return PF_EXIT_USAGE;
    }
    struct pf_cli_state state = {0};
    struct pf_cli cli = {
        .name = command->name,
        .config = pf_config_new(),
        .arena = pf_arena_new(),
    };
    cli.log.command = command->name;
    cli.state = &state;
    int rc = command->fn(&cli, argc - 1, argv + 1);
    pf_arena_free(cli.arena);
    pf_config_free(cli.config);
    return rc;
}

pf_status pf_cli_read_file(const char *path, size_t max, const char *limit, struct pf_buf *out,
                           struct pf_error *err)
{
    pf_buf_init(out, max);
    pf_status st = strcmp(path, "-") == 0 ? pf_buf_read_fd(out, STDIN_FILENO, err)
                                          : pf_buf_read_file(out, path, err);
    if (st == PF_E_TOO_BIG)
        pf_error_set_field(err, st, limit, "%s is larger than %s (%zu bytes)",
                           strcmp(path, "-") == 0 ? "the input" : path, limit, max);
    return st;
}

pf_status pf_cli_load_json(struct pf_cli *cli, const char *path, json_t **out_json,
                           struct pf_error *err)
{
    struct pf_buf text;
    pf_status st =
        pf_cli_read_file(path, (size_t)cli->config->limit_json_body, "limit_json_body", &text, err);
    if (st == PF_OK) {
        st = pf_json_parse(pf_buf_view(&text), (size_t)cli->config->limit_json_depth, out_json, err);
        if (st != PF_OK) {
            char message[PF_ERROR_MSG_MAX];
            snprintf(message, sizeof(message), "%s", pf_error_message(err));
            pf_error_set(err, st, "%s: %s", path, message);
        }
    }
    pf_buf_fini(&text);
    return st;
}
