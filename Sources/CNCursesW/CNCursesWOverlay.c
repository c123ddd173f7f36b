#define _XOPEN_SOURCE 700  // for wcwidth
#include "CNCursesW.h"
#include <ncursesw/term.h>
#include <wchar.h>

int CNCursesW_wcwidth(wchar_t character) { return wcwidth(character); }

// Where the putc callback below writes: curses' output functions take a callback without context.
static FILE *overlay_output;

static int overlay_putc(int c) { return putc(c, overlay_output); }

int CNCursesW_overlayMove(FILE *out, int row, int column) {
  char *cup = tigetstr("cup");
  if (cup == NULL || cup == (char *)-1) return ERR;
  overlay_output = out;
  return tputs(tiparm(cup, row, column), 1, overlay_putc);
}

int CNCursesW_overlayLook(FILE *out, attr_t attributes, short pair) {
  overlay_output = out;
  return vid_puts(attributes, pair, NULL, overlay_putc);
}

int CNCursesW_overlayEnd(FILE *out) {
  int code = CNCursesW_overlayLook(out, A_NORMAL, 0);
  if (CNCursesW_overlayMove(out, getcury(curscr), getcurx(curscr)) == ERR) code = ERR;
  fflush(out);
  return code;
}
