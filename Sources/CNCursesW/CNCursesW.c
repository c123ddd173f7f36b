#include "CNCursesW.h"
#include <pthread.h>
#include <signal.h>
#include <string.h>

static void restore_and_reraise(int signal_number) {
  // NB: endwin is not async-signal-safe, but the process is about to die and a terminal left in raw
  // mode is worse; tig, htop and ncurses' own SIGINT handler do the same.
  endwin();
  raise(signal_number);  // SA_RESETHAND has restored the default action; delivered when we return
}

static const int handled_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE};
#define HANDLED_COUNT (sizeof handled_signals / sizeof handled_signals[0])
static struct sigaction previous_actions[HANDLED_COUNT];
static sigset_t previous_mask;
static int installed = 0;

void CNCursesW_restoreTerminalOnSignals(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = restore_and_reraise;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigset_t handled;
  sigemptyset(&handled);
  for (size_t i = 0; i < HANDLED_COUNT; i++) {
    sigaction(handled_signals[i], &action, installed ? NULL : &previous_actions[i]);
    sigaddset(&handled, handled_signals[i]);
  }
  // A blocked signal mask is inherited through fork and exec (a launcher's worker thread may have
  // blocked everything); unblock these so a kill really restores the terminal and ends the process.
  pthread_sigmask(SIG_UNBLOCK, &handled, installed ? NULL : &previous_mask);
  installed = 1;
}

void CNCursesW_removeSignalHandlers(void) {
  if (!installed) return;
  for (size_t i = 0; i < HANDLED_COUNT; i++) sigaction(handled_signals[i], &previous_actions[i], NULL);
  pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
  installed = 0;
}
