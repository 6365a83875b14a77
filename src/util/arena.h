#ifndef HEED_ARENA_H
#define HEED_ARENA_H
/* arena: bump allocation for one request (or one command). Everything taken
 * from it is freed at once by arena_free; nothing is freed one by one.
 * Blocks grow geometrically; a request that needs more than its first block
 * costs one malloc per doubling. */
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
} arena;

void arena_init(arena *a);
void *arena_alloc(arena *a, size_t n);          /* 16-byte aligned, zeroed */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends one zeroed element to an arena-backed array (*arr, *n, *cap), doubling
 * the capacity when full; returns the new element. Start with *arr NULL, *n = *cap = 0. */
void *arena_push(arena *a, void *arr_ptr, int *n, int *cap, size_t elem);
void arena_reset(arena *a);                     /* keep the first block, drop the rest */
void arena_free(arena *a);

#endif
