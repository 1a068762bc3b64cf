/* UTC time: formatting and parsing without the C library's locale- and TZ-dependent calls. */
#include "base/clock.h"

#include <stdio.h>
#include <time.h>

int64_t pf_time_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t pf_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
 * calendar, no tables, no timezone database. */
int64_t pf_days_from_civil(int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yoe = (unsigned)(year - era * 400);
    const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t days, int *out_year, int *out_month, int *out_day)
{
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = (unsigned)(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *out_year = (int)(y + (m <= 2));
    *out_month = (int)m;
    *out_day = (int)d;
}

void pf_time_civil(int64_t ms, int *out_year, int *out_month, int *out_day)
{
    int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    civil_from_days(days, out_year, out_month, out_day);
}

void pf_time_format_iso(int64_t ms, char out[PF_TIME_ISO_LEN])
{
    int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    int millis = (int)(ms - secs * 1000);
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int sod = (int)(secs - days * 86400);
    int year, month, day;
    civil_from_days(days, &year, &month, &day);
    snprintf(out, PF_TIME_ISO_LEN, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day,
             sod / 3600, (sod / 60) % 60, sod % 60, millis);
}

static bool take_digits(struct pf_cur *cur, size_t count, uint32_t *out_value)
{
    if (pf_cur_left(cur) < count)
        return false;
    uint32_t value = 0;
    for (size_t i = 0; i < count; i++) {
        char ch = cur->ptr[i];
        if (ch < '0' || ch > '9')
            return false;
        value = value * 10 + (uint32_t)(ch - '0');
    }
    cur->ptr += count;
    *out_value = value;
    return true;
}

bool pf_time_parse_iso(struct pf_str text, int64_t *out_ms)
{
    struct pf_cur cur = pf_cur_of(pf_str_trim(text));
    uint32_t year, month, day, hour = 0, minute = 0, second = 0, millis = 0;
    int64_t offset_min = 0;

    if (!take_digits(&cur, 4, &year) || !pf_cur_take_char(&cur, '-') ||
        !take_digits(&cur, 2, &month) || !pf_cur_take_char(&cur, '-') ||
        !take_digits(&cur, 2, &day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    if (pf_cur_take_char(&cur, 'T') || pf_cur_take_char(&cur, 't') ||
        pf_cur_take_char(&cur, ' ')) {
        if (!take_digits(&cur, 2, &hour) || !pf_cur_take_char(&cur, ':') ||
            !take_digits(&cur, 2, &minute))
            return false;
        if (pf_cur_take_char(&cur, ':')) {
            if (!take_digits(&cur, 2, &second))
                return false;
            if (pf_cur_take_char(&cur, '.')) {
                uint32_t scale = 100;
                bool any = false;
                while (!pf_cur_at_end(&cur) && *cur.ptr >= '0' && *cur.ptr <= '9') {
                    millis += (uint32_t)(*cur.ptr - '0') * scale;
                    scale /= 10;
                    cur.ptr++;
                    any = true;
                }
                if (!any)
                    return false;
            }
        }
        if (hour > 23 || minute > 59 || second > 60)
            return false;
        if (pf_cur_take_char(&cur, 'Z') || pf_cur_take_char(&cur, 'z')) {
            offset_min = 0;
        } else if (!pf_cur_at_end(&cur) && (*cur.ptr == '+' || *cur.ptr == '-')) {
            int sign = *cur.ptr == '-' ? -1 : 1;
            uint32_t oh, om = 0;
            cur.ptr++;
            if (!take_digits(&cur, 2, &oh))
                return false;
            if (pf_cur_take_char(&cur, ':')) {
                if (!take_digits(&cur, 2, &om))
                    return false;
            } else if (pf_cur_left(&cur) == 2 && !take_digits(&cur, 2, &om)) {
                return false;
            }
            offset_min = sign * (int64_t)(oh * 60 + om);
        }
    }
    if (!pf_cur_at_end(&cur))
        return false;
    int64_t days = pf_days_from_civil(year, month, day);
    int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    *out_ms = secs * 1000 + millis;
    return true;
}
