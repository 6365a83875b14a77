#include "util/arena.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_FIRST = 8192 };

static arena_block *block_new(size_t cap, arena_block *next)
{
    arena_block *b = malloc(sizeof *b + cap);
    if (!b) { fputs("heed: out of memory\n", stderr); abort(); }
    b->next = next;
    b->used = 0;
    b->cap = cap;
    return b;
}

void arena_init(arena *a) { a->head = NULL; }

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = b ? b->cap * 2 : ARENA_FIRST;
        while (cap < n) cap *= 2;
        b = a->head = block_new(cap, b);
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void *arena_push(arena *a, void *arr_ptr, int *n, int *cap, size_t elem)
{
    unsigned char **arr = arr_ptr;
    if (*n == *cap) {
        int ncap = *cap ? *cap * 2 : 16;
        unsigned char *bigger = arena_alloc(a, elem * (size_t)ncap);
        if (*arr) memcpy(bigger, *arr, elem * (size_t)*n);
        *arr = bigger;
        *cap = ncap;
    }
    return *arr + elem * (size_t)(*n)++;
}

void arena_reset(arena *a)
{
    arena_block *b = a->head;
    if (!b) return;
    /* keep the oldest (last) block: it is the smallest and usually enough */
    while (b->next) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    b->used = 0;
    a->head = b;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
