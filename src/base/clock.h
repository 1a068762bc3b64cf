/* Wall-clock UTC time in milliseconds and ISO 8601 formatting; a monotonic clock for durations. */
#ifndef PF_BASE_CLOCK_H
#define PF_BASE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/common.h"
#include "base/str.h"

#define PF_TIME_ISO_LEN 32 /* bytes for "YYYY-MM-DDTHH:MM:SS.mmmZ" plus NUL, with room */

/* Milliseconds since the Unix epoch, UTC. */
int64_t pf_time_now_ms(void);
/* Nanoseconds from an arbitrary start; only differences mean anything. */
int64_t pf_monotonic_ns(void);

/* Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC) into out. */
void pf_time_format_iso(int64_t ms, char out[PF_TIME_ISO_LEN]);
/* Parses an ISO 8601 / RFC 3339 timestamp: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]]", with
 * 'T' or a space, and "Z", "+HH", "+HH:MM" or no zone (taken as UTC). PostgreSQL's text output
 * ("2026-11-25 13:55:36.123+00") is accepted. */
PF_MUST_CHECK bool pf_time_parse_iso(struct pf_str text, int64_t *out_ms);
/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
int64_t pf_days_from_civil(int64_t year, unsigned month, unsigned day);
/* The UTC calendar date of ms. */
void pf_time_civil(int64_t ms, int *out_year, int *out_month, int *out_day);

#endif
