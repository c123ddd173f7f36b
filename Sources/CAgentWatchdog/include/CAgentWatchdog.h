#ifndef CAGENTWATCHDOG_H
#define CAGENTWATCHDOG_H

/// Runs the agent watchdog and never returns. `argv` is the host program's whole argv:
/// `argv[2]` is the pid of the process the agent must not outlive (the watchdog's parent), `argv[3]`
/// the agent's absolute path and `argv[3...]` its argv. The watchdog forks the agent with
/// PR_SET_PDEATHSIG (SIGKILL) pointing at itself, then waits on pidfds for whichever ends first:
/// the agent (what it left in the session, which the watchdog leads, is killed and its exit status becomes the
/// watchdog's) or the parent (the whole session is killed).
void caw_agent_watchdog_main(int argc, char *argv[]) __attribute__((noreturn));

#endif
