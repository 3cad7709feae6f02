/*
 * ui.h: the interactive program's loop and screen table.
 *
 * Only ui*.c files include curses.  A screen is a table of callbacks
 * (struct ui_screen); the loop knows nothing else about screens.  Screens
 * stack: ui_push() opens one above the current, ui_pop() returns to the one
 * below.  One thread: the loop waits for a key, a signal or the nearest
 * timer deadline (from tick()), then draws the top screen once if anything
 * changed.
 */
#ifndef BACKCARE_UI_H
#define BACKCARE_UI_H

#include <stdint.h>
#include <wchar.h>

struct app;
struct ui;

/* Keys become actions at the edge; screens may still look at the key. */
enum ui_action {
	UI_NONE,
	UI_UP,
	UI_DOWN,
	UI_LEFT,
	UI_RIGHT,
	UI_PAGE_UP,
	UI_PAGE_DOWN,
	UI_HOME,
	UI_END,
	UI_ENTER,
	UI_BACK,        /* q, Esc */
	UI_HELP,        /* ? */
	UI_TAB,
	UI_BACKTAB,
	UI_BACKSPACE,
	UI_WHEEL_UP,    /* the mouse wheel */
	UI_WHEEL_DOWN,
	UI_CLICK,       /* a mouse click at ui_key.y, ui_key.x */
	UI_CHAR         /* any other printable key: see ui_key.ch */
};

struct ui_key {
	enum ui_action action;
	wint_t ch;      /* the character for printable keys, else 0 */
	int code;       /* the curses key code for function keys, else 0 */
	int y, x;       /* UI_CLICK: the screen cell */
};

/* One line of a screen's key help: "j, Down" "next line". */
struct ui_help {
	const char *keys;
	const char *what;
};

struct ui_screen {
	const char *name;
	/* Called once when pushed; arg comes from ui_push().  Returns the
	 * screen's state (may be NULL), stored and handed to later calls. */
	void *(*enter)(struct ui *ui, void *arg);
	/* A key for the top screen.  The screen marks what it changed with
	 * ui_dirty(); it may push or pop screens. */
	void (*key)(struct ui *ui, void *state, const struct ui_key *k);
	/* Called every turn with the monotonic time; returns the next
	 * deadline in monotonic ms, or -1 for none.  May be NULL. */
	int64_t (*tick)(struct ui *ui, void *state, int64_t now_ms);
	/* Draws the whole screen from the model, within rows x cols. */
	void (*draw)(struct ui *ui, void *state, int rows, int cols);
	/* Saves what is in progress and frees state.  Called on pop and on
	 * every exit path, including SIGTERM and SIGHUP.  May be NULL. */
	void (*leave)(struct ui *ui, void *state);
	/* The program was stopped (Ctrl-Z) for ms milliseconds and resumed.
	 * May be NULL. */
	void (*resumed)(struct ui *ui, void *state, int64_t ms);
	/* The keys for '?', ended by { NULL, NULL }. */
	const struct ui_help *help;
};

/*
 * Runs the interactive program until the last screen is popped or a
 * signal asks it to stop.  Returns the exit status.  Needs a terminal on
 * stdin and stdout; main.c checks that first.
 */
int ui_run(struct app *app);

struct app *ui_app(struct ui *ui);
void ui_push(struct ui *ui, const struct ui_screen *screen, void *arg);
void ui_pop(struct ui *ui);
void ui_dirty(struct ui *ui);
/* Sets the message shown on the status line until the next key. */
void ui_message(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Keeps one line to print on stderr once the screen is gone (endwin):
 * what a screen could not save as backcare exits (Ctrl-C, TERM, HUP),
 * when no screen is left to show it. */
void ui_exit_note(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Rings the bell and flashes, unless --no-bell. */
void ui_alert(struct ui *ui);
/* 1 when the terminal can show UTF-8 (the locale's codeset). */
int ui_utf8(struct ui *ui);
/* 1 when the screen with this state is the top one (not under help). */
int ui_on_top(struct ui *ui, const void *state);

/* Text roles, mapped to colours (or to bold/underline with --no-color). */
enum ui_role {
	UI_ROLE_NORMAL,
	UI_ROLE_TITLE,      /* the title bar */
	UI_ROLE_STATUS,     /* the status line */
	UI_ROLE_SELECTED,   /* the highlighted menu entry */
	UI_ROLE_HEADING,
	UI_ROLE_EMPHASIS,
	UI_ROLE_DIM,
	UI_ROLE_LINK,
	UI_ROLE_CODE,
	UI_ROLE_MATCH,      /* search matches */
	UI_ROLE_WARNING,
	UI_ROLE_DANGER,     /* EMERGENCY and URGENT */
	UI_ROLE_GOOD,
	UI_ROLE_COUNT
};

/* Curses attributes for a role: an attr_t, returned as unsigned long to
 * keep curses out of this header. */
unsigned long ui_role_attr(struct ui *ui, enum ui_role role);

/*
 * Drawing helpers for screens (they act on stdscr).  Text is UTF-8 and is
 * cut to fit the given number of columns; wide characters count as 2.
 */
void ui_draw_title(struct ui *ui, int cols, const char *title);
void ui_draw_status(struct ui *ui, int row, int cols, const char *hint);
/* Puts text at (row, col) in role, at most maxcols columns; returns the
 * columns used. */
int ui_put(struct ui *ui, int row, int col, int maxcols, enum ui_role role,
    const char *text);
/* Word-wraps text into the box; returns the number of rows used. */
int ui_put_wrapped(struct ui *ui, int row, int col, int rows, int cols,
    enum ui_role role, const char *text);


/* The home screen (ui_home.c), pushed first by ui_run(). */
extern const struct ui_screen ui_home_screen;
/* The first-run welcome (ui_home.c). */
extern const struct ui_screen ui_welcome_screen;
/* The key help overlay for '?' (ui.c). */
extern const struct ui_screen ui_help_screen;

/* lessons */
/* The lesson list (ui_lessons.c), the home menu's "Lessons". */
extern const struct ui_screen ui_lessons_screen;
/* The lesson pager; ui_push() it with a struct lv_target (ui_lesson.c). */
extern const struct ui_screen ui_lesson_screen;
/* What the pager opens: a lesson id and maybe an anchor. */
struct lv_target {
	char id[72];
	char anchor[128];
};

/* movement and function: the PSFS (ui_function.c) and the yellow-flag
 * items (ui_outlook.c) */
extern const struct ui_screen ui_function_screen;
extern const struct ui_screen ui_outlook_screen;

/* safety check */
extern const struct ui_screen ui_check_screen;
/* The E1 re-check; enter() takes a struct recheck_request *. */
extern const struct ui_screen ui_recheck_screen;

/* routines */
extern const struct ui_screen ui_routines_screen;

/* progress */
/* The progress view (ui_progress.c), the home menu's "Progress". */
extern const struct ui_screen ui_progress_screen;
/* Writes the HTML report and handout for printing, and says where
 * (ui_printout.c; w on the Progress screen). */
void ui_printout_write(struct ui *ui);

#endif
