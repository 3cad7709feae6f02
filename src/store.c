/*
 * store.c: the progress store (see store.h).  The only file that includes
 * sqlite3.h.
 *
 * A new file is built under a temporary name and linked into place only
 * once its schema is complete, so no other copy of backcare ever sees a
 * half-made file, and an empty or foreign file at the path is always
 * somebody else's and is refused rather than taken over.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "clearance.h"
#include "clock.h"
#include "csv.h"
#include "day.h"
#include "owner.h"
#include "plan.h"
#include "report.h"
#include "safety.h"
#include "screener.h"
#include "store.h"
#include "text.h"
#include "store_private.h"
#include "util.h"

/* "BCAR": marks a file as a backcare progress file (PRAGMA application_id). */
#define STORE_APPLICATION_ID 0x42434152
#define STORE_BUSY_MS 10000
/* What a damaged file is told; backcare(1), DAMAGED FILES, says more. */
#define STORE_DAMAGED "the progress file is damaged (%s); nothing was " \
    "written to it; keep a copy, then see DAMAGED FILES in backcare(1)"


/*
 * Schema version 1, one string per part of the program.  Migrations are
 * forward-only: a later version appends to store_migrations[] and never
 * edits an earlier entry once released.
 */
static const char store_schema_core[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT"
    ");";

static const char store_schema_lessons[] =
    "CREATE TABLE lesson_progress ("
    "  lesson_id TEXT PRIMARY KEY,"
    "  place INTEGER NOT NULL DEFAULT 0,"
    "  opened_at INTEGER,"
    "  read_at INTEGER,"
    "  selfcheck_at INTEGER,"
    "  updated_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE selfcheck_answers ("
    "  lesson_id TEXT NOT NULL,"
    "  question INTEGER NOT NULL,"
    "  knew INTEGER NOT NULL CHECK (knew IN (0, 1)),"
    "  at INTEGER NOT NULL,"
    "  PRIMARY KEY (lesson_id, question)"
    ");";

static const char store_schema_checks[] =
    "CREATE TABLE checks ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('full', 'recheck')),"
    "  source TEXT NOT NULL,"
    "  age INTEGER,"
    "  weeks INTEGER,"
    "  verdict TEXT NOT NULL"
    "    CHECK (verdict IN ('EMERGENCY', 'URGENT', 'SOON', 'NONE'))"
    ");"
    "CREATE INDEX checks_at ON checks (at);"
    "CREATE TABLE check_answers ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unsure')),"
    "  detail TEXT,"
    "  PRIMARY KEY (check_id, item)"
    ");"
    "CREATE TABLE check_rules ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  rule TEXT NOT NULL,"
    "  items TEXT NOT NULL"
    ");"
    "CREATE INDEX check_rules_check ON check_rules (check_id);"
    "CREATE TABLE check_actions ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  region TEXT"
    ");"
    "CREATE INDEX check_actions_check ON check_actions (check_id);";

static const char store_schema_sessions[] =
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  routine_id TEXT NOT NULL,"
    "  routine_title TEXT,"
    "  mode TEXT NOT NULL DEFAULT 'interactive',"
    "  started_at INTEGER NOT NULL,"
    "  ended_at INTEGER,"
    "  state TEXT NOT NULL DEFAULT 'running'"
    "    CHECK (state IN ('running', 'completed', 'partial', 'quit')),"
    "  planned_s INTEGER,"
    "  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
    "  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
    "  note TEXT"
    ");"
    "CREATE INDEX sessions_started ON sessions (started_at);"
    "CREATE TABLE steps ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  step_index INTEGER NOT NULL,"
    "  title TEXT,"
    "  side TEXT,"
    "  rep INTEGER NOT NULL DEFAULT 1,"
    "  planned_s INTEGER NOT NULL,"
    "  done_s INTEGER NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('done', 'skipped', 'softened')),"
    "  note TEXT,"
    "  at INTEGER NOT NULL"
    ");"
    "CREATE INDEX steps_session ON steps (session_id, pos);";

static const char store_schema_plans[] =
    "CREATE TABLE plans ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  from_date TEXT NOT NULL,"
    "  until_date TEXT NOT NULL,"
    "  therapist TEXT,"
    "  notes TEXT,"
    "  source_path TEXT,"
    "  imported_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE plan_routines ("
    "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
    "  routine_id TEXT NOT NULL,"
    "  per_week INTEGER NOT NULL CHECK (per_week BETWEEN 1 AND 50),"
    "  PRIMARY KEY (plan_id, routine_id)"
    ");"
    "CREATE TABLE plan_lessons ("
    "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
    "  lesson_id TEXT NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  PRIMARY KEY (plan_id, lesson_id)"
    ");";

static const char *const store_migration_1[] = {
	store_schema_core, store_schema_lessons, store_schema_checks,
	store_schema_sessions, store_schema_plans, NULL
};

/*
 * Version 2: the report and progress view sum each session's steps; with
 * done_s in the index that sum reads no table rows (bench_progress: 10
 * years of use load in well under 20 ms).  The index keeps its name and
 * still serves lookups by (session_id, pos).
 */
static const char store_schema_steps_done[] =
    "DROP INDEX steps_session;"
    "CREATE INDEX steps_session ON steps (session_id, pos, done_s);";

static const char *const store_migration_2[] = {
	store_schema_steps_done, NULL
};

/*
 * Version 3, the safety check of red-flags.md section 6: each check keeps
 * the version of the rules that decided it (earlier checks do not open the
 * routines), the clearances it used, and plans keep their clearances.  The
 * old item mc_dvt_current_or_suspected became mc_dvt_current (BLOCK) and
 * the new calf_swelling_new (rule U3): a stored old answer keeps its
 * words in the detail column, so its meaning is not lost.
 */
static const char store_schema_rules_v3[] =
    "ALTER TABLE checks ADD COLUMN rules INTEGER NOT NULL DEFAULT 1;"
    "UPDATE check_answers SET item = 'mc_dvt_current',"
    "  detail = 'answered in an earlier version as: a known blood clot, or "
    "a new painful, swollen calf'"
    "  WHERE item = 'mc_dvt_current_or_suspected';"
    "UPDATE check_actions SET item = 'mc_dvt_current'"
    "  WHERE item = 'mc_dvt_current_or_suspected';"
    "CREATE TABLE check_clearances ("
    "  check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  cleared_by TEXT NOT NULL,"
    "  until_date TEXT NOT NULL,"
    "  PRIMARY KEY (check_id, item)"
    ");"
    "CREATE TABLE plan_clearances ("
    "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
    "  item TEXT NOT NULL,"
    "  cleared_by TEXT NOT NULL,"
    "  until_date TEXT NOT NULL,"
    "  PRIMARY KEY (plan_id, item)"
    ");";

static const char *const store_migration_3[] = {
	store_schema_rules_v3, NULL
};

/*
 * Version 4: one process runs a session at a time.  A session records its
 * owner (owner.h: pid, start time, boot) while it runs, and a step's
 * position is unique within its session.  Duplicates left by two
 * processes writing one session before this version keep their first
 * row.  steps_session (schema 2) stays as the covering index of the
 * report; steps_pos enforces the rule.
 */
static const char store_schema_session_owner[] =
    "ALTER TABLE sessions ADD COLUMN owner_pid INTEGER;"
    "ALTER TABLE sessions ADD COLUMN owner_start INTEGER;"
    "ALTER TABLE sessions ADD COLUMN owner_boot TEXT;"
    "DELETE FROM steps WHERE pos >= 0 AND id NOT IN "
    "  (SELECT min(id) FROM steps WHERE pos >= 0 "
    "   GROUP BY session_id, pos);"
    "CREATE UNIQUE INDEX steps_pos ON steps (session_id, pos) "
    "  WHERE pos >= 0;";

static const char *const store_migration_4[] = {
	store_schema_session_owner, NULL
};

/* store_migrations[v] takes the schema from version v to v + 1. */
static const char *const *const store_migrations[] = {
	store_migration_1,
	store_migration_2,
	store_migration_3,
	store_migration_4,
	store_migration_5,      /* movement and function: store_movement.c */
};
_Static_assert(sizeof store_migrations / sizeof store_migrations[0] ==
    STORE_SCHEMA_VERSION, "one migration per schema version");

static void
store_set_error(struct store *st, const char *fmt, ...)
    BC_PRINTF(2, 3);
static sqlite3_stmt *store_prepare(struct store *st, const char *sql);
static int store_last_full(struct store *st);
static char *store_column_dup(sqlite3_stmt *s, int i);

static void
store_set_error(struct store *st, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	free(st->error);
	st->error = xasprintf("%s: %s", st->path, msg);
	free(msg);
}

/*
 * Turns the connection's last SQLite error into a user's sentence.  The
 * file is called damaged only on SQLite's own word (SQLITE_CORRUPT,
 * SQLITE_NOTADB), which it gives under its locks; a full disk is named
 * as such even when SQLite saw it as an I/O error (a write or a growing
 * -shm that failed with ENOSPC).
 */
static void
store_set_sqlite_error(struct store *st, const char *doing)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;

	if (store_last_full(st))
		code = SQLITE_FULL;
	switch (code) {
	case SQLITE_FULL:
		store_set_error(st, "%s: the disk is full; free some space "
		    "and try again", doing);
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		store_set_error(st, "%s: cannot write here (%s); check the "
		    "folder's permissions or choose another file with --db",
		    doing, sqlite3_errmsg(st->db));
		break;
	case SQLITE_CORRUPT:
		store_set_error(st, "%s: " STORE_DAMAGED, doing,
		    sqlite3_errmsg(st->db));
		break;
	case SQLITE_NOTADB:
		store_set_error(st, "%s: not a backcare progress file (not an "
		    "SQLite database, or its first page is damaged); nothing "
		    "was written to it; choose another file with --db", doing);
		break;
	default:
		store_set_error(st, "%s: %s", doing, sqlite3_errmsg(st->db));
	}
}

