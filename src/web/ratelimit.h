#ifndef HEED_RATELIMIT_H
#define HEED_RATELIMIT_H
/* Failed-login limiter: at most LOGIN_FAILURES_MAX failures per client address
 * in LOGIN_WINDOW_SECONDS; further attempts are refused until the window passes. */
#include <stdbool.h>
enum { LOGIN_FAILURES_MAX = 10, LOGIN_WINDOW_SECONDS = 300 };
bool ratelimit_login_blocked(const char *client);
void ratelimit_login_failed(const char *client);
void ratelimit_login_succeeded(const char *client);
#endif
