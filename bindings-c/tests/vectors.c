/* The vector runner's C half: answers requests read from stdin through the C ABI,
 * one line of output per request. tests/vectors.py builds the requests from
 * tests/vectors/ and compares the answers; bindings-c/test.sh runs the pair under
 * valgrind.
 *
 * A request is a kind line (`expand`, `availability`, `combined`, `reconcile`,
 * `report`) followed by its fields, each as a decimal byte count, a newline and the
 * bytes: expand takes ical, from, to, limit (decimal, -1 for none); the others take
 * the engine's state JSON (`{"version": 1, "schedules", "appointments"}`) and the
 * call's document (the query, or `{"window", "existing"}` / `{"window", "bucket"}`).
 * The answer line is `ok <JSON>`, or `error <code name> <where> <path>` where
 * `where` is `state` (loading the engine) or `call`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slotwise.h"

#define MAX_FIELDS 4

struct field {
  uint8_t *data;
  size_t len;
};

/* Reads one length-prefixed field; 0 at end of input or on a malformed request. */
static int read_field(struct field *f) {
  unsigned long len;
  if (scanf("%lu", &len) != 1 || getchar() != '\n') return 0;
  f->data = malloc(len + 1);
  if (f->data == NULL) return 0;
  f->len = fread(f->data, 1, len, stdin);
  f->data[f->len] = '\0';
  return f->len == len;
}

static void print_result(SlotwiseCode code, SlotwiseResult *r, const char *where) {
  if (code == SLOTWISE_CODE_OK) {
    printf("ok %.*s\n", (int)r->value.len, r->value.data ? (const char *)r->value.data : "");
  } else {
    const char *name = slotwise_code_name(code);
    printf("error %s %s %.*s\n", name ? name : "internal", where, (int)r->path.len,
           r->path.data ? (const char *)r->path.data : "");
  }
  slotwise_result_free(r);
}

typedef SlotwiseCode (*DocumentCall)(const struct SlotwiseEngine *, const uint8_t *, size_t, struct SlotwiseResult *);

static int answer(const char *kind, struct field *f) {
  SlotwiseResult r;
  if (strcmp(kind, "expand") == 0) {
    long long limit = strtoll((const char *)f[3].data, NULL, 10);
    print_result(slotwise_expand(f[0].data, f[0].len, f[1].data, f[1].len, f[2].data, f[2].len, limit, &r), &r, "call");
    return 1;
  }
  DocumentCall call = NULL;
  if (strcmp(kind, "availability") == 0) call = slotwise_engine_availability;
  if (strcmp(kind, "combined") == 0) call = slotwise_engine_combined;
  if (strcmp(kind, "reconcile") == 0) call = slotwise_engine_reconcile;
  if (strcmp(kind, "report") == 0) call = slotwise_engine_report;
  if (call == NULL) return 0;
  SlotwiseEngine *engine = NULL;
  SlotwiseCode code = slotwise_engine_from_json(f[0].data, f[0].len, &engine, &r);
  if (code != SLOTWISE_CODE_OK) {
    print_result(code, &r, "state");
    return 1;
  }
  slotwise_result_free(&r);
  print_result(call(engine, f[1].data, f[1].len, &r), &r, "call");
  slotwise_engine_free(engine);
  return 1;
}

int main(void) {
  char kind[32];
  while (scanf("%31s", kind) == 1) {
    if (getchar() != '\n') return 2;
    int fields = strcmp(kind, "expand") == 0 ? 4 : 2;
    struct field f[MAX_FIELDS] = {{0}};
    int ok = 1;
    for (int i = 0; i < fields && ok; i++) ok = read_field(&f[i]);
    ok = ok && answer(kind, f);
    for (int i = 0; i < fields; i++) free(f[i].data);
    if (!ok) {
      fprintf(stderr, "malformed request (%s)\n", kind);
      return 2;
    }
    fflush(stdout);
  }
  return 0;
}
