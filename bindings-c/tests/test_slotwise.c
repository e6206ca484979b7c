/* Exercises every function of slotwise.h: answers, error codes and paths, NULL and
 * invalid UTF-8 arguments, freeing, and queries from several threads. Run under
 * valgrind by bindings-c/test.sh, which fails on any leak or memory error. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slotwise.h"

static int passed = 0, failed = 0;

#define CHECK(cond, what)                                                  \
  do {                                                                     \
    if (cond) {                                                            \
      passed++;                                                            \
    } else {                                                               \
      failed++;                                                            \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what);       \
    }                                                                      \
  } while (0)

#define S(text) (const uint8_t *)(text), strlen(text)

static const char *SCHEDULE =
    "{\"id\": \"room\", \"timezone\": \"Europe/Lisbon\","
    " \"availability\": [{\"rule\": \"DTSTART:20260302T090000\\nRRULE:FREQ=DAILY\", \"end\": \"12:00\"}],"
    " \"slot\": {\"duration\": \"PT1H\", \"capacity\": 2}}";
static const char *SCHEDULE_3_SEATS =
    "{\"id\": \"room\", \"timezone\": \"Europe/Lisbon\","
    " \"availability\": [{\"rule\": \"DTSTART:20260302T090000\\nRRULE:FREQ=DAILY\", \"end\": \"12:00\"}],"
    " \"slot\": {\"duration\": \"PT1H\", \"capacity\": 3}}";
static const char *APPOINTMENT =
    "{\"id\": \"a1\", \"schedule\": \"room\", \"start\": \"2026-03-02T10:00:00Z\","
    " \"end\": \"2026-03-02T11:00:00Z\"}";
static const char *APPOINTMENT_2_SEATS =
    "{\"id\": \"a1\", \"schedule\": \"room\", \"start\": \"2026-03-02T10:00:00Z\","
    " \"end\": \"2026-03-02T11:00:00Z\", \"seats\": 2}";
static const char *QUERY = "{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\"}";

static int has(const SlotwiseBuffer *b, const char *needle) {
  return b->data != NULL && strstr((const char *)b->data, needle) != NULL;
}

static int is(const SlotwiseBuffer *b, const char *text) {
  return b->len == strlen(text) && memcmp(b->data, text, b->len) == 0;
}

/* The call failed with `code` and `path`; frees the result. */
static void expect_error(SlotwiseCode got, SlotwiseResult *r, SlotwiseCode code, const char *path,
                         const char *what) {
  char line[256];
  snprintf(line, sizeof line, "%s: code %d (%s), path '%s'", what, (int)got,
           r->message.data ? (const char *)r->message.data : "", r->path.data ? (const char *)r->path.data : "");
  CHECK(got == code && r->code == code && is(&r->path, path) && r->message.len > 0 && r->value.data == NULL,
        line);
  slotwise_result_free(r);
}

static void test_info(void) {
  CHECK(strcmp(slotwise_version(), "0.1.0") == 0, "version");
  CHECK(strlen(slotwise_tzdata_version()) >= 5, "tzdata version");
  CHECK(strcmp(slotwise_code_name(SLOTWISE_CODE_INVALID_RULE), "invalid_rule") == 0, "code name");
  CHECK(strcmp(slotwise_code_name(SLOTWISE_CODE_INVALID_SNAPSHOT), "invalid_snapshot") == 0, "code name");
  CHECK(slotwise_code_name(42) == NULL, "no such code");
}