const char *
store_error(const struct store *st)
{
	return st->error != NULL ? st->error : "no error";
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

/* mkdir -p for the folders above path, each new one made 0700. */
static int
store_make_parents(const char *path, char **err)
{
	char *dir = xstrdup(path), *p;
	struct stat sb;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (stat(dir, &sb) != 0) {
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				*err = xasprintf("%s: cannot create the folder "
				    "%s: %s", path, dir, strerror(errno));
				free(dir);
				return -1;
			}
			(void)chmod(dir, 0700);
		} else if (!S_ISDIR(sb.st_mode)) {
			*err = xasprintf("%s: %s is not a folder", path, dir);
			free(dir);
			return -1;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	free(dir);
	return 0;
}

static int
store_exec(struct store *st, const char *sql, const char *doing)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, doing);
		return -1;
	}
	return 0;
}

/* Runs a one-integer query; returns -1 (error set) on failure. */
static int
store_query_int(struct store *st, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, "reading the progress file");
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	else {
		store_set_sqlite_error(st, "reading the progress file");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int
store_schema_version(struct store *st)
{
	long long v;

	if (store_query_int(st, "PRAGMA user_version", &v) != 0)
		return -1;
	return (int)v;
}

static int
store_connect(struct store *st, int flags)
{
	const char *name = st->absent ? ":memory:" : st->path;

	if (sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, "opening the progress file");
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if ((flags & SQLITE_OPEN_READWRITE) && !st->absent)
		store_quiet_writer(st);
	return 0;
}

/*
 * Decides, without writing, whether the open file is ours: our
 * application_id, or a blank SQLite file with no tables at all, and a
 * schema no newer than this build's.
 */
static int
store_check_identity(struct store *st, long long *version_out)
{
	long long app, version, tables;

	if (store_query_int(st, "PRAGMA application_id", &app) != 0 ||
	    store_query_int(st, "PRAGMA user_version", &version) != 0 ||
	    store_query_int(st, "SELECT count(*) FROM sqlite_master", &tables)
	    != 0)
		return -1;
	if (app != STORE_APPLICATION_ID && !(app == 0 && tables == 0)) {
		store_set_error(st, "not a backcare progress file (another "
		    "program's database); choose another file with --db");
		return -1;
	}
	if (version > STORE_SCHEMA_VERSION) {
		store_set_error(st, "written by a newer backcare (schema %lld, "
		    "this one knows %d); upgrade backcare, or choose another "
		    "file with --db", version, STORE_SCHEMA_VERSION);
		return -1;
	}
	*version_out = version;
	return 0;
}

/* Applies every migration the file lacks, each in its own transaction. */
static int
store_migrate(struct store *st)
{
	long long version;
	const char *const *part;
	char *sql;

	for (;;) {
		if (store_exec(st, "BEGIN IMMEDIATE", "updating the progress "
		    "file") != 0)
			return -1;
		if (store_query_int(st, "PRAGMA user_version", &version) != 0)
			goto fail;
		if (version >= STORE_SCHEMA_VERSION)
			break;
		for (part = store_migrations[version]; *part != NULL; part++)
			if (store_exec(st, *part, "updating the progress "
			    "file") != 0)
				goto fail;
		sql = xasprintf("PRAGMA application_id = %d; "
		    "PRAGMA user_version = %lld", STORE_APPLICATION_ID,
		    version + 1);
		if (store_exec(st, sql, "updating the progress file") != 0) {
			free(sql);
			goto fail;
		}
		free(sql);
		if (store_exec(st, "COMMIT", "updating the progress file") != 0)
			goto fail;
	}
	return store_exec(st, "COMMIT", "updating the progress file");
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int
store_configure(struct store *st)
{
	long long fk;

	if (store_exec(st, "PRAGMA journal_mode = WAL", "opening the "
	    "progress file") != 0 ||
	    store_exec(st, "PRAGMA synchronous = FULL", "opening the "
	    "progress file") != 0 ||
	    store_exec(st, "PRAGMA foreign_keys = ON", "opening the "
	    "progress file") != 0 ||
	    store_query_int(st, "PRAGMA foreign_keys", &fk) != 0)
		return -1;
	return 0;
}

/*
 * Folds the whole WAL into the database file: 0, or -1 with the error set
 * (the disk is full, say) when any of it stays in the WAL.
 */
static int
store_checkpoint_all(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "PRAGMA wal_checkpoint(TRUNCATE)");
	int rc, busy = 1;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		busy = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW || busy != 0) {
		store_set_sqlite_error(st, "creating the progress file");
		return -1;
	}
	return 0;
}

/* Removes a new file that was not linked into place, and its WAL. */
static void
store_unlink_new(const char *path)
{
	char *side;

	(void)unlink(path);
	side = xasprintf("%s-wal", path);
	(void)unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	(void)unlink(side);
	free(side);
}

/*
 * Builds a complete new progress file next to path and links it into
 * place.  Losing the race to another copy is fine: its file is used.
 */
static int
store_create(const char *path, char **err)
{
	struct store tmp;
	int fd, rc = -1;

	memset(&tmp, 0, sizeof tmp);
	tmp.lock_fd = -1;
	tmp.path = xasprintf("%s.new-%ld", path, (long)getpid());
	(void)unlink(tmp.path);
	fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, strerror(errno));
		free(tmp.path);
		return -1;
	}
	(void)fchmod(fd, 0600);
	close(fd);
	if (store_connect(&tmp, SQLITE_OPEN_READWRITE) == 0 &&
	    store_configure(&tmp) == 0 && store_migrate(&tmp) == 0)
		rc = 0;
	if (rc != 0)
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, tmp.error != NULL ? strchr(tmp.error, ' ') + 1 :
		    "unknown error");
	/*
	 * The WAL must be folded back into the file before it is linked into
	 * place: closing does that too, but says nothing when it fails (a
	 * full disk), and a cut-short file would then be taken for damaged.
	 */
	if (rc == 0 && store_checkpoint_all(&tmp) != 0) {
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, tmp.error != NULL ? strchr(tmp.error, ' ') + 1 :
		    "unknown error");
		rc = -1;
	}
	if (tmp.db != NULL && sqlite3_close(tmp.db) != SQLITE_OK)
		rc = -1;
	if (tmp.lock_fd >= 0)
		close(tmp.lock_fd);
	if (rc == 0 && link(tmp.path, path) != 0 && errno != EEXIST) {
		*err = xasprintf("%s: cannot create the progress file: %s",
		    path, strerror(errno));
		rc = -1;
	}
	store_unlink_new(tmp.path);
	free(tmp.error);
	free(tmp.path);
	return rc;
}

