#ifndef HEED_RATELIMIT_H
#define HEED_RATELIMIT_H
/* Sign-in limiter: at most LOGIN_FAILURES_MAX failed sign-ins per client address,
 * and as many per account (the email typed), in LOGIN_WINDOW_SECONDS; further
 * attempts are refused until the window passes.
 *
 * An attempt is reserved (counted as a failure) under the lock before the slow
 * password check, so concurrent guesses cannot get past the limit; a success
 * then gives back its own reservation at the address and clears its own
 * account's failures, never another account's. */
#include <stdbool.h>
enum { LOGIN_FAILURES_MAX = 10, LOGIN_WINDOW_SECONDS = 300 };
/* false: refused (the address or the account is at its limit), nothing counted */
bool ratelimit_login_begin(const char *client, const char *account);
/* after an attempt that ratelimit_login_begin let through */
void ratelimit_login_end(const char *client, const char *account, bool succeeded);
/* forgets everything (tests) */
void ratelimit_reset(void);
#endif