static void test_expand(void) {
  SlotwiseResult r;
  const char *ical = "DTSTART;TZID=America/New_York:20260307T090000\nRRULE:FREQ=DAILY;COUNT=3";
  SlotwiseCode c = slotwise_expand(S(ical), S("2026-01-01T00:00:00Z"), S("2027-01-01T00:00:00Z"), -1, &r);
  CHECK(c == SLOTWISE_CODE_OK, "expand succeeds");
  /* 9:00 in New York is 14:00Z before the DST change on March 8 and 13:00Z after. */
  CHECK(is(&r.value, "[\"2026-03-07T14:00:00Z\",\"2026-03-08T13:00:00Z\",\"2026-03-09T13:00:00Z\"]"),
        "expand crosses DST");
  CHECK(r.value.data[r.value.len] == '\0', "text is NUL-terminated");
  slotwise_result_free(&r);
  CHECK(r.value.data == NULL && r.value.len == 0, "free empties the result");
  slotwise_result_free(&r); /* twice is harmless */

  c = slotwise_expand(S(ical), S("2026-01-01T00:00:00Z"), S("2027-01-01T00:00:00Z"), 1, &r);
  CHECK(c == SLOTWISE_CODE_OK && is(&r.value, "[\"2026-03-07T14:00:00Z\"]"), "expand limit");
  slotwise_result_free(&r);

  c = slotwise_expand(S("DTSTART:20260101T090000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0"),
                      S("2026-01-01T00:00:00Z"), S("2027-01-01T00:00:00Z"), -1, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_RULE, "", "BYMONTHDAY=0");
  c = slotwise_expand(NULL, 0, S("2026-01-01T00:00:00Z"), S("2027-01-01T00:00:00Z"), -1, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "ical", "NULL ical");
  c = slotwise_expand(S(ical), S("2026-01-01T00:00:00Z"), S("tomorrow"), -1, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "to", "bad instant");
  const uint8_t bad_utf8[] = {'D', 0xff, 0xfe};
  c = slotwise_expand(bad_utf8, sizeof bad_utf8, S("2026-01-01T00:00:00Z"), S("2027-01-01T00:00:00Z"), -1, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "ical", "invalid UTF-8");
  CHECK(slotwise_expand(S(ical), S("x"), S("y"), -1, NULL) == SLOTWISE_CODE_INVALID_INPUT, "NULL out");
}

static SlotwiseEngine *clinic(void) {
  SlotwiseEngine *e = slotwise_engine_new();
  SlotwiseResult r;
  CHECK(e != NULL, "new engine");
  CHECK(slotwise_engine_add_schedule(e, S(SCHEDULE), &r) == SLOTWISE_CODE_OK, "add schedule");
  slotwise_result_free(&r);
  CHECK(slotwise_engine_add_appointment(e, S(APPOINTMENT), &r) == SLOTWISE_CODE_OK, "add appointment");
  slotwise_result_free(&r);
  return e;
}

