/* Plain driver for libFuzzer targets: replays every file of the given directories through
 * LLVMFuzzerTestOneInput, so `make test` (and the ASan run) exercise the committed corpora and
 * crash regressions without libFuzzer (STYLE §16). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    struct pf_buf buf = PF_BUF_INIT((size_t)256 << 20);
    struct pf_error err = PF_ERROR_INIT;
    if (pf_buf_read_file(&buf, path, &err) != PF_OK) {
        fprintf(stderr, "replay: %s\n", pf_error_message(&err));
        pf_buf_fini(&buf);
        return 1;
    }
    /* A private heap copy of exactly the input's size, so ASan catches overreads the way
     * libFuzzer would. */
    uint8_t *copy = malloc(buf.len ? buf.len : 1);
    memcpy(copy, buf.ptr, buf.len);
    LLVMFuzzerTestOneInput(copy, buf.len);
    free(copy);
    pf_buf_fini(&buf);
    return 0;
}

static int replay_dir(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0; /* a target may have no regressions yet */
    int failures = 0;
    struct dirent *entry;
    while ((entry = readdir(d))) {
        if (entry->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        failures += replay_file(path);
        (*count)++;
    }
    closedir(d);
    return failures;
}

int main(int argc, char **argv)
{
    int count = 0;
    int failures = 0;
    for (int i = 1; i < argc; i++)
        failures += replay_dir(argv[i], &count);
    printf("%d passed, %d failed\n", count - failures, failures);
    return failures ? 1 : 0;
}
