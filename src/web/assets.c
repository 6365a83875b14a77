#include "web/assets.h"
#include <string.h>

const struct asset *asset_find(const char *name)
{
    for (const struct asset *a = heed_assets; a->name; a++)
        if (!strcmp(a->name, name)) return a;
    return NULL;
}