/* Refuses, by its kind alone, what cannot be a progress file. */
static int
store_check_kind(const char *path, const struct stat *sb, char **err)
{
	if (S_ISDIR(sb->st_mode)) {
		*err = xasprintf("%s: is a folder, not a progress file; "
		    "choose a file with --db", path);
		return -1;
	}
	if (!S_ISREG(sb->st_mode)) {
		*err = xasprintf("%s: not a regular file; choose another "
		    "file with --db", path);
		return -1;
	}
	/* Ours are made whole under another name and linked into place,
	 * so an empty file at the path is never one of ours. */
	if (sb->st_size == 0) {
		*err = xasprintf("%s: the file is empty, so it is not a "
		    "backcare progress file; remove it or choose another "
		    "with --db", path);
		return -1;
	}
	return 0;
}

int
store_verify(struct store *st, int full, char **found)
{
	sqlite3_stmt *s;
	struct buf b = BUF_INIT;
	const char *row;
	int rc, n = 0;

	*found = NULL;
	/* The pragma reads in a transaction of its own, under SQLite's
	 * locks: a checkpoint of another process cannot fool it. */
	s = store_prepare(st, full ? "PRAGMA integrity_check(20)" :
	    "PRAGMA quick_check(20)");
	if (s == NULL)
		goto error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row = (const char *)sqlite3_column_text(s, 0);
		if (row == NULL || strcmp(row, "ok") == 0)
			continue;
		if (n++ < 3)
			buf_printf(&b, "%s%s", n > 1 ? "; " : "", row);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto error;
	if (n == 0) {
		buf_free(&b);
		return 0;
	}
	if (n > 3)
		buf_printf(&b, "; and %d more", n - 3);
	*found = buf_detach(&b);
	/* One line: SQLite's report may hold line breaks of its own. */
	for (char *p = *found; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	store_set_error(st, STORE_DAMAGED, *found);
	return 1;
error:
	buf_free(&b);
	rc = sqlite3_extended_errcode(st->db) & 0xff;
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
		*found = xstrdup(sqlite3_errmsg(st->db));
		store_set_error(st, STORE_DAMAGED, *found);
		return 1;
	}
	store_set_sqlite_error(st, "checking the progress file");
	return -1;
}

/* Refuses to go on with a file that PRAGMA quick_check finds damaged. */
static int
store_check_whole(struct store *st)
{
	char *found;
	int rc = store_verify(st, 0, &found);

	free(found);
	return rc == 0 ? 0 : -1;
}

/* An empty store in memory, for reading a progress file not made yet. */
static struct store *
store_open_absent(const char *path, char **err)
{
	struct store *st = xcalloc(1, sizeof *st);

	st->lock_fd = -1;
	st->path = xstrdup(path);
	st->absent = st->readonly = 1;
	if (store_connect(st, SQLITE_OPEN_READWRITE) != 0 ||
	    store_migrate(st) != 0 || store_exec(st, "PRAGMA query_only = 1",
	    "opening the progress file") != 0) {
		*err = xstrdup(store_error(st));
		store_close(st);
		return NULL;
	}
	return st;
}

/*
 * Opens st->path for reading with one connection that creates nothing
 * (store_quiet.c).  Returns 0 when st is open on an up-to-date file, 1
 * when the ordinary way must be taken (nothing is left open), -1 with the
 * error set (store_close() releases what is open).
 */
static int
store_open_quiet(struct store *st)
{
	long long version;
	char *uri;
	int rc;

	if ((st->lock_fd = store_quiet_claim(st->path)) < 0)
		return 1;
	uri = store_quiet_uri(st->path);
	rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		sqlite3_extended_result_codes(st->db, 1);
	if (rc != SQLITE_OK || store_check_identity(st, &version) != 0) {
		if (rc != SQLITE_OK)
			store_set_sqlite_error(st, "opening the progress file");
		return -1;
	}
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	/* An older schema is brought up to date the ordinary way. */
	sqlite3_close(st->db);
	st->db = NULL;
	close(st->lock_fd);
	st->lock_fd = -1;
	return 1;
}

/*
 * Opens path for writing (readonly 0) or reading (1).  Nothing is written
 * before the file has shown itself ours and, for writing, whole: a
 * foreign or damaged file stays byte for byte as it was.  Reading a file
 * from an older backcare brings its schema up to date first.
 */
static struct store *
store_open_mode(const char *path, int readonly, char **err)
{
	struct store *st;
	struct stat sb;
	long long version = 0;
	int mutate, quiet;

	*err = NULL;
	if (!readonly && store_make_parents(path, err) != 0)
		return NULL;
	if (stat(path, &sb) != 0) {
		if (readonly && errno == ENOENT)
			return store_open_absent(path, err);
		if (errno != ENOENT || store_create(path, err) != 0 ||
		    stat(path, &sb) != 0) {
			if (*err == NULL)
				*err = xasprintf("%s: %s", path,
				    strerror(errno));
			return NULL;
		}
	}
	if (store_check_kind(path, &sb, err) != 0)
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->lock_fd = -1;
	st->path = xstrdup(path);
	if (readonly && (quiet = store_open_quiet(st)) <= 0) {
		if (quiet < 0)
			goto fail;
		st->readonly = 1;
		return st;
	}
	if (store_connect(st, SQLITE_OPEN_READONLY) != 0 ||
	    store_check_identity(st, &version) != 0)
		goto fail;
	mutate = !readonly || version < STORE_SCHEMA_VERSION;
	if (mutate && store_check_whole(st) != 0)
		goto fail;
	sqlite3_close(st->db);
	st->db = NULL;
	/*
	 * Reading goes through a connection that may write but is told not
	 * to (query_only): a connection opened read-only would leave -wal
	 * and -shm files behind that only a writer removes.
	 */
	if (store_connect(st, SQLITE_OPEN_READWRITE) != 0 ||
	    (mutate && (store_configure(st) != 0 || store_migrate(st) != 0)) ||
	    (readonly && store_exec(st, "PRAGMA query_only = 1", "opening "
	    "the progress file") != 0))
		goto fail;
	st->readonly = readonly;
	return st;
fail:
	*err = xstrdup(st->error != NULL ? st->error : path);
	store_close(st);
	return NULL;
}

struct store *
store_open(const char *path, char **err)
{
	return store_open_mode(path, 0, err);
}

struct store *
store_open_read(const char *path, char **err)
{
	return store_open_mode(path, 1, err);
}

int
store_is_absent(const struct store *st)
{
	return st->absent;
}

int
store_is_readonly(const struct store *st)
{
	return st->readonly;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->db != NULL)
		sqlite3_close_v2(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	free(st->path);
	free(st->error);
	free(st);
}

int
store_begin(struct store *st)
{
	return store_exec(st, "BEGIN IMMEDIATE", "saving progress");
}

int
store_commit(struct store *st)
{
	return store_exec(st, "COMMIT", "saving progress");
}

void
store_rollback(struct store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Prepares sql; on failure sets the error and returns NULL.  Statements
 * are short-lived: prepare, bind, step, finalize in one function.
 */
static sqlite3_stmt *
store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_sqlite_error(st, "reading the progress file");
		return NULL;
	}
	return s;
}

/* Steps a statement that returns no rows, then finalizes it. */
static int
store_step_done(struct store *st, sqlite3_stmt *s, const char *doing)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, doing);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

/*
 * Text for the store must be UTF-8 (text that is not would make every
 * export invalid).  Returns 0, or -1 with the error set naming what.
 */
static int
store_check_text(struct store *st, const char *doing, const char *what,
    const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (text_utf8_invalid_at(s, n) == n)
		return 0;
	store_set_error(st, "%s: the %s is not UTF-8 text; nothing was "
	    "stored", doing, what);
	return -1;
}

char *
store_meta_get(struct store *st, const char *key)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT value FROM meta WHERE key = ?1");
	char *v = NULL;

	if (s == NULL)
		return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

int
store_meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s = store_prepare(st,
	    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return store_step_done(st, s, "saving a setting");
}

/* ---- lessons ---------------------------------------------------------- */

