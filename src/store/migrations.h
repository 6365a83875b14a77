#ifndef HEED_MIGRATIONS_H
#define HEED_MIGRATIONS_H
struct migration {
    int version;
    const char *name;
    const char *sql;
};
extern const struct migration heed_migrations[]; /* ends with version 0 */
#endif
