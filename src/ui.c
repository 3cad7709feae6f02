/*
 * ui.c: the interactive loop, keys, signals, resize and drawing helpers.
 *
 * One thread.  Each turn: tick every screen on the stack (timers keep
 * running under an overlay), draw the top screen if anything changed, then
 * ppoll() stdin until a key, a signal or the nearest deadline.  Signal
 * handlers only set flags; the loop acts on them, so nothing unsafe runs in
 * a handler.  Our handlers are installed before curses starts, so curses
 * leaves SIGINT, SIGTERM, SIGTSTP and SIGWINCH to us.
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "app.h"
#include "clock.h"
#include "text.h"
#include "ui.h"
#include "util.h"

#define UI_MIN_COLS 40
#define UI_MIN_ROWS 12
#define UI_MAX_DEPTH 16

struct ui_frame {
	const struct ui_screen *screen;
	void *state;
};

struct ui {
	struct app *app;
	struct ui_frame stack[UI_MAX_DEPTH];
	int depth;
	int dirty;
	int one_column;     /* the terminal is 1 column wide: do not draw */
	char message[256];
	char exit_note[640];   /* printed on stderr after endwin */
	unsigned long attrs[UI_ROLE_COUNT];
};

static volatile sig_atomic_t ui_sig_stop;    /* SIGINT, SIGTERM, SIGHUP */
static volatile sig_atomic_t ui_sig_winch;
static volatile sig_atomic_t ui_sig_tstp;

static void
ui_on_signal(int sig)
{
	switch (sig) {
	case SIGWINCH:
		ui_sig_winch = 1;
		break;
	case SIGTSTP:
		ui_sig_tstp = 1;
		break;
	default:
		ui_sig_stop = sig;
	}
}

/* The signal mask to wait with: our signals are blocked at all other
 * times, so one that comes while a screen draws is not lost before the
 * wait (ppoll() unblocks them atomically). */
static sigset_t ui_wait_mask;

static void
ui_install_signals(void)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() must return EINTR so the loop sees it. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTSTP);
	sigprocmask(SIG_BLOCK, &block, &ui_wait_mask);
}

struct app *
ui_app(struct ui *ui)
{
	return ui->app;
}

void
ui_dirty(struct ui *ui)
{
	ui->dirty = 1;
}

int
ui_utf8(struct ui *ui)
{
	(void)ui;
	return text_utf8();
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->dirty = 1;
}

void
ui_exit_note(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->exit_note, sizeof ui->exit_note, fmt, ap);
	va_end(ap);
}

void
ui_alert(struct ui *ui)
{
	if (!ui->app->alerts)
		return;
	beep();
	flash();
}

void
ui_push(struct ui *ui, const struct ui_screen *screen, void *arg)
{
	struct ui_frame *f;

	if (ui->depth == UI_MAX_DEPTH)
		fatal("too many screens open");
	f = &ui->stack[ui->depth++];
	f->screen = screen;
	f->state = NULL;
	if (screen->enter != NULL)
		f->state = screen->enter(ui, arg);
	ui->dirty = 1;
}

void
ui_pop(struct ui *ui)
{
	struct ui_frame *f;

	if (ui->depth == 0)
		return;
	f = &ui->stack[--ui->depth];
	if (f->screen->leave != NULL)
		f->screen->leave(ui, f->state);
	f->screen = NULL;
	f->state = NULL;
	ui->dirty = 1;
}

int
ui_on_top(struct ui *ui, const void *state)
{
	return ui->depth > 0 && ui->stack[ui->depth - 1].state == state;
}

unsigned long
ui_role_attr(struct ui *ui, enum ui_role role)
{
	return ui->attrs[role];
}