static void
store_lesson_row(sqlite3_stmt *s, struct store_lesson *out)
{
	const unsigned char *id = sqlite3_column_text(s, 0);

	memset(out, 0, sizeof *out);
	snprintf(out->lesson_id, sizeof out->lesson_id, "%s",
	    id != NULL ? (const char *)id : "");
	out->place = (long)sqlite3_column_int64(s, 1);
	out->opened_at = sqlite3_column_int64(s, 2);
	out->read_at = sqlite3_column_int64(s, 3);
	out->selfcheck_at = sqlite3_column_int64(s, 4);
}

#define STORE_LESSON_COLUMNS \
	"lesson_id, place, coalesce(opened_at, 0), coalesce(read_at, 0), " \
	"coalesce(selfcheck_at, 0)"

int
store_lesson_get(struct store *st, const char *id, struct store_lesson *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT " STORE_LESSON_COLUMNS
	    " FROM lesson_progress WHERE lesson_id = ?1");
	int rc;

	memset(out, 0, sizeof *out);
	snprintf(out->lesson_id, sizeof out->lesson_id, "%s", id);
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_lesson_row(s, out);
	else if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading lesson progress");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW;
}

/* Runs an upsert on lesson_progress with ?1 id, ?2 now, ?3 value. */
static int
store_lesson_upsert(struct store *st, const char *sql, const char *id,
    long value)
{
	sqlite3_stmt *s;

	if (store_check_text(st, "saving lesson progress", "lesson id", id)
	    != 0 || (s = store_prepare(st, sql)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, clock_wall_s());
	sqlite3_bind_int64(s, 3, value);
	return store_step_done(st, s, "saving lesson progress");
}

int
store_lesson_set_place(struct store *st, const char *id, long place)
{
	return store_lesson_upsert(st, "INSERT INTO lesson_progress "
	    "(lesson_id, place, opened_at, updated_at) VALUES (?1, ?3, ?2, ?2) "
	    "ON CONFLICT (lesson_id) DO UPDATE SET place = excluded.place, "
	    "opened_at = coalesce(opened_at, excluded.opened_at), "
	    "updated_at = excluded.updated_at", id, place);
}

int
store_lesson_mark_read(struct store *st, const char *id)
{
	return store_lesson_upsert(st, "INSERT INTO lesson_progress "
	    "(lesson_id, opened_at, read_at, updated_at) "
	    "VALUES (?1, ?2, ?2, ?2 + 0 * ?3) "
	    "ON CONFLICT (lesson_id) DO UPDATE SET "
	    "read_at = coalesce(read_at, excluded.read_at), "
	    "updated_at = excluded.updated_at", id, 0);
}

int
store_lesson_mark_selfcheck(struct store *st, const char *id)
{
	return store_lesson_upsert(st, "INSERT INTO lesson_progress "
	    "(lesson_id, opened_at, selfcheck_at, updated_at) "
	    "VALUES (?1, ?2, ?2, ?2 + 0 * ?3) "
	    "ON CONFLICT (lesson_id) DO UPDATE SET "
	    "selfcheck_at = coalesce(selfcheck_at, excluded.selfcheck_at), "
	    "updated_at = excluded.updated_at", id, 0);
}

int
store_lesson_set_knew(struct store *st, const char *id, int q, int knew)
{
	sqlite3_stmt *s;

	if (store_check_text(st, "saving a self-check answer", "lesson id",
	    id) != 0)
		return -1;
	s = store_prepare(st, "INSERT INTO selfcheck_answers "
	    "(lesson_id, question, knew, at) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT (lesson_id, question) DO UPDATE SET "
	    "knew = excluded.knew, at = excluded.at");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, q);
	sqlite3_bind_int(s, 3, knew != 0);
	sqlite3_bind_int64(s, 4, clock_wall_s());
	return store_step_done(st, s, "saving a self-check answer");
}

long
store_lessons_list(struct store *st, struct store_lesson **out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT " STORE_LESSON_COLUMNS
	    " FROM lesson_progress ORDER BY lesson_id");
	size_t n = 0, cap = 0;
	int rc;

	*out = NULL;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		store_lesson_row(s, &(*out)[n++]);
	}
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading lesson progress");
		sqlite3_finalize(s);
		free(*out);
		*out = NULL;
		return -1;
	}
	sqlite3_finalize(s);
	return (long)n;
}

/* A copy of column i of s, or NULL for SQL NULL. */
static char *
store_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

/*
 * Steps s, whose rows are (item, cleared_by, until_date), appending one
 * clearance a row to *out (*n entries); finalizes s.  An unreadable date
 * ends the clearance (fail safe).  Returns 0 or -1.
 */
static int
store_clearance_rows(struct store *st, sqlite3_stmt *s,
    struct clearance **out, size_t *n, const char *what)
{
	const unsigned char *until;
	struct clearance *c;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xgrow(*out, *n, sizeof **out);
		c = &(*out)[(*n)++];
		c->id = store_column_dup(s, 0);
		c->by = store_column_dup(s, 1);
		c->line = 0;
		until = sqlite3_column_text(s, 2);
		if (until == NULL || day_parse((const char *)until,
		    &c->until) != 0)
			c->until = INT32_MIN;
		if (c->id == NULL)
			c->id = xstrdup("");
		if (c->by == NULL)
			c->by = xstrdup("");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, what);
		return -1;
	}
	return 0;
}

/* ---- safety checks ---------------------------------------------------- */