static void test_changes(void) {
  SlotwiseEngine *e = clinic();
  SlotwiseResult r;
  SlotwiseCode c = slotwise_engine_add_schedule(e, S(SCHEDULE), &r);
  expect_error(c, &r, SLOTWISE_CODE_DUPLICATE_ID, "id", "duplicate schedule");
  c = slotwise_engine_add_schedule(e, S("{\"id\": \"x\", \"timezone\": \"Mars/Base\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_UNKNOWN_TIMEZONE, "timezone", "unknown zone");
  c = slotwise_engine_add_schedule(e, S("{\"id\": \"x\", \"timezone\": \"UTC\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 0}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "slot.capacity", "zero capacity");
  c = slotwise_engine_add_schedule(e, S("{\"id\": "), &r);
  CHECK(c == SLOTWISE_CODE_INVALID_INPUT, "truncated JSON");
  slotwise_result_free(&r);
  c = slotwise_engine_replace_schedule(e, S(SCHEDULE_3_SEATS), &r);
  CHECK(c == SLOTWISE_CODE_OK, "replace schedule");
  slotwise_result_free(&r);
  c = slotwise_engine_replace_schedule(e, S("{\"id\": \"nobody\", \"timezone\": \"UTC\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}}"), &r);
  CHECK(c == SLOTWISE_CODE_UNKNOWN_SCHEDULE, "replace unknown");
  slotwise_result_free(&r);

  c = slotwise_engine_add_appointment(e, S(APPOINTMENT), &r);
  expect_error(c, &r, SLOTWISE_CODE_DUPLICATE_ID, "id", "duplicate appointment");
  c = slotwise_engine_update_appointment(e, S(APPOINTMENT_2_SEATS), &r);
  CHECK(c == SLOTWISE_CODE_OK, "update appointment");
  slotwise_result_free(&r);
  c = slotwise_engine_availability(e, S("{\"from\": \"2026-03-02T10:00:00Z\", \"to\": \"2026-03-02T10:00:01Z\", \"seats\": 0}"), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"capacity\":3") && has(&r.value, "\"booked\":2") &&
            has(&r.value, "\"remaining\":1"),
        "replace and update are seen");
  slotwise_result_free(&r);
  c = slotwise_engine_remove_appointment(e, S("a1"), &r);
  CHECK(c == SLOTWISE_CODE_OK, "remove appointment");
  slotwise_result_free(&r);
  c = slotwise_engine_remove_appointment(e, S("a1"), &r);
  CHECK(c != SLOTWISE_CODE_OK, "remove it twice");
  slotwise_result_free(&r);
  c = slotwise_engine_remove_schedule(e, S("room"), &r);
  CHECK(c == SLOTWISE_CODE_OK, "remove schedule");
  slotwise_result_free(&r);
  c = slotwise_engine_remove_schedule(e, S("room"), &r);
  expect_error(c, &r, SLOTWISE_CODE_UNKNOWN_SCHEDULE, "id", "remove unknown schedule");
  c = slotwise_engine_remove_schedule(e, NULL, 3, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "id", "NULL id");
  c = slotwise_engine_add_schedule(NULL, S(SCHEDULE), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "engine", "NULL engine");
  slotwise_engine_free(e);
  slotwise_engine_free(NULL);
}

static void test_queries(void) {
  SlotwiseEngine *e = clinic();
  SlotwiseResult r;
  SlotwiseCode c = slotwise_engine_availability(e, S(QUERY), &r);
  CHECK(c == SLOTWISE_CODE_OK, "availability");
  CHECK(has(&r.value, "\"key\":\"room@2026-03-02T09:00:00Z\"") && has(&r.value, "\"remaining\":1"),
        "availability answers slots with keys and remaining seats");
  slotwise_result_free(&r);
  c = slotwise_engine_availability(e, S("{\"from\": \"2026-03-03T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_WINDOW, "to", "reversed window");
  c = slotwise_engine_availability(e, S("{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\", \"colour\": 1}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "colour", "unknown query field");

  SlotwiseColumns cols;
  c = slotwise_engine_availability_columns(e, S(QUERY), &cols, &r);
  CHECK(c == SLOTWISE_CODE_OK, "columns");
  /* Lisbon is UTC+0 in early March: 09:00, 10:00, 11:00 local are 09Z, 10Z, 11Z. */
  CHECK(cols.len == 3 && cols.ids_len == 1, "three rows of one schedule");
  if (cols.len == 3 && cols.ids_len == 1) {
    CHECK(strcmp((const char *)cols.ids[0].data, "room") == 0, "id column");
    CHECK(cols.schedule[0] == 0 && cols.schedule[2] == 0, "schedule column");
    CHECK(cols.start[0] == 1772442000 && cols.end[0] == 1772445600, "start and end columns");
    CHECK(cols.start[1] == 1772445600 && cols.booked[1] == 1 && cols.remaining[1] == 1 && cols.capacity[1] == 2,
          "the booked slot");
    CHECK(cols.booked[2] == 0 && cols.remaining[2] == 2, "a free slot");
  }
  slotwise_result_free(&r);
  slotwise_columns_free(&cols);
  CHECK(cols.len == 0 && cols.start == NULL, "columns freed and emptied");
  slotwise_columns_free(&cols);
  slotwise_columns_free(NULL);
  c = slotwise_engine_availability_columns(e, S("{}"), &cols, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "", "query without from");
  CHECK(cols.len == 0 && cols.start == NULL, "failed columns are empty");
  c = slotwise_engine_availability_columns(e, S(QUERY), NULL, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "columns", "NULL columns");

  c = slotwise_engine_check_booking(e, S("{\"id\": \"a2\", \"schedule\": \"room\", \"start\": \"2026-03-02T10:00:00Z\", \"end\": \"2026-03-02T11:00:00Z\", \"seats\": 2}"), S("{}"), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"fits\":false") && has(&r.value, "\"code\":\"full\""),
        "check_booking: full");
  slotwise_result_free(&r);
  c = slotwise_engine_check_booking(e, S("{\"id\": \"a2\", \"schedule\": \"room\", \"start\": \"2026-03-02T11:00:00Z\", \"end\": \"2026-03-02T12:00:00Z\"}"), S("{\"now\": \"2026-03-02T10:30:00Z\", \"min_notice\": \"PT1H\"}"), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "before_minimum_notice"), "check_booking: notice");
  slotwise_result_free(&r);
  c = slotwise_engine_check_booking(e, S(APPOINTMENT), S("{\"min_notice\": \"soon\"}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "rules.min_notice", "bad rules");
  c = slotwise_engine_check_booking(e, S(APPOINTMENT), NULL, 0, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "rules", "NULL rules");

  c = slotwise_engine_explain(e, S("room"), S("2026-03-02T10:15:00Z"), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"bookable\":true") && has(&r.value, "\"local_time\""),
        "explain");
  slotwise_result_free(&r);
  c = slotwise_engine_explain(e, S("nobody"), S("2026-03-02T10:15:00Z"), &r);
  CHECK(c == SLOTWISE_CODE_UNKNOWN_SCHEDULE, "explain unknown schedule");
  slotwise_result_free(&r);
  c = slotwise_engine_explain(e, S("room"), S("noon"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "instant", "explain bad instant");

  const char *existing =
      "{\"window\": {\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\"},"
      " \"existing\": [{\"key\": \"room@2026-03-02T09:00:00Z\", \"schedule\": \"room\","
      " \"start\": \"2026-03-02T09:00:00Z\", \"end\": \"2026-03-02T10:00:00Z\", \"capacity\": 1},"
      " {\"key\": \"room@2026-03-02T15:00:00Z\", \"schedule\": \"room\","
      " \"start\": \"2026-03-02T15:00:00Z\", \"end\": \"2026-03-02T16:00:00Z\", \"capacity\": 2}]}";
  c = slotwise_engine_reconcile(e, S(existing), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"delete\":[\"room@2026-03-02T15:00:00Z\"]") &&
            has(&r.value, "\"unchanged\":0") && has(&r.value, "\"key\":\"room@2026-03-02T09:00:00Z\",\"before\""),
        "reconcile: one update, two creates, one delete");
  slotwise_result_free(&r);
  c = slotwise_engine_reconcile(e, S("{\"window\": {\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-01T00:00:00Z\"}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_WINDOW, "window.to", "reconcile reversed window");
  c = slotwise_engine_reconcile(e, S("{\"window\": {\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\"}, \"schedules\": []}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "schedules", "reconcile takes no schedules");

  c = slotwise_engine_report(e, S("{\"window\": {\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\"}, \"bucket\": \"day\"}"), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"offered_seat_minutes\":360") &&
            has(&r.value, "\"booked_seat_minutes\":60") && has(&r.value, "\"bucket_start\":\"2026-03-02\""),
        "report: 3 hours x 2 seats offered, one hour booked");
  slotwise_result_free(&r);
  c = slotwise_engine_report(e, S("{\"window\": {\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\"}, \"bucket\": \"year\"}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "bucket", "report unknown bucket");
  slotwise_engine_free(e);
}

static void test_state(void) {
  SlotwiseEngine *e = clinic();
  SlotwiseResult r, again;
  SlotwiseCode c = slotwise_engine_to_json(e, &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"version\":1") && has(&r.value, "\"a1\""), "to_json");
  SlotwiseEngine *copy = NULL;
  c = slotwise_engine_from_json(r.value.data, r.value.len, &copy, &again);
  CHECK(c == SLOTWISE_CODE_OK && copy != NULL, "from_json");
  slotwise_result_free(&again);
  slotwise_result_free(&r);
  c = slotwise_engine_availability(copy, S(QUERY), &r);
  SlotwiseResult original;
  slotwise_engine_availability(e, S(QUERY), &original);
  CHECK(c == SLOTWISE_CODE_OK && r.value.len == original.value.len &&
            memcmp(r.value.data, original.value.data, r.value.len) == 0,
        "the JSON copy answers the same");
  slotwise_result_free(&r);
  slotwise_engine_free(copy);

  c = slotwise_engine_to_snapshot(e, &r);
  CHECK(c == SLOTWISE_CODE_OK && r.value.len > 40, "to_snapshot");
  SlotwiseEngine *opened = NULL;
  c = slotwise_engine_from_snapshot(r.value.data, r.value.len, &opened, &again);
  CHECK(c == SLOTWISE_CODE_OK && opened != NULL, "from_snapshot");
  slotwise_result_free(&again);
  SlotwiseResult answer;
  c = slotwise_engine_availability(opened, S(QUERY), &answer);
  CHECK(c == SLOTWISE_CODE_OK && answer.value.len == original.value.len &&
            memcmp(answer.value.data, original.value.data, answer.value.len) == 0,
        "the snapshot answers the same");
  slotwise_result_free(&answer);
  slotwise_engine_free(opened);

  /* A damaged snapshot: the last byte flipped. It is found when opening or, since
   * schedules are read lazily, by the first question that needs the damaged part. */
  r.value.data[r.value.len - 1] ^= 0x55;
  opened = (SlotwiseEngine *)1;
  c = slotwise_engine_from_snapshot(r.value.data, r.value.len, &opened, &again);
  if (c == SLOTWISE_CODE_OK) {
    slotwise_result_free(&again);
    c = slotwise_engine_availability(opened, S(QUERY), &again);
    slotwise_engine_free(opened);
    opened = NULL;
  }
  expect_error(c, &again, SLOTWISE_CODE_INVALID_SNAPSHOT, "", "damaged snapshot");
  /* A damaged header: refused when opening. */
  r.value.data[0] ^= 0x55;
  opened = (SlotwiseEngine *)1;
  c = slotwise_engine_from_snapshot(r.value.data, r.value.len, &opened, &again);
  expect_error(c, &again, SLOTWISE_CODE_INVALID_SNAPSHOT, "", "damaged header");
  CHECK(opened == NULL, "no engine from a damaged snapshot");
  c = slotwise_engine_from_snapshot(r.value.data, 7, &opened, &again);
  expect_error(c, &again, SLOTWISE_CODE_INVALID_SNAPSHOT, "", "truncated snapshot");
  slotwise_result_free(&r);
  slotwise_result_free(&original);

  c = slotwise_engine_from_json(S("{\"version\": 1, \"schedules\": [{\"id\": \"x\"}], \"appointments\": []}"), &opened, &r);
  CHECK(c == SLOTWISE_CODE_INVALID_INPUT && has(&r.path, "schedules[0]") && opened == NULL,
        "from_json names the field");
  slotwise_result_free(&r);
  c = slotwise_engine_from_json(S("{}"), NULL, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "engine_out", "NULL engine_out");
  c = slotwise_engine_from_snapshot(NULL, 0, &opened, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "bytes", "NULL bytes");
  c = slotwise_engine_to_json(NULL, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "engine", "to_json NULL engine");
  c = slotwise_engine_to_snapshot(NULL, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "engine", "to_snapshot NULL engine");
  slotwise_engine_free(e);
}

static void test_limits(void) {
  SlotwiseResult r;
  SlotwiseEngine *e = NULL;
  SlotwiseCode c = slotwise_engine_new_with_limits(S("{\"max_schedules\": 1}"), &e, &r);
  CHECK(c == SLOTWISE_CODE_OK && e != NULL, "new with limits");
  slotwise_result_free(&r);
  c = slotwise_engine_add_schedule(e, S(SCHEDULE), &r);
  CHECK(c == SLOTWISE_CODE_OK, "the first schedule fits");
  slotwise_result_free(&r);
  c = slotwise_engine_add_schedule(e, S("{\"id\": \"b\", \"timezone\": \"UTC\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}}"), &r);
  CHECK(c == SLOTWISE_CODE_LIMIT_EXCEEDED && has(&r.message, "max_schedules"), "the second is past max_schedules");
  slotwise_result_free(&r);
  SlotwiseResult snapshot;
  CHECK(slotwise_engine_to_snapshot(e, &snapshot) == SLOTWISE_CODE_OK, "snapshot");
  SlotwiseResult state;
  CHECK(slotwise_engine_to_json(e, &state) == SLOTWISE_CODE_OK, "state");
  slotwise_engine_free(e);

  SlotwiseEngine *opened = (SlotwiseEngine *)1;
  c = slotwise_engine_new_with_limits(S("{\"max_slots\": \"many\"}"), &opened, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "limits.max_slots", "limits of the wrong type");
  CHECK(opened == NULL, "no engine");
  c = slotwise_engine_new_with_limits(NULL, 0, &opened, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "limits", "NULL limits");

  c = slotwise_engine_from_json_with_limits(state.value.data, state.value.len, S("{\"max_schedules\": 0}"), &opened, &r);
  CHECK(c == SLOTWISE_CODE_LIMIT_EXCEEDED && opened == NULL, "from_json past max_schedules");
  slotwise_result_free(&r);
  c = slotwise_engine_from_json_with_limits(state.value.data, state.value.len, S("{}"), &opened, &r);
  CHECK(c == SLOTWISE_CODE_OK && opened != NULL, "from_json with default limits");
  slotwise_result_free(&r);
  slotwise_engine_free(opened);

  c = slotwise_engine_from_snapshot_with_limits(snapshot.value.data, snapshot.value.len, S("{\"max_snapshot_bytes\": 10}"), &opened, &r);
  CHECK(c == SLOTWISE_CODE_LIMIT_EXCEEDED && opened == NULL, "snapshot past max_snapshot_bytes");
  slotwise_result_free(&r);
  c = slotwise_engine_from_snapshot_with_limits(snapshot.value.data, snapshot.value.len, S("{\"max_slots\": 2}"), &opened, &r);
  CHECK(c == SLOTWISE_CODE_OK && opened != NULL, "snapshot with limits");
  slotwise_result_free(&r);
  c = slotwise_engine_availability(opened, S(QUERY), &r);
  CHECK(c == SLOTWISE_CODE_LIMIT_EXCEEDED && has(&r.message, "max_slots"), "three slots are past max_slots 2");
  slotwise_result_free(&r);
  slotwise_engine_free(opened);
  slotwise_result_free(&snapshot);
  slotwise_result_free(&state);
}

/* Interviewers a and b open 09:00-12:00 and c 10:00-12:00 (UTC), b booked 11:00-12:00. */
static SlotwiseEngine *panel(void) {
  SlotwiseResult r;
  SlotwiseEngine *e = NULL;
  const char *state =
      "{\"version\": 1, \"schedules\": ["
      "{\"id\": \"a\", \"timezone\": \"UTC\", \"availability\": [{\"rule\": \"DTSTART:20260302T090000\\nRRULE:FREQ=DAILY\", \"end\": \"12:00\"}], \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}},"
      "{\"id\": \"b\", \"timezone\": \"UTC\", \"availability\": [{\"rule\": \"DTSTART:20260302T090000\\nRRULE:FREQ=DAILY\", \"end\": \"12:00\"}], \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}},"
      "{\"id\": \"c\", \"timezone\": \"UTC\", \"availability\": [{\"rule\": \"DTSTART:20260302T100000\\nRRULE:FREQ=DAILY\", \"end\": \"12:00\"}], \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}}],"
      " \"appointments\": [{\"id\": \"b1\", \"schedule\": \"b\", \"start\": \"2026-03-02T11:00:00Z\", \"end\": \"2026-03-02T12:00:00Z\"}]}";
  CHECK(slotwise_engine_from_json(S(state), &e, &r) == SLOTWISE_CODE_OK && e != NULL, "the panel");
  slotwise_result_free(&r);
  return e;
}

#define DAY "\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\""

static void test_combined(void) {
  SlotwiseEngine *e = panel();
  SlotwiseResult r;
  SlotwiseCode c = slotwise_engine_combined(
      e, S("{" DAY ", \"combine\": {\"mode\": \"k_of_n\", \"k\": 2, \"schedules\": [\"a\", \"b\", \"c\"], \"duration\": \"PT1H\"}}"), &r);
  CHECK(c == SLOTWISE_CODE_OK &&
            is(&r.value,
               "[{\"start\":\"2026-03-02T09:00:00Z\",\"end\":\"2026-03-02T10:00:00Z\",\"schedules\":[\"a\",\"b\"],\"remaining\":2},"
               "{\"start\":\"2026-03-02T10:00:00Z\",\"end\":\"2026-03-02T11:00:00Z\",\"schedules\":[\"a\",\"b\",\"c\"],\"remaining\":3},"
               "{\"start\":\"2026-03-02T11:00:00Z\",\"end\":\"2026-03-02T12:00:00Z\",\"schedules\":[\"a\",\"c\"],\"remaining\":2}]"),
        "combined k_of_n: two of three at 09:00 and 11:00, all three at 10:00");
  slotwise_result_free(&r);
  c = slotwise_engine_combined(
      e, S("{" DAY ", \"combine\": {\"mode\": \"all\", \"schedules\": [\"c\", \"a\", \"b\"], \"duration\": \"PT30M\", \"step\": \"PT30M\"}}"), &r);
  CHECK(c == SLOTWISE_CODE_OK &&
            is(&r.value,
               "[{\"start\":\"2026-03-02T10:00:00Z\",\"end\":\"2026-03-02T10:30:00Z\",\"schedules\":[\"a\",\"b\",\"c\"],\"remaining\":1},"
               "{\"start\":\"2026-03-02T10:30:00Z\",\"end\":\"2026-03-02T11:00:00Z\",\"schedules\":[\"a\",\"b\",\"c\"],\"remaining\":1}]"),
        "combined all: half hours when all three are open and free, ids in order");
  slotwise_result_free(&r);
  c = slotwise_engine_combined(e, S("{" DAY ", \"combine\": {\"mode\": \"any\", \"schedules\": [\"b\", \"c\"]}}"), &r);
  CHECK(c == SLOTWISE_CODE_OK &&
            is(&r.value,
               "[{\"start\":\"2026-03-02T09:00:00Z\",\"end\":\"2026-03-02T10:00:00Z\",\"schedules\":[\"b\"],\"remaining\":1},"
               "{\"start\":\"2026-03-02T10:00:00Z\",\"end\":\"2026-03-02T11:00:00Z\",\"schedules\":[\"c\",\"b\"],\"remaining\":2},"
               "{\"start\":\"2026-03-02T11:00:00Z\",\"end\":\"2026-03-02T12:00:00Z\",\"schedules\":[\"c\"],\"remaining\":1}]"),
        "combined any: a pool, the one without a booking that day first");
  slotwise_result_free(&r);
  c = slotwise_engine_combined(
      e, S("{\"from\": \"2026-03-02T10:30:00Z\", \"first\": 2, \"combine\": {\"mode\": \"all\", \"schedules\": [\"a\", \"b\"], \"duration\": \"PT1H\"}}"), &r);
  CHECK(c == SLOTWISE_CODE_OK &&
            is(&r.value,
               "[{\"start\":\"2026-03-03T09:00:00Z\",\"end\":\"2026-03-03T10:00:00Z\",\"schedules\":[\"a\",\"b\"],\"remaining\":1},"
               "{\"start\":\"2026-03-03T10:00:00Z\",\"end\":\"2026-03-03T11:00:00Z\",\"schedules\":[\"a\",\"b\"],\"remaining\":1}]"),
        "combined first 2 without `to`: b is booked at 11:00, so the next day's first two");
  slotwise_result_free(&r);

  c = slotwise_engine_combined(e, S("{" DAY ", \"combine\": {\"mode\": \"k_of_n\", \"k\": 4, \"schedules\": [\"a\", \"b\", \"c\"], \"duration\": \"PT1H\"}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "combine.k", "combined k above n");
  c = slotwise_engine_combined(e, S("{" DAY ", \"combine\": {\"mode\": \"all\", \"schedules\": [\"a\", \"zed\"], \"duration\": \"PT1H\"}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_UNKNOWN_SCHEDULE, "combine.schedules[1]", "combined unknown schedule");
  c = slotwise_engine_combined(e, S("{" DAY ", \"combine\": {\"mode\": \"any\", \"schedules\": [\"a\", \"b\"], \"duration\": \"PT1H\"}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "combine.duration", "combined any with a duration");
  c = slotwise_engine_combined(e, S("{" DAY ", \"first\": 0, \"combine\": {\"mode\": \"any\", \"schedules\": [\"a\", \"b\"]}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "first", "combined first 0");
  c = slotwise_engine_combined(e, S("{" DAY "}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "combine", "combined without combine");
  c = slotwise_engine_availability(e, S("{" DAY ", \"combine\": {\"mode\": \"any\", \"schedules\": [\"a\", \"b\"]}}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "combine", "availability refuses combine");
  c = slotwise_engine_combined(e, NULL, 0, &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "query", "combined NULL query");
  c = slotwise_engine_combined(NULL, S("{}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "engine", "combined NULL engine");
  CHECK(slotwise_engine_combined(e, S("{}"), NULL) == SLOTWISE_CODE_INVALID_INPUT, "combined NULL out");
  slotwise_engine_free(e);
}

/* One appointment a day at most: the 09:00 booking closes the rest of 2026-03-02. */
static void test_booking_limits(void) {
  SlotwiseEngine *e = slotwise_engine_new();
  SlotwiseResult r;
  SlotwiseCode c = slotwise_engine_add_schedule(
      e, S("{\"id\": \"d\", \"timezone\": \"UTC\", \"availability\": [{\"rule\": \"DTSTART:20260302T090000\\nRRULE:FREQ=DAILY\", \"end\": \"12:00\"}],"
           " \"slot\": {\"duration\": \"PT1H\", \"capacity\": 2}, \"limits\": [{\"period\": \"day\", \"max_appointments\": 1}]}"), &r);
  CHECK(c == SLOTWISE_CODE_OK, "a schedule with a limit");
  slotwise_result_free(&r);
  c = slotwise_engine_add_appointment(e, S("{\"id\": \"d1\", \"schedule\": \"d\", \"start\": \"2026-03-02T09:00:00Z\", \"end\": \"2026-03-02T10:00:00Z\"}"), &r);
  CHECK(c == SLOTWISE_CODE_OK, "its first booking");
  slotwise_result_free(&r);
  c = slotwise_engine_availability(e, S("{\"from\": \"2026-03-02T00:00:00Z\", \"first\": 1}"), &r);
  CHECK(c == SLOTWISE_CODE_OK &&
            is(&r.value, "[{\"key\":\"d@2026-03-03T09:00:00Z\",\"schedule\":\"d\",\"start\":\"2026-03-03T09:00:00Z\","
                         "\"end\":\"2026-03-03T10:00:00Z\",\"capacity\":2,\"booked\":0,\"remaining\":2}]"),
        "first 1: the limit closes the day, so the next day's first slot");
  slotwise_result_free(&r);
  c = slotwise_engine_check_booking(e, S("{\"id\": \"d2\", \"schedule\": \"d\", \"start\": \"2026-03-02T10:00:00Z\", \"end\": \"2026-03-02T11:00:00Z\"}"), S("{}"), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"fits\":false") &&
            has(&r.value, "{\"code\":\"limit_reached\",\"index\":0,\"period\":\"day\",\"period_start\":\"2026-03-02\",\"max_appointments\":1,\"appointments\":1,\"minutes\":60}"),
        "check_booking: limit_reached names the limit and what its day holds");
  slotwise_result_free(&r);
  c = slotwise_engine_explain(e, S("d"), S("2026-03-02T10:30:00Z"), &r);
  CHECK(c == SLOTWISE_CODE_OK && has(&r.value, "\"bookable\":false") && has(&r.value, "\"code\":\"limit_reached\""),
        "explain: limit_reached");
  slotwise_result_free(&r);
  c = slotwise_engine_add_schedule(
      e, S("{\"id\": \"x\", \"timezone\": \"UTC\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}, \"limits\": [{\"period\": \"week\", \"max_minutes\": 60}, {\"period\": \"day\"}]}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "limits[1]", "a limit without a maximum");
  c = slotwise_engine_add_schedule(
      e, S("{\"id\": \"x\", \"timezone\": \"UTC\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}, \"limits\": [{\"period\": \"year\", \"max_minutes\": 60}]}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "limits[0].period", "an unknown period");
  c = slotwise_engine_availability(e, S("{\"from\": \"2026-03-02T00:00:00Z\"}"), &r);
  expect_error(c, &r, SLOTWISE_CODE_INVALID_INPUT, "to", "no `to` without `first`");
  slotwise_engine_free(e);
}

struct job {
  SlotwiseEngine *engine;
  size_t rows;
  int ok;
};

static void *ask(void *arg) {
  struct job *job = arg;
  job->ok = 1;
  for (int i = 0; i < 20; i++) {
    SlotwiseColumns cols;
    SlotwiseResult r;
    if (slotwise_engine_availability_columns(job->engine, S(QUERY), &cols, &r) != SLOTWISE_CODE_OK) job->ok = 0;
    job->rows = cols.len;
    slotwise_columns_free(&cols);
    slotwise_result_free(&r);
  }
  return NULL;
}

static void test_threads(void) {
  SlotwiseEngine *e = clinic();
  pthread_t threads[4];
  struct job jobs[4];
  for (int i = 0; i < 4; i++) {
    jobs[i].engine = e;
    pthread_create(&threads[i], NULL, ask, &jobs[i]);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(threads[i], NULL);
    CHECK(jobs[i].ok && jobs[i].rows == 3, "a thread's queries");
  }
  slotwise_engine_free(e);
}

int main(void) {
  test_info();
  test_expand();
  test_changes();
  test_queries();
  test_state();
  test_limits();
  test_combined();
  test_booking_limits();
  test_threads();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