/* Colour pairs when allowed; bold/underline/reverse keep meaning without. */
static void
ui_setup_attrs(struct ui *ui)
{
	static const struct {
		short fg, bg;
		attr_t mono;
		attr_t extra;
	} roles[UI_ROLE_COUNT] = {
		[UI_ROLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
		[UI_ROLE_TITLE] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_BOLD },
		[UI_ROLE_STATUS] = { COLOR_BLACK, COLOR_WHITE, A_REVERSE,
		    A_NORMAL },
		[UI_ROLE_SELECTED] = { COLOR_BLACK, COLOR_GREEN, A_REVERSE,
		    A_BOLD },
		[UI_ROLE_HEADING] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
		[UI_ROLE_EMPHASIS] = { -1, -1, A_BOLD, A_BOLD },
		[UI_ROLE_DIM] = { -1, -1, A_DIM, A_DIM },
		[UI_ROLE_LINK] = { COLOR_BLUE, -1, A_UNDERLINE, A_UNDERLINE },
		[UI_ROLE_CODE] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
		[UI_ROLE_MATCH] = { COLOR_BLACK, COLOR_YELLOW, A_REVERSE,
		    A_NORMAL },
		[UI_ROLE_WARNING] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
		[UI_ROLE_DANGER] = { COLOR_WHITE, COLOR_RED, A_BOLD | A_REVERSE,
		    A_BOLD },
		[UI_ROLE_GOOD] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	};
	int i, color = ui->app->color && has_colors();

	if (color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < UI_ROLE_COUNT; i++) {
		if (color && (roles[i].fg != -1 || roles[i].bg != -1)) {
			init_pair((short)(i + 1), roles[i].fg, roles[i].bg);
			ui->attrs[i] = COLOR_PAIR(i + 1) | roles[i].extra;
		} else
			ui->attrs[i] = roles[i].mono;
	}
}

int
ui_put(struct ui *ui, int row, int col, int maxcols, enum ui_role role,
    const char *text)
{
	char *clean = text_for_terminal(text, strlen(text)), *safe;
	const char *p;
	size_t n, k;
	int used = 0, w;
	uint32_t cp;
	char one[8];

	if (maxcols <= 0 || row < 0 || row >= LINES) {
		free(clean);
		return 0;
	}
	/* A label that must be cut says so with an ellipsis. */
	safe = text_fit(clean, maxcols);
	free(clean);
	p = safe;
	n = strlen(safe);
	attrset((attr_t)ui->attrs[role]);
	move(row, col);
	while (n > 0) {
		k = text_decode(p, n, &cp);
		w = text_cp_width(cp);
		if (cp == '\t' || cp == '\n')
			w = 1, cp = ' ', k = 1;
		if (used + w > maxcols)
			break;
		memcpy(one, p, k);
		one[k] = '\0';
		if (cp == ' ')
			one[0] = ' ';
		addstr(one);
		used += w;
		p += k;
		n -= k;
	}
	attrset(A_NORMAL);
	free(safe);
	return used;
}

int
ui_put_wrapped(struct ui *ui, int row, int col, int rows, int cols,
    enum ui_role role, const char *text)
{
	size_t n = strlen(text), at = 0, len, next;
	int used = 0;
	char *line, *cut;

	if (cols <= 0)
		return 0;
	while (at < n && used < rows) {
		len = text_wrap_line(text + at, n - at, cols, &next);
		line = xstrndup(text + at, len);
		at += next;
		if (at < n && used == rows - 1) {
			/* Out of room: the last line says there is more. */
			cut = xasprintf("%s%s", line, text_ellipsis());
			free(line);
			line = xstrdup("");
			ui_put(ui, row + used, col, cols, role, cut);
			free(cut);
		} else
			ui_put(ui, row + used, col, cols, role, line);
		free(line);
		used++;
		if (next == 0)
			break;
	}
	return used;
}


void
ui_draw_title(struct ui *ui, int cols, const char *title)
{
	attrset((attr_t)ui->attrs[UI_ROLE_TITLE]);
	mvhline(0, 0, ' ', cols);
	ui_put(ui, 0, 1, cols - 2, UI_ROLE_TITLE, title);
}