static int
store_check_rows(struct store *st, sqlite3_int64 id,
    const struct screener_answers *ans, const unsigned char *asked,
    const struct screener_result *res)
{
	sqlite3_stmt *s;
	size_t i;
	const char *detail;

	for (i = 0; i < screener_item_count; i++) {
		if (!asked[i])
			continue;
		s = store_prepare(st, "INSERT INTO check_answers (check_id, "
		    "item, answer, detail) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		detail = ans->region[i][0] != '\0' ? ans->region[i] : NULL;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, screener_items[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, answer_name(ans->a[i]), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 4, detail, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	for (i = 0; i < res->n_hits; i++) {
		s = store_prepare(st, "INSERT INTO check_rules (check_id, rule, "
		    "items) VALUES (?1, ?2, ?3)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, res->hits[i].rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, res->hits[i].items, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	for (i = 0; i < res->n_actions; i++) {
		s = store_prepare(st, "INSERT INTO check_actions (check_id, "
		    "item, action, region) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, screener_items[res->actions[i].item].id,
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3,
		    screener_action_name(res->actions[i].action), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 4, res->actions[i].region[0] != '\0' ?
		    res->actions[i].region : NULL, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	return 0;
}

/* The clearances the check used, with who gave them and until when. */
static int
store_check_clearances(struct store *st, sqlite3_int64 id,
    const struct screener_result *res, const struct clearance *cl,
    size_t ncl)
{
	const struct clearance *c;
	sqlite3_stmt *s;
	char until[11];
	size_t i;

	for (i = 0; i < res->n_cleared; i++) {
		c = clearance_find(cl, ncl, screener_items[res->cleared[i]].id,
		    INT32_MIN);
		if (c == NULL)
			continue;
		s = store_prepare(st, "INSERT INTO check_clearances (check_id, "
		    "item, cleared_by, until_date) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		day_format(c->until, until);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, c->by, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, until, -1, SQLITE_STATIC);
		if (store_step_done(st, s, "saving the safety check") != 0)
			return -1;
	}
	return 0;
}

int64_t
store_check_record(struct store *st, const struct store_check *c)
{
	const struct screener_answers *ans = c->answers;
	const struct screener_result *res = c->result;
	sqlite3_stmt *s;
	sqlite3_int64 id;

	if (store_begin(st) != 0)
		return -1;
	s = store_prepare(st, "INSERT INTO checks (at, kind, source, age, "
	    "weeks, verdict, rules) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, c->at);
	sqlite3_bind_text(s, 2, c->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->source, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, SAFETY_RULES_VERSION);
	if (ans->age >= 0)
		sqlite3_bind_int(s, 4, ans->age);
	if (ans->weeks >= 0)
		sqlite3_bind_int(s, 5, ans->weeks);
	sqlite3_bind_text(s, 6, verdict_name(res->verdict), -1, SQLITE_STATIC);
	if (store_step_done(st, s, "saving the safety check") != 0)
		goto fail;
	id = sqlite3_last_insert_rowid(st->db);
	if (store_check_rows(st, id, ans, c->asked, res) != 0 ||
	    store_check_clearances(st, id, res, c->clearances,
	    c->n_clearances) != 0 || store_commit(st) != 0)
		goto fail;
	return id;
fail:
	store_rollback(st);
	return -1;
}

/* Reads the massage limits stored with check id into l. */
static int
store_check_limits(struct store *st, sqlite3_int64 id,
    struct massage_limits *l)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT action, region, item "
	    "FROM check_actions WHERE check_id = ?1");
	const char *action, *region;
	unsigned bit;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		action = (const char *)sqlite3_column_text(s, 0);
		region = (const char *)sqlite3_column_text(s, 1);
		/* An action this version does not know: fail safe. */
		if (action == NULL || screener_action_parse(action, &bit) != 0)
			bit = ACTION_BLOCK;
		screener_limits_apply(l, bit, region);
		screener_limits_note_item(l,
		    (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the safety checks");
		return -1;
	}
	return 0;
}

/* The latest check (of kind, or of any kind when kind is NULL). */
static int
store_latest_check(struct store *st, const char *kind, int *have,
    int64_t *at, enum verdict *v, sqlite3_int64 *id, int *rules)
{
	/* The last stored, whatever its clock time (section 6 item 2). */
	sqlite3_stmt *s = store_prepare(st, kind != NULL ?
	    "SELECT at, verdict, id, rules FROM checks WHERE kind = ?1 "
	    "ORDER BY id DESC LIMIT 1" :
	    "SELECT at, verdict, id, rules FROM checks ORDER BY id DESC "
	    "LIMIT 1");
	int rc;

	if (s == NULL)
		return -1;
	if (kind != NULL)
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*have = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		*at = sqlite3_column_int64(s, 0);
		if (verdict_parse((const char *)sqlite3_column_text(s, 1), v)
		    != 0)
			*v = VERDICT_EMERGENCY;   /* unreadable: fail safe */
		*id = sqlite3_column_int64(s, 2);
		*rules = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the safety checks");
		return -1;
	}
	return 0;
}

int
store_last_check_clearances(struct store *st, struct clearance **out,
    size_t *n)
{
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	s = store_prepare(st, "SELECT item, cleared_by, until_date FROM "
	    "check_clearances WHERE check_id = (SELECT max(id) FROM checks "
	    "WHERE kind = 'full') ORDER BY rowid");
	if (s == NULL)
		return -1;
	return store_clearance_rows(st, s, out, n, "reading the safety checks");
}

int
store_gate_input(struct store *st, int32_t today, struct gate_input *in)
{
	sqlite3_int64 full_id = 0, any_id = 0;
	int any_rules = 0;
	sqlite3_stmt *s;
	char day[11];
	int rc;

	memset(in, 0, sizeof *in);
	if (store_latest_check(st, "full", &in->have_full, &in->last_full_at,
	    &in->last_full_verdict, &full_id, &in->last_full_rules) != 0 ||
	    store_latest_check(st, NULL, &in->have_any, &in->last_any_at,
	    &in->last_any_verdict, &any_id, &any_rules) != 0)
		return -1;
	if (!in->have_full)
		return 0;
	if (store_check_limits(st, full_id, &in->limits) != 0)
		return -1;
	s = store_prepare(st, "SELECT EXISTS (SELECT 1 FROM check_clearances "
	    "WHERE check_id = ?1 AND until_date < ?2)");
	if (s == NULL)
		return -1;
	day_format(today, day);
	sqlite3_bind_int64(s, 1, full_id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		in->clearance_ended = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		store_set_sqlite_error(st, "reading the safety checks");
		return -1;
	}
	return 0;
}

/* ---- routine sessions ------------------------------------------------- */

/* This process as a session's owner (read once). */
static const struct owner *
store_me(struct store *st)
{
	if (!st->have_me) {
		owner_self(&st->me);
		st->have_me = 1;
	}
	return &st->me;
}

/* Binds owner o to parameters i, i + 1 and i + 2 (pid, start, boot). */
static void
store_bind_owner(sqlite3_stmt *s, int i, const struct owner *o)
{
	sqlite3_bind_int64(s, i, o->pid);
	sqlite3_bind_int64(s, i + 1, o->start);
	sqlite3_bind_text(s, i + 2, o->boot, -1, SQLITE_TRANSIENT);
}

/* Reads the owner from columns i, i + 1 and i + 2 (NULL: nobody). */
static void
store_column_owner(sqlite3_stmt *s, int i, struct owner *o)
{
	const unsigned char *boot = sqlite3_column_text(s, i + 2);

	memset(o, 0, sizeof *o);
	o->pid = (long)sqlite3_column_int64(s, i);
	o->start = sqlite3_column_int64(s, i + 1);
	snprintf(o->boot, sizeof o->boot, "%s",
	    boot != NULL ? (const char *)boot : "");
}

int64_t
store_session_begin(struct store *st, const char *routine_id,
    const char *title, const char *mode, long planned_s, int64_t at)
{
	sqlite3_stmt *s;

	if (store_check_text(st, "saving the session", "routine id",
	    routine_id) != 0 || store_check_text(st, "saving the session",
	    "routine title", title) != 0)
		return -1;
	s = store_prepare(st, "INSERT INTO sessions (routine_id, "
	    "routine_title, mode, started_at, planned_s, owner_pid, "
	    "owner_start, owner_boot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, routine_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, mode, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, at);
	sqlite3_bind_int64(s, 5, planned_s);
	store_bind_owner(s, 6, store_me(st));
	if (store_step_done(st, s, "saving the session") != 0)
		return -1;
	return sqlite3_last_insert_rowid(st->db);
}

/* Binds a step's columns to ?1 (session) to ?11 (at). */
static void
store_bind_step(sqlite3_stmt *s, int64_t session,
    const struct store_step *step, int64_t at)
{
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_int(s, 2, step->pos);
	sqlite3_bind_int(s, 3, step->step_index);
	sqlite3_bind_text(s, 4, step->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, step->side, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, step->rep);
	sqlite3_bind_int64(s, 7, step->planned_s);
	sqlite3_bind_int64(s, 8, step->done_s);
	sqlite3_bind_text(s, 9, step->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, step->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 11, at);
}

int
store_session_step(struct store *st, int64_t session,
    const struct store_step *step, int64_t at)
{
	sqlite3_stmt *s;
	int rc;

	if (store_check_text(st, "saving a step", "step title",
	    step->title) != 0 || store_check_text(st, "saving a step",
	    "step note", step->note) != 0)
		return -1;
	/* Only the session's owner adds steps, each position once. */
	s = store_prepare(st, "INSERT INTO steps (session_id, pos, "
	    "step_index, title, side, rep, planned_s, done_s, state, note, "
	    "at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 "
	    "WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ?1 AND "
	    "owner_pid = ?12 AND owner_start = ?13 AND owner_boot = ?14)");
	if (s == NULL)
		return -1;
	store_bind_step(s, session, step, at);
	store_bind_owner(s, 12, store_me(st));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		store_set_error(st, "saving a step: step %d of session %lld "
		    "is already stored: another copy of backcare is running "
		    "this session", step->pos + 1, (long long)session);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "saving a step");
		return -1;
	}
	if (sqlite3_changes(st->db) == 0) {
		store_set_error(st, "saving a step: another copy of backcare "
		    "has taken over session %lld", (long long)session);
		return -1;
	}
	return 0;
}

int
store_session_pain(struct store *st, int64_t session, int which, int pain)
{
	sqlite3_stmt *s = store_prepare(st, which == 0 ?
	    "UPDATE sessions SET pain_before = ?2 WHERE id = ?1" :
	    "UPDATE sessions SET pain_after = ?2 WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_int(s, 2, pain);
	return store_step_done(st, s, "saving a pain rating");
}

/* 1 when the connection's last error was a full disk. */
static int
store_last_full(struct store *st)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;
	int sys = sqlite3_system_errno(st->db);

	return code == SQLITE_FULL ||
	    (code == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT));
}

static int
store_session_end_once(struct store *st, int64_t session, const char *state,
    const char *note, int64_t at)
{
	sqlite3_stmt *s = store_prepare(st, "UPDATE sessions SET state = ?2, "
	    "note = coalesce(?3, note), ended_at = ?4 WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, at);
	return store_step_done(st, s, "ending the session");
}

static int
store_session_end_full(struct store *st, int64_t session, const char *state,
    const char *note, int64_t at)
{
	if (store_session_end_once(st, session, state, note, at) == 0)
		return 0;
	if (!store_last_full(st))
		return -1;
	/*
	 * A full disk: once a checkpoint has copied every frame back (a
	 * passive one: it waits for nobody), the next write starts the WAL
	 * again from its start, over blocks it already has, so the session
	 * can still be closed.
	 */
	(void)store_quiet_checkpoint(st, "main");
	return store_session_end_once(st, session, state, note, at);
}

int
store_session_end(struct store *st, int64_t session, const char *state,
    const char *note, int64_t at)
{
	char *fixed = note != NULL ? text_utf8_repair(note) : NULL;
	int rc;

	/* A note typed in a terminal that is not UTF-8 must not keep the
	 * session from closing: its stray bytes are stored as U+FFFD. */
	rc = store_session_end_full(st, session, state, fixed, at);
	free(fixed);
	return rc;
}


/*
 * The latest session still "running" that another live process runs
 * (want_live 1) or that nobody runs any more (0), of routine_id (any when
 * NULL): its id, routine id (caller frees), resume position and owner.
 * Returns 1, 0 when none, or -1.
 */
static int
store_session_find(struct store *st, int want_live, const char *routine_id,
    int64_t *session, char **routine, int *resume_pos, struct owner *o)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT s.id, s.routine_id, "
	    "(SELECT coalesce(max(pos), -1) + 1 FROM steps "
	    "WHERE session_id = s.id), coalesce(s.owner_pid, 0), "
	    "coalesce(s.owner_start, 0), s.owner_boot FROM sessions s "
	    "WHERE s.state = 'running' AND (?1 IS NULL OR s.routine_id = ?1) "
	    "ORDER BY s.started_at DESC, s.id DESC");
	int rc = SQLITE_DONE, found = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, routine_id, -1, SQLITE_STATIC);
	while (!found && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_column_owner(s, 3, o);
		/* Live: another process runs it.  Abandoned: nobody does. */
		if (want_live ? !owner_alive(o) || owner_is_self(o) :
		    owner_alive(o))
			continue;
		found = 1;
		*session = sqlite3_column_int64(s, 0);
		if (routine != NULL)
			*routine = store_column_dup(s, 1);
		if (resume_pos != NULL)
			*resume_pos = sqlite3_column_int(s, 2);
	}
	sqlite3_finalize(s);
	if (!found && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the sessions");
		return -1;
	}
	return found;
}

