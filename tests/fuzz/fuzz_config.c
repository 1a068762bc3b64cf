/* Fuzz target: the config file parser. */
#include <stdint.h>

#include "base/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    if (pf_config_load_text(config, pf_str_make((const char *)data, size), &err) != PF_OK)
        PF_ASSERT(err.status != PF_OK && err.message[0] != '\0');
    pf_config_free(config);
    return 0;
}
