/* The service clock. Every rule asks svc_now(s) for the time: a caller may pin the time of
 * one action (s->now, unit tests), and the whole process's clock can be moved forward
 * (svc_clock_advance: timers in API and browser tests fire without sleeping). */
#include <stdatomic.h>
#include "service/service.h"
#include "util/timeutil.h"

static atomic_llong offset;

time_t svc_clock(void) { return time(NULL) + (time_t)atomic_load(&offset); }
void svc_clock_advance(long long seconds) { atomic_fetch_add(&offset, seconds); }
long long svc_clock_offset(void) { return atomic_load(&offset); }
time_t svc_now(const svc *s) { return s && s->now ? s->now : svc_clock(); }
void svc_now_iso(const svc *s, char out[ISO_LEN]) { time_iso(svc_now(s), out); }
