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

void CNCursesW_restoreTerminalOnSignals(void) {
  const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE};
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = restore_and_reraise;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigset_t handled;
  sigemptyset(&handled);
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
    sigaction(signals[i], &action, NULL);
    sigaddset(&handled, signals[i]);
  }
  // A blocked signal mask is inherited through fork and exec (a launcher's worker thread may have
  // blocked everything); unblock these so a kill really restores the terminal and ends the process.
  pthread_sigmask(SIG_UNBLOCK, &handled, NULL);
}
