#ifndef CNCURSESW_H
#define CNCURSESW_H
// SwiftPM drops pkg-config's "-D_XOPEN_SOURCE=600" ("prohibited flag"), so the wide-character API is
// switched on here, before the first include; without it cchar_t, setcchar and wget_wch do not exist.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

// Macros built from NCURSES_BITS / NCURSES_MOUSE_MASK, which Swift cannot import, re-exposed as
// functions. Delete a shim when Swift can import the symbol directly.
static inline attr_t CNCursesW_A_BOLD(void) { return A_BOLD; }
static inline attr_t CNCursesW_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t CNCursesW_A_DIM(void) { return A_DIM; }
static inline attr_t CNCursesW_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline mmask_t CNCursesW_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t CNCursesW_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t CNCursesW_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t CNCursesW_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }

// C globals are shared mutable state, which Swift 6 refuses to touch; these read them.
static inline WINDOW *CNCursesW_stdscr(void) { return stdscr; }
static inline int CNCursesW_COLOR_PAIRS(void) { return COLOR_PAIRS; }

// The cchar_t's maximum number of wide characters (a macro Swift imports only on some versions).
static inline int CNCursesW_CCHARW_MAX(void) { return CCHARW_MAX; }

/// Installs handlers that call endwin() and then re-raise the signal with its default action, for
/// SIGINT, SIGTERM, SIGHUP, SIGQUIT and the fatal signals a crash raises (SIGABRT, SIGILL, SIGTRAP,
/// SIGSEGV, SIGBUS, SIGFPE), so the terminal is restored however the process ends, and unblocks them
/// in case the process inherited them blocked. Written in C because a Swift closure cannot be a
/// signal handler.
void CNCursesW_restoreTerminalOnSignals(void);

/// Puts back the handlers (and signal mask) that were in place before
/// `CNCursesW_restoreTerminalOnSignals`, once the terminal is restored.
void CNCursesW_removeSignalHandlers(void);

// Drawing what a cchar_t cannot hold (see NCursesScreen.present): after doupdate, text is written to
// `out` at given cells, with the attributes set through vid_puts so curses knows what the terminal is
// set to; CNCursesW_overlayEnd puts attributes and the cursor back where curses believes they are.

/// Writes to `out` the terminal's sequence that moves the cursor to (row, column).
int CNCursesW_overlayMove(FILE *out, int row, int column);
/// Writes to `out` what sets `attributes` and colour `pair` (curses records the change).
int CNCursesW_overlayLook(FILE *out, attr_t attributes, short pair);
/// Restores normal attributes and curses' cursor position on `out`, and flushes it.
int CNCursesW_overlayEnd(FILE *out);
/// The C library's wcwidth (declared only for _XOPEN_SOURCE, which Swift's importer does not set):
/// the cells curses gives a character.
int CNCursesW_wcwidth(wchar_t character);
#endif