void
ui_draw_status(struct ui *ui, int row, int cols, const char *hint)
{
	attrset((attr_t)ui->attrs[UI_ROLE_STATUS]);
	mvhline(row, 0, ' ', cols);
	ui_put(ui, row, 1, cols - 2, UI_ROLE_STATUS,
	    ui->message[0] != '\0' ? ui->message : hint);
}

static void
ui_draw_too_small(struct ui *ui, int rows, int cols)
{
	char msg[96];

	erase();
	snprintf(msg, sizeof msg, "Please enlarge the terminal "
	    "(at least %dx%d; now %dx%d).", UI_MIN_COLS, UI_MIN_ROWS, cols,
	    rows);
	ui_put_wrapped(ui, 0, 0, rows, cols, UI_ROLE_WARNING, msg);
}

static void
ui_draw(struct ui *ui)
{
	struct ui_frame *top = &ui->stack[ui->depth - 1];
	int rows = LINES, cols = COLS;

	ui->dirty = 0;
	if (ui->one_column)
		return;
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS)
		ui_draw_too_small(ui, rows, cols);
	else {
		erase();
		top->screen->draw(ui, top->state, rows, cols);
	}
	refresh();
	ui->dirty = 0;
}

/*
 * ncurses 6 (lib_mvcur.c) flushes its output at every cursor jump while
 * the screen is still in its first, "initial" state, so a countdown frame
 * that changes five places took five or more write()s.  Leaving the screen
 * once and coming back ends that state: from then on each frame is one
 * write (strace -e write shows it).  Done before anything is drawn, so
 * nothing flickers, and before keypad() and mousemask(), which endwin()
 * would turn off until the next read (keys typed meanwhile would come
 * in the wrong form).
 */
static void
ui_leave_initial_state(void)
{
	endwin();
	doupdate();
}

static void
ui_resize(struct ui *ui)
{
	struct winsize ws;

	/* resizeterm() queues a KEY_RESIZE; ui_read_keys() only redraws on
	 * it, so a resize is handled once. */
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return;
	/* ncurses 6.4 reads out of bounds on a 1-column screen (valgrind
	 * shows it); such a terminal gets no drawing until it grows. */
	ui->one_column = ws.ws_col < 2;
	if (!ui->one_column && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	ui->dirty = 1;
}

/* Ctrl-Z: hand the terminal back, stop, and on fg tell screens how long. */
static void
ui_suspend(struct ui *ui)
{
	struct sigaction sa, old;
	sigset_t set, oldset;
	int64_t before = clock_monotonic_ms(), ms;
	int i;

	endwin();
	fflush(stdout);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &old);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, &oldset);
	kill(getpid(), SIGTSTP);
	/* Execution resumes here after SIGCONT. */
	sigprocmask(SIG_SETMASK, &oldset, NULL);
	sigaction(SIGTSTP, &old, NULL);
	ms = clock_monotonic_ms() - before;
	reset_prog_mode();
	ui_resize(ui);
	for (i = 0; i < ui->depth; i++)
		if (ui->stack[i].screen->resumed != NULL)
			ui->stack[i].screen->resumed(ui, ui->stack[i].state,
			    ms);
}

/* The wheel scrolls; a click (or a press) chooses. */
static void
ui_translate_mouse(struct ui_key *k)
{
	MEVENT ev;

	k->action = UI_NONE;
	if (getmouse(&ev) != OK)
		return;
	k->y = ev.y;
	k->x = ev.x;
	if (ev.bstate & BUTTON4_PRESSED)
		k->action = UI_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		k->action = UI_WHEEL_DOWN;
#endif
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
	    BUTTON1_RELEASED))
		k->action = ev.bstate & BUTTON1_RELEASED ? UI_NONE : UI_CLICK;
}

