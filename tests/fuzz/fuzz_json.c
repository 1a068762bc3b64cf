/* Fuzz target: JSON request bodies through the bounded parser (depth, UTF-8, duplicates). */
#include <stdint.h>
#include <stdlib.h>

#include "base/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first byte picks the depth limit, so shallow and deep limits both get exercised. */
    size_t depth = size > 0 ? (size_t)(data[0] % 80) + 1 : 8;
    json_t *json = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_json_parse(pf_str_make((const char *)data, size), depth, &json, &err) == PF_OK) {
        char *text = pf_json_dump(json);
        free(text);
        json_decref(json);
    }
    return 0;
}