int
store_session_done_seconds(struct store *st, int64_t session, long *done)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(sum(done_s), 0) "
	    "FROM steps WHERE session_id = ?1 AND state <> 'skipped'");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, session);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*done = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		store_set_sqlite_error(st, "reading the session");
		return -1;
	}
	return 0;
}

int
store_session_unfinished(struct store *st, int64_t *session,
    char **routine_id, int *resume_pos)
{
	struct owner o;
	int rc = store_session_find(st, 0, NULL, session, routine_id,
	    resume_pos, &o);

	if (rc == 1 && *routine_id == NULL)
		*routine_id = xstrdup("");
	return rc;
}

int
store_session_live(struct store *st, const char *routine_id,
    int64_t *session, long *pid)
{
	struct owner o;
	int rc = store_session_find(st, 1, routine_id, session, NULL, NULL,
	    &o);

	if (rc == 1)
		*pid = o.pid;
	return rc;
}

int
store_session_claim(struct store *st, int64_t session, long *pid)
{
	sqlite3_stmt *s;
	struct owner o;
	int rc;

	/* Read and take in one write transaction: two claims cannot both
	 * see the session free. */
	if (store_begin(st) != 0)
		return -1;
	s = store_prepare(st, "SELECT coalesce(owner_pid, 0), "
	    "coalesce(owner_start, 0), owner_boot, state FROM sessions "
	    "WHERE id = ?1");
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, session);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_column_owner(s, 0, &o);
		rc = strcmp((const char *)sqlite3_column_text(s, 3),
		    "running") == 0 ? SQLITE_ROW : SQLITE_DONE;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		store_rollback(st);
		store_set_error(st, "resuming session %lld: it is no longer "
		    "unfinished", (long long)session);
		return -1;
	}
	if (owner_alive(&o) && !owner_is_self(&o)) {
		store_rollback(st);
		*pid = o.pid;
		return 1;
	}
	s = store_prepare(st, "UPDATE sessions SET owner_pid = ?2, "
	    "owner_start = ?3, owner_boot = ?4 WHERE id = ?1");
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, session);
	store_bind_owner(s, 2, store_me(st));
	if (store_step_done(st, s, "resuming the session") != 0 ||
	    store_commit(st) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* ---- plans, reports and exports --------------------------------------- */

/* ---- plans ------------------------------------------------------------ */

static int
store_plan_clearance_rows(struct store *st, sqlite3_int64 id,
    const struct plan *p)
{
	sqlite3_stmt *s;
	char until[11];
	size_t i;

	for (i = 0; i < p->n_clearances; i++) {
		s = store_prepare(st, "INSERT INTO plan_clearances (plan_id, "
		    "item, cleared_by, until_date) VALUES (?1, ?2, ?3, ?4)");
		if (s == NULL)
			return -1;
		day_format(p->clearances[i].until, until);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, p->clearances[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, p->clearances[i].by, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, until, -1, SQLITE_TRANSIENT);
		if (store_step_done(st, s, "saving the plan") != 0)
			return -1;
	}
	return 0;
}

static int
store_plan_rows(struct store *st, sqlite3_int64 id, const struct plan *p)
{
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < p->n_routines; i++) {
		s = store_prepare(st, "INSERT INTO plan_routines (plan_id, "
		    "routine_id, per_week) VALUES (?1, ?2, ?3)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, p->routines[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, p->routines[i].per_week);
		if (store_step_done(st, s, "saving the plan") != 0)
			return -1;
	}
	for (i = 0; i < p->n_lessons; i++) {
		s = store_prepare(st, "INSERT INTO plan_lessons (plan_id, "
		    "lesson_id, pos) VALUES (?1, ?2, ?3)");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, p->lessons[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		if (store_step_done(st, s, "saving the plan") != 0)
			return -1;
	}
	return store_plan_clearance_rows(st, id, p);
}

int64_t
store_plan_put(struct store *st, const struct plan *p, const char *source,
    int64_t at)
{
	sqlite3_stmt *s;
	sqlite3_int64 id;
	char from[11], until[11], *path = NULL;
	const char *doing = "saving the plan";

	if (store_check_text(st, doing, "plan title", p->title) != 0 ||
	    store_check_text(st, doing, "therapist", p->therapist) != 0 ||
	    store_check_text(st, doing, "plan notes", p->notes) != 0)
		return -1;
	day_format(p->from, from);
	day_format(p->until, until);
	if (store_begin(st) != 0)
		return -1;
	/* The children go with their plan: foreign_keys is on. */
	s = store_prepare(st, "DELETE FROM plans WHERE title = ?1 OR "
	    "from_date = ?2");
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	if (store_step_done(st, s, "replacing the plan") != 0)
		goto fail;
	s = store_prepare(st, "INSERT INTO plans (title, from_date, "
	    "until_date, therapist, notes, source_path, imported_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, p->therapist, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, p->notes, -1, SQLITE_STATIC);
	/* A file name need not be UTF-8; what is stored of it must be. */
	path = source != NULL ? text_utf8_repair(source) : NULL;
	sqlite3_bind_text(s, 6, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, at);
	if (store_step_done(st, s, "saving the plan") != 0)
		goto fail;
	free(path);
	path = NULL;
	id = sqlite3_last_insert_rowid(st->db);
	if (store_plan_rows(st, id, p) != 0 || store_commit(st) != 0)
		goto fail;
	return id;
fail:
	free(path);
	store_rollback(st);
	return -1;
}

/* Reads the clearances of plan id into p. */
static int
store_plan_clearances(struct store *st, sqlite3_int64 id, struct plan *p)
{
	sqlite3_stmt *s;

	s = store_prepare(st, "SELECT item, cleared_by, until_date FROM "
	    "plan_clearances WHERE plan_id = ?1 ORDER BY rowid");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_clearance_rows(st, s, &p->clearances, &p->n_clearances,
	    "reading the plan");
}

/* Reads the routines and lessons of plan id into p, in their order. */
static int
store_plan_children(struct store *st, sqlite3_int64 id, struct plan *p)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT routine_id, per_week FROM "
	    "plan_routines WHERE plan_id = ?1 ORDER BY rowid");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->routines = xgrow(p->routines, p->n_routines,
		    sizeof *p->routines);
		p->routines[p->n_routines].id = store_column_dup(s, 0);
		p->routines[p->n_routines].per_week = sqlite3_column_int(s, 1);
		p->routines[p->n_routines].line = 0;
		if (p->routines[p->n_routines].id == NULL)
			p->routines[p->n_routines].id = xstrdup("");
		p->n_routines++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	s = store_prepare(st, "SELECT lesson_id FROM plan_lessons WHERE "
	    "plan_id = ?1 ORDER BY pos");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->lessons = xgrow(p->lessons, p->n_lessons,
		    sizeof *p->lessons);
		p->lessons[p->n_lessons].id = store_column_dup(s, 0);
		p->lessons[p->n_lessons].line = 0;
		if (p->lessons[p->n_lessons].id == NULL)
			p->lessons[p->n_lessons].id = xstrdup("");
		p->n_lessons++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return store_plan_clearances(st, id, p);
fail:
	store_set_sqlite_error(st, "reading the plan");
	return -1;
}

int
store_plan_in_force(struct store *st, int32_t day, struct plan **out)
{
	sqlite3_stmt *s;
	sqlite3_int64 id = 0;
	struct plan *p = NULL;
	char today[11];
	int rc, ok = 1;

	*out = NULL;
	day_format(day, today);
	s = store_prepare(st, "SELECT id, title, from_date, until_date, "
	    "therapist, notes FROM plans WHERE from_date <= ?1 "
	    "ORDER BY from_date DESC, id DESC LIMIT 1");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		p = xcalloc(1, sizeof *p);
		id = sqlite3_column_int64(s, 0);
		p->title = store_column_dup(s, 1);
		ok = day_parse((const char *)sqlite3_column_text(s, 2),
		    &p->from) == 0 &&
		    day_parse((const char *)sqlite3_column_text(s, 3),
		    &p->until) == 0;
		p->therapist = store_column_dup(s, 4);
		p->notes = store_column_dup(s, 5);
		if (p->title == NULL)
			p->title = xstrdup("");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the plans");
		return -1;
	}
	if (p == NULL)
		return 0;
	if (!ok) {
		store_set_error(st, "reading the plans: plan %lld has a bad "
		    "date; import it again", (long long)id);
		plan_free(p);
		return -1;
	}
	if (day > p->until) {
		plan_free(p);
		return 0;
	}
	if (store_plan_children(st, id, p) != 0) {
		plan_free(p);
		return -1;
	}
	*out = p;
	return 1;
}

