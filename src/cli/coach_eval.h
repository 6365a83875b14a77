#ifndef HEED_COACH_EVAL_H
#define HEED_COACH_EVAL_H
/* `heed coach --eval`: scores the team's labelled cases (tests/data/coach). */
#include <stdbool.h>
#include "coach/coach.h"
int coach_eval_files(int n, char **files, const coach_lexicon *extra, bool verbose);
coach_lexicon *coach_cli_load_lexicon(const char *path);
#endif
