#include "util/netaddr.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

static bool v4_private(const unsigned char *a)
{
    return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 169 && a[1] == 254) || (a[0] == 172 && (a[1] & 0xF0) == 16) ||
           (a[0] == 192 && a[1] == 168) || (a[0] == 100 && (a[1] & 0xC0) == 64) || a[0] >= 224 ||
           (a[0] == 192 && a[1] == 0 && a[2] == 0) || (a[0] == 198 && (a[1] & 0xFE) == 18);
}

static bool v6_private(const unsigned char *a)
{
    static const unsigned char zero[16] = {0}, mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (!memcmp(a, zero, 15) && (a[15] == 0 || a[15] == 1)) return true; /* :: and ::1 */
    if (!memcmp(a, mapped, 12)) return v4_private(a + 12);                /* ::ffff:10.0.0.1 */
    return (a[0] & 0xFE) == 0xFC || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) || a[0] == 0xFF; /* ULA, link-local, multicast */
}

bool netaddr_is_private(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) return v4_private((const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr);
    if (sa->sa_family == AF_INET6) return v6_private(((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr);
    return true;
}

bool netaddr_text_is_private(const char *host)
{
    unsigned char a[16];
    if (inet_pton(AF_INET, host, a) == 1) return v4_private(a);
    if (inet_pton(AF_INET6, host, a) == 1) return v6_private(a);
    return false;
}