static void
ui_translate(int rc, wint_t wc, struct ui_key *k)
{
	memset(k, 0, sizeof *k);
	if (rc == KEY_CODE_YES) {
		k->code = (int)wc;
		switch (wc) {
		case KEY_UP: k->action = UI_UP; break;
		case KEY_DOWN: k->action = UI_DOWN; break;
		case KEY_LEFT: k->action = UI_LEFT; break;
		case KEY_RIGHT: k->action = UI_RIGHT; break;
		case KEY_PPAGE: k->action = UI_PAGE_UP; break;
		case KEY_NPAGE: k->action = UI_PAGE_DOWN; break;
		case KEY_HOME: k->action = UI_HOME; break;
		case KEY_END: k->action = UI_END; break;
		case KEY_ENTER: k->action = UI_ENTER; break;
		case KEY_BACKSPACE: k->action = UI_BACKSPACE; break;
		case KEY_BTAB: k->action = UI_BACKTAB; break;
		case KEY_MOUSE: ui_translate_mouse(k); break;
		default: k->action = UI_NONE;
		}
		return;
	}
	k->ch = wc;
	switch (wc) {
	case '\n': case '\r': k->action = UI_ENTER; break;
	case 27: case 'q': k->action = UI_BACK; break;
	case '?': k->action = UI_HELP; break;
	case '\t': k->action = UI_TAB; break;
	case 127: case 8: k->action = UI_BACKSPACE; break;
	case 'k': k->action = UI_UP; break;
	case 'j': k->action = UI_DOWN; break;
	case 'h': k->action = UI_LEFT; break;
	case 'l': k->action = UI_RIGHT; break;
	case ' ': k->action = UI_CHAR; break;
	default: k->action = wc >= 32 ? UI_CHAR : UI_NONE;
	}
}

static void
ui_handle_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_frame *top = &ui->stack[ui->depth - 1];

	ui->message[0] = '\0';
	ui->dirty = 1;
	if (k->action == UI_HELP && top->screen != &ui_help_screen &&
	    top->screen->help != NULL) {
		ui_push(ui, &ui_help_screen, (void *)top->screen);
		return;
	}
	top->screen->key(ui, top->state, k);
}

/* Reads every key waiting; returns after the first ERR. */
static void
ui_read_keys(struct ui *ui)
{
	struct ui_key k;
	wint_t wc;
	int rc;

	while (ui->depth > 0) {
		rc = get_wch(&wc);
		if (rc == ERR)
			return;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui->dirty = 1;
			continue;
		}
		if (rc == OK && wc == 12) {     /* Ctrl-L: draw it all again */
			clearok(curscr, TRUE);
			ui->dirty = 1;
			continue;
		}
		ui_translate(rc, wc, &k);
		ui_handle_key(ui, &k);
	}
}

/* Ticks every screen; returns the nearest deadline or -1. */
static int64_t
ui_tick_all(struct ui *ui, int64_t now)
{
	int64_t next = -1, d;
	int i;

	for (i = 0; i < ui->depth; i++) {
		if (ui->stack[i].screen->tick == NULL)
			continue;
		d = ui->stack[i].screen->tick(ui, ui->stack[i].state, now);
		if (d >= 0 && (next < 0 || d < next))
			next = d;
	}
	return next;
}

/*
 * Waits for a key, a signal or the deadline (-1: none).  Returns what
 * ppoll() does.  A terminal that has gone (hung up) stops the program as
 * SIGHUP would: its input would be ready for ever.
 */
static int
ui_wait(int64_t deadline)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	int64_t now = clock_monotonic_ms(), ms = -1;
	struct timespec ts, *tsp = NULL;
	sigset_t blocked;
	int ready;

	if (deadline >= 0)
		ms = deadline <= now ? 0 : deadline - now;
	ms = clock_wait_limit_ms(ms);
	if (ms >= 0) {
		if (ms > 1000000)
			ms = 1000000;
		ts.tv_sec = (time_t)(ms / 1000);
		ts.tv_nsec = (long)(ms % 1000) * 1000000L;
		tsp = &ts;
	}
	ready = ppoll(&pfd, 1, tsp, &ui_wait_mask);
	/* ppoll() delivers a pending signal only when it had to wait; one
	 * that came with input gets its window here. */
	if (ready > 0) {
		sigprocmask(SIG_SETMASK, &ui_wait_mask, &blocked);
		sigprocmask(SIG_SETMASK, &blocked, NULL);
	}
	if (ready > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) &&
	    ui_sig_stop == 0)
		ui_sig_stop = SIGHUP;
	return ready;
}