int
store_plan_newest_start(struct store *st, int32_t day, int32_t *from)
{
	sqlite3_stmt *s;
	char today[11];
	int rc, found = 0;

	day_format(day, today);
	s = store_prepare(st, "SELECT from_date FROM plans WHERE "
	    "until_date >= ?1 ORDER BY id DESC LIMIT 1");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		found = day_parse((const char *)sqlite3_column_text(s, 0),
		    from) == 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the plans");
		return -1;
	}
	return found;
}

/* ---- exports ---------------------------------------------------------- */

const char *const store_export_tables[] = {
	"lesson_progress", "selfcheck_answers",
	"checks", "check_answers", "check_rules", "check_actions",
	"check_clearances",
	"sessions", "steps",
	"plans", "plan_routines", "plan_lessons", "plan_clearances",
	"step_pain", "pain_events", "psfs_activities", "psfs_sets",
	"psfs_scores", "outlook_sets", "outlook_answers",
	NULL
};

int
store_export_begin(struct store *st)
{
	return store_exec(st, "BEGIN DEFERRED", "reading the progress file");
}

void
store_export_end(struct store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
store_export_known(const char *table)
{
	size_t i;

	for (i = 0; store_export_tables[i] != NULL; i++)
		if (strcmp(store_export_tables[i], table) == 0)
			return 1;
	return 0;
}

/* Times are stored as Unix seconds in columns named "at" or "*_at". */
static int
store_export_is_time(const char *column)
{
	size_t n = strlen(column);

	return strcmp(column, "at") == 0 ||
	    (n > 3 && strcmp(column + n - 3, "_at") == 0);
}

/*
 * Builds the SELECT of one export: for JSON one json_object() per row,
 * for CSV the columns themselves, times made ISO 8601 UTC either way and
 * rows in the order they were first recorded.  Returns the SQL (caller
 * frees) or NULL with the error set.
 */
static char *
store_export_sql(struct store *st, const char *table,
    enum store_export_format fmt)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
	struct buf b = BUF_INIT;
	const char *col;
	char *part;
	int rc, n = 0;

	if (s == NULL)
		return NULL;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	buf_adds(&b, fmt == STORE_EXPORT_JSON ? "SELECT json_object(" :
	    "SELECT ");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		col = (const char *)sqlite3_column_text(s, 0);
		/* Which process runs a session is no record of the user's. */
		if (col == NULL || strncmp(col, "owner_", 6) == 0)
			continue;
		if (fmt == STORE_EXPORT_JSON)
			part = sqlite3_mprintf("%s%Q, ", n ? ", " : "", col);
		else
			part = sqlite3_mprintf("%s", n ? ", " : "");
		buf_adds(&b, part);
		sqlite3_free(part);
		part = store_export_is_time(col) ? sqlite3_mprintf(
		    "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', \"%w\", 'unixepoch')",
		    col) : sqlite3_mprintf("\"%w\"", col);
		buf_adds(&b, part);
		sqlite3_free(part);
		/* The CSV header is the column names: keep them. */
		if (fmt == STORE_EXPORT_CSV) {
			part = sqlite3_mprintf(" AS \"%w\"", col);
			buf_adds(&b, part);
			sqlite3_free(part);
		}
		n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || n == 0) {
		if (rc != SQLITE_DONE)
			store_set_sqlite_error(st, "reading the progress file");
		else
			store_set_error(st, "exporting %s: the table is missing",
			    table);
		buf_free(&b);
		return NULL;
	}
	part = sqlite3_mprintf("%s FROM \"%w\" ORDER BY rowid",
	    fmt == STORE_EXPORT_JSON ? ")" : "", table);
	buf_adds(&b, part);
	sqlite3_free(part);
	return buf_detach(&b);
}

