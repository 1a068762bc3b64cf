/* UUIDv7 generation and canonical text form. */
#include "base/uuid.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/random.h>

#include "base/clock.h"

void pf_random_bytes(void *buf, size_t len)
{
    unsigned char *out = buf;
    while (len > 0) {
        ssize_t n = getrandom(out, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            pf_assert_fail("getrandom failed", __FILE__, __LINE__);
        }
        out += n;
        len -= (size_t)n;
    }
}

/* The last (milliseconds << 12 | sequence) handed out. Process-wide on purpose, like a clock:
 * ids made in the same millisecond must still sort in creation order ("newest first" lists,
 * report history), which RFC 9562 §6.2 method 1 gives with a 12-bit counter in rand_a. */
static _Atomic uint64_t last_stamp;

pf_id pf_id_new(void)
{
    pf_id id;
    uint64_t now = (uint64_t)pf_time_now_ms() << 12;
    uint64_t prev = atomic_load(&last_stamp);
    uint64_t stamp;
    do {
        stamp = now > prev ? now : prev + 1;
    } while (!atomic_compare_exchange_weak(&last_stamp, &prev, stamp));
    uint64_t ms = stamp >> 12;
    unsigned seq = (unsigned)(stamp & 0xFFF);
    pf_random_bytes(id.bytes, sizeof(id.bytes));
    for (int i = 0; i < 6; i++)
        id.bytes[i] = (uint8_t)(ms >> (8 * (5 - i)));
    id.bytes[6] = (uint8_t)(0x70 | (seq >> 8));
    id.bytes[7] = (uint8_t)(seq & 0xFF);
    id.bytes[8] = (uint8_t)(0x80 | (id.bytes[8] & 0x3F));
    return id;
}

bool pf_id_is_nil(pf_id id)
{
    for (size_t i = 0; i < sizeof(id.bytes); i++) {
        if (id.bytes[i])
            return false;
    }
    return true;
}

bool pf_id_eq(pf_id a, pf_id b)
{
    return memcmp(a.bytes, b.bytes, sizeof(a.bytes)) == 0;
}

void pf_id_format(pf_id id, char out[PF_ID_STR_LEN])
{
    static const char hex[] = "0123456789abcdef";
    size_t pos = 0;
    for (size_t i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[pos++] = '-';
        out[pos++] = hex[id.bytes[i] >> 4];
        out[pos++] = hex[id.bytes[i] & 0x0F];
    }
    out[pos] = '\0';
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

bool pf_id_parse(struct pf_str text, pf_id *out_id)
{
    if (text.len != 36)
        return false;
    pf_id id;
    size_t byte = 0;
    for (size_t i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text.ptr[i] != '-')
                return false;
            i++;
            continue;
        }
        int hi = hex_value(text.ptr[i]);
        int lo = hex_value(text.ptr[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        id.bytes[byte++] = (uint8_t)(hi << 4 | lo);
        i += 2;
    }
    *out_id = id;
    return true;
}