/* Checks that curses can drive this terminal; prints why not. */
static int
ui_terminal_usable(void)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (term == NULL || *term == '\0') {
		util_warn("TERM is not set, so the screen cannot be drawn; "
		    "set TERM (for example TERM=xterm-256color) or use the "
		    "plain commands (see backcare --help)");
		return 0;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		util_warn("the terminal type '%s' is unknown here; set TERM "
		    "to a known type (for example xterm-256color) or use the "
		    "plain commands (see backcare --help)", term);
		return 0;
	}
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1 ||
	    strcmp(term, "dumb") == 0) {
		util_warn("the terminal type '%s' cannot move the cursor, so "
		    "the screen cannot be drawn; use the plain commands (see "
		    "backcare --help)", term);
		del_curterm(cur_term);
		return 0;
	}
	del_curterm(cur_term);
	return 1;
}

/*
 * The cursor keys as a terminal sends them in normal mode (ESC [ A),
 * besides the application-mode codes (ESC O A) terminfo names: a key typed
 * before keypad() switched the terminal over would otherwise be read as
 * Esc and a few letters, and Esc on the home screen quits.
 */
static void
ui_define_cursor_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} keys[] = {
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
		{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

int
ui_run(struct app *app)
{
	struct ui *ui;
	SCREEN *scr;
	int status = 0, sig, ready;
	int64_t deadline;

	if (!ui_terminal_usable())
		return 1;
	ui_install_signals();
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		util_warn("cannot start the screen on this terminal; use the "
		    "plain commands (see backcare --help)");
		return 1;
	}
	set_term(scr);
	/* First, so that the modes set below (keypad, mouse) stay set. */
	ui_leave_initial_state();
	ui = xcalloc(1, sizeof *ui);
	ui->app = app;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_define_cursor_keys();
	nodelay(stdscr, TRUE);
	/* Our loop waits for input; curses need not poll for typeahead. */
	typeahead(-1);
	set_escdelay(25);
	curs_set(0);
	/* The wheel scrolls and a click chooses; no drag, so the terminal's
	 * own selection still works with Shift. */
	mouseinterval(0);
#ifdef BUTTON5_PRESSED
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
#else
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED, NULL);
#endif
	ui_setup_attrs(ui);
	ui_resize(ui);

	ui_push(ui, &ui_home_screen, NULL);
	while (ui->depth > 0 && !ui_sig_stop) {
		deadline = ui_tick_all(ui, clock_monotonic_ms());
		if (ui->depth == 0)
			break;
		if (ui->dirty)
			ui_draw(ui);
		/* A fallback reader, held, would keep a -wal growing. */
		app_store_view_done(ui->app);
		ready = ui_wait(deadline);
		if (ready < 0 && errno != EINTR)
			fatal("poll: %s", strerror(errno));
		if (ui_sig_winch) {
			ui_sig_winch = 0;
			ui_resize(ui);
		}
		if (ui_sig_tstp) {
			ui_sig_tstp = 0;
			ui_suspend(ui);
		}
		/* A timer deadline alone reads nothing: no needless syscalls. */
		if (!ui_sig_stop && ready != 0)
			ui_read_keys(ui);
	}
	/* Every exit path saves what screens hold, top first. */
	while (ui->depth > 0)
		ui_pop(ui);
	endwin();
	delscreen(scr);
	if (ui->exit_note[0] != '\0')
		fprintf(stderr, "backcare: %s\n", ui->exit_note);
	sigprocmask(SIG_SETMASK, &ui_wait_mask, NULL);
	sig = ui_sig_stop;
	if (sig != 0)
		status = 128 + sig;
	free(ui);
	return status;
}
