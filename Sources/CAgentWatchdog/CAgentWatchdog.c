#define _GNU_SOURCE
#include "CAgentWatchdog.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

static const int forwarded_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define FORWARDED_COUNT (sizeof forwarded_signals / sizeof forwarded_signals[0])

static int pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

static void complain(const char *what) {
  char message[256];
  snprintf(message, sizeof message, "caw-tui agent watchdog: %s: %s\n", what, strerror(errno));
  (void)!write(STDERR_FILENO, message, strlen(message));
}

/// The session of `pid` from /proc/PID/stat, or -1.
static pid_t process_session(pid_t pid) {
  char path[64], buffer[512];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buffer, sizeof buffer - 1);
  close(fd);
  if (n <= 0) return -1;
  buffer[n] = 0;
  char *close_paren = strrchr(buffer, ')');  // the command name may hold spaces and parentheses
  if (!close_paren) return -1;
  char state;
  int parent, group, session;
  if (sscanf(close_paren + 1, " %c %d %d %d", &state, &parent, &group, &session) != 4) return -1;
  return (pid_t)session;
}

/// SIGKILLs every other member of this session, also those that moved to process groups of their own
/// (codex's code-mode host does). The session cannot be reused meanwhile, since its leader (this
/// process) is alive, and each member is signalled through a pidfd opened before its session is
/// checked, so a pid reused by an unrelated process is never hit.
static void kill_other_session_members(void) {
  pid_t self = getpid(), session = getsid(0);
  DIR *proc = opendir("/proc");
  if (!proc) return;
  struct dirent *entry;
  while ((entry = readdir(proc)) != NULL) {
    char *end;
    long pid = strtol(entry->d_name, &end, 10);
    if (*end != 0 || pid <= 0 || pid == self) continue;
    int fd = pidfd_open((pid_t)pid);
    if (fd < 0) continue;
    if (process_session((pid_t)pid) == session) syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0);
    close(fd);
  }
  closedir(proc);
}

/// Ends this process the way the agent ended: the same exit code, or the same signal.
static void exit_like(int status) {
  if (WIFSIGNALED(status)) {
    int signal_number = WTERMSIG(status);
    signal(signal_number, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal_number);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    raise(signal_number);
    _exit(128 + signal_number);
  }
  _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

void caw_agent_watchdog_main(int argc, char *argv[]) {
  if (argc < 4) {
    (void)!write(STDERR_FILENO, "caw-tui agent watchdog: usage: PARENT_PID PATH [ARG...]\n", 56);
    _exit(2);
  }
  pid_t parent = (pid_t)atoi(argv[2]);
  int parent_fd = pidfd_open(parent);
  if (getppid() != parent) _exit(125);  // the recorder is already gone: start nothing
  for (size_t i = 0; i < FORWARDED_COUNT; i++) signal(forwarded_signals[i], SIG_IGN);
  pid_t watchdog = getpid();
  pid_t child = fork();
  if (child < 0) {
    complain("fork");
    _exit(126);
  }
  if (child == 0) {
    // The agent is killed when this watchdog dies, however it dies; a watchdog gone before this
    // point means the agent must not start.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != watchdog) _exit(125);
    for (size_t i = 0; i < FORWARDED_COUNT; i++) signal(forwarded_signals[i], SIG_DFL);
    execvp(argv[3], &argv[3]);
    complain(argv[3]);
    _exit(127);
  }
  // The watchdog keeps stderr for its own messages but holds no end of the agent's stdin or stdout.
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    close(null);
  }
  int child_fd = pidfd_open(child);
  for (;;) {
    int status;
    pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) {
      kill_other_session_members();
      exit_like(status);
    }
    if (done < 0 && errno != EINTR) {
      complain("waitpid");
      _exit(126);
    }
    int parent_gone = parent_fd >= 0 ? 0 : getppid() != parent;
    if (!parent_gone && parent_fd >= 0) {
      struct pollfd fds[2] = {{parent_fd, POLLIN, 0}, {child_fd, POLLIN, 0}};
      // Without a pidfd for the agent, look at it again every 200 ms.
      int ready = poll(fds, child_fd >= 0 ? 2 : 1, child_fd >= 0 ? -1 : 200);
      parent_gone = ready > 0 && (fds[0].revents & (POLLIN | POLLHUP)) != 0;
    } else if (!parent_gone) {
      struct pollfd fds[1] = {{child_fd, POLLIN, 0}};
      poll(fds, child_fd >= 0 ? 1 : 0, 200);
    }
    if (parent_gone) {
      // The recorder died (kill -9 included): the agent and everything it started go with it.
      kill_other_session_members();
      kill(0, SIGKILL);
      _exit(137);
    }
  }
}