/* Writes the CSV header: the column names of the statement. */
static int
store_export_csv_header(sqlite3_stmt *s, FILE *f)
{
	int i, n = sqlite3_column_count(s);
	const char *name;

	for (i = 0; i < n; i++) {
		name = sqlite3_column_name(s, i);
		if ((i > 0 && fputc(',', f) == EOF) ||
		    csv_write_field(f, name) != 0)
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}

static int
store_export_csv_row(sqlite3_stmt *s, FILE *f)
{
	int i, n = sqlite3_column_count(s);

	const char *v;
	int text;

	for (i = 0; i < n; i++) {
		/* The type first: reading the text may convert the value. */
		text = sqlite3_column_type(s, i) == SQLITE_TEXT;
		v = (const char *)sqlite3_column_text(s, i);
		/* Text is the user's: no formulas, no raw controls. */
		if ((i > 0 && fputc(',', f) == EOF) ||
		    (text ? csv_write_text(f, v) : csv_write_field(f, v)) != 0)
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}

static int
store_export_json_row(sqlite3_stmt *s, FILE *f, int first)
{
	const char *row = (const char *)sqlite3_column_text(s, 0);
	char *safe;
	int rc;

	if (fputs(first ? "\n" : ",\n", f) == EOF)
		return -1;
	if (row == NULL)
		return fputs("null", f) == EOF ? -1 : 0;
	safe = csv_json_safe(row);
	rc = fputs(safe, f) == EOF ? -1 : 0;
	free(safe);
	return rc;
}

/* Records a write error on the export, keeping errno for the caller. */
static int
store_export_write_error(struct store *st, sqlite3_stmt *s)
{
	int saved = errno;

	sqlite3_finalize(s);
	store_set_error(st, "writing the export: %s", strerror(saved));
	errno = saved;
	return -1;
}

int
store_export_table(struct store *st, const char *table,
    enum store_export_format fmt, FILE *f)
{
	sqlite3_stmt *s;
	char *sql;
	int rc = SQLITE_DONE, werr = 0, rows = 0;

	if (!store_export_known(table)) {
		store_set_error(st, "exporting %s: not a table of the export",
		    table);
		return -1;
	}
	if ((sql = store_export_sql(st, table, fmt)) == NULL)
		return -1;
	s = store_prepare(st, sql);
	free(sql);
	if (s == NULL)
		return -1;
	if (fmt == STORE_EXPORT_CSV)
		werr = store_export_csv_header(s, f);
	else
		werr = fputc('[', f) == EOF;
	while (!werr && (rc = sqlite3_step(s)) == SQLITE_ROW)
		werr = fmt == STORE_EXPORT_CSV ? store_export_csv_row(s, f) :
		    store_export_json_row(s, f, rows++ == 0);
	if (!werr && fmt == STORE_EXPORT_JSON)
		werr = fputs(rows > 0 ? "\n]" : "]", f) == EOF;
	if (werr || fflush(f) != 0 || ferror(f))
		return store_export_write_error(st, s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the progress file");
		return -1;
	}
	return 0;
}

/* ---- reports ---------------------------------------------------------- */

/*
 * The sessions started between since and until, oldest first, each with
 * the sum of its steps' done time, read from the covering
 * index steps_session (schema 2), so no step row is read.
 */
static int
store_report_sessions(struct store *st, int64_t since, int64_t until,
    struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT s.id, s.routine_id, "
	    "s.routine_title, s.started_at, coalesce(s.ended_at, 0), s.state, "
	    "coalesce(s.planned_s, 0), (SELECT coalesce(sum(t.done_s), 0) "
	    "FROM steps t WHERE t.session_id = s.id), "
	    "coalesce(s.pain_before, -1), coalesce(s.pain_after, -1), s.note "
	    "FROM sessions s WHERE s.started_at BETWEEN ?1 AND ?2 "
	    "ORDER BY s.started_at, s.id");
	struct report_session *rs;
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n_sessions == cap) {
			cap = cap ? cap * 2 : 64;
			out->sessions = xreallocarray(out->sessions, cap,
			    sizeof *out->sessions);
		}
		rs = &out->sessions[out->n_sessions++];
		rs->id = sqlite3_column_int64(s, 0);
		rs->routine_id = store_column_dup(s, 1);
		rs->title = store_column_dup(s, 2);
		rs->started_at = sqlite3_column_int64(s, 3);
		rs->ended_at = sqlite3_column_int64(s, 4);
		rs->state = store_column_dup(s, 5);
		rs->planned_s = (long)sqlite3_column_int64(s, 6);
		rs->done_s = (long)sqlite3_column_int64(s, 7);
		rs->pain_before = sqlite3_column_int(s, 8);
		rs->pain_after = sqlite3_column_int(s, 9);
		rs->note = store_column_dup(s, 10);
		if (rs->routine_id == NULL)
			rs->routine_id = xstrdup("");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the sessions");
		return -1;
	}
	return 0;
}

/* The checks made between since and until, oldest first, with the rules
 * that fired ("E1 U1") in the order they were stored. */
static int
store_report_checks(struct store *st, int64_t since, int64_t until,
    struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT c.id, c.at, c.kind, "
	    "coalesce(c.age, -1), coalesce(c.weeks, -1), c.verdict, "
	    "(SELECT coalesce(group_concat(r.rule, ' '), '') FROM "
	    "(SELECT rule FROM check_rules WHERE check_id = c.id "
	    "ORDER BY rowid) r), "
	    "(SELECT group_concat(item, ', ') FROM check_answers "
	    "WHERE check_id = c.id AND answer = 'unsure'), "
	    "(SELECT group_concat(item || ', cleared by ' || cleared_by || "
	    "' until ' || until_date, '; ') FROM check_clearances "
	    "WHERE check_id = c.id), "
	    "(SELECT group_concat(action || ' ' || item || "
	    "coalesce(' ' || region, ''), ', ') FROM check_actions "
	    "WHERE check_id = c.id) "
	    "FROM checks c WHERE c.at BETWEEN ?1 AND ?2 ORDER BY c.id");
	struct report_check *rc_;
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n_checks == cap) {
			cap = cap ? cap * 2 : 16;
			out->checks = xreallocarray(out->checks, cap,
			    sizeof *out->checks);
		}
		rc_ = &out->checks[out->n_checks++];
		rc_->id = sqlite3_column_int64(s, 0);
		rc_->at = sqlite3_column_int64(s, 1);
		rc_->kind = store_column_dup(s, 2);
		rc_->age = sqlite3_column_int(s, 3);
		rc_->weeks = sqlite3_column_int(s, 4);
		if (verdict_parse((const char *)sqlite3_column_text(s, 5),
		    &rc_->verdict) != 0)
			rc_->verdict = VERDICT_EMERGENCY;   /* fail safe */
		rc_->rules = store_column_dup(s, 6);
		rc_->unsure = store_column_dup(s, 7);
		rc_->clearances = store_column_dup(s, 8);
		rc_->actions = store_column_dup(s, 9);
		if (rc_->kind == NULL)
			rc_->kind = xstrdup("");
		if (rc_->rules == NULL)
			rc_->rules = xstrdup("");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading the safety checks");
		return -1;
	}
	return 0;
}

static int
store_report_lessons(struct store *st, struct report_data *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT lesson_id, "
	    "coalesce(read_at, 0), coalesce(selfcheck_at, 0) "
	    "FROM lesson_progress ORDER BY lesson_id");
	struct report_lesson *l;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->lessons = xgrow(out->lessons, out->n_lessons,
		    sizeof *out->lessons);
		l = &out->lessons[out->n_lessons++];
		l->id = store_column_dup(s, 0);
		l->read_at = sqlite3_column_int64(s, 1);
		l->selfcheck_at = sqlite3_column_int64(s, 2);
		if (l->id == NULL)
			l->id = xstrdup("");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_sqlite_error(st, "reading lesson progress");
		return -1;
	}
	return 0;
}

int
store_report_load(struct store *st, int64_t since, int64_t until,
    int32_t plan_day, struct report_data *out)
{
	int own = sqlite3_get_autocommit(st->db);

	memset(out, 0, sizeof *out);
	/* One read transaction, so the parts agree with each other. */
	if (own && store_exec(st, "BEGIN", "reading the progress file") != 0)
		return -1;
	if (store_report_sessions(st, since, until, out) != 0 ||
	    store_report_checks(st, since, until, out) != 0 ||
	    store_report_lessons(st, out) != 0 ||
	    store_plan_in_force(st, plan_day, &out->plan) < 0 ||
	    (own && store_exec(st, "COMMIT", "reading the progress file")
	    != 0)) {
		if (own)
			store_rollback(st);
		report_data_free(out);
		return -1;
	}
	return 0;
}

int
store_count_rows(struct store *st, const char *table, long long *out)
{
	char *sql;
	int rc;

	if (strcmp(table, "sessions") != 0 && strcmp(table, "steps") != 0 &&
	    strcmp(table, "checks") != 0) {
		store_set_error(st, "cannot count the rows of '%s'", table);
		return -1;
	}
	sql = xasprintf("SELECT count(*) FROM %s", table);
	rc = store_query_int(st, sql, out);
	free(sql);
	return rc;
}

/* ---- for the store's other files (store_private.h) ------------------- */

sqlite3 *
store_private_db(struct store *st)
{
	return st->db;
}

sqlite3_stmt *
store_private_prepare(struct store *st, const char *sql)
{
	return store_prepare(st, sql);
}

int
store_private_step_done(struct store *st, sqlite3_stmt *s, const char *doing)
{
	return store_step_done(st, s, doing);
}

void
store_private_error(struct store *st, const char *doing)
{
	store_set_sqlite_error(st, doing);
}
