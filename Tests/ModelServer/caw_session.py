"""Start or resume a session with the real Python caw and the real CLIs on PATH (pointed at the scripted
model server by the environment), send one message, end the session, and print one JSON object.

    <interop venv python> caw_session.py start DATA_DIR PROVIDER MESSAGE
    <interop venv python> caw_session.py resume DATA_DIR HANDLE_OR_ID MESSAGE

Prints {"session_id", "provider", "resume_handle", "num_turns", "result"}; on failure the exception
on stderr and exit 1. Run it in the agent's working directory (caw runs the CLI there).
"""
import json
import sys
import traceback

sys.dont_write_bytecode = True


def main() -> int:
    if len(sys.argv) != 5 or sys.argv[1] not in ("start", "resume"):
        print(__doc__, file=sys.stderr)
        return 2
    verb, data_dir, target, message = sys.argv[1:]
    try:
        from caw import Agent

        if verb == "start":
            session = Agent(provider=target, data_dir=data_dir).start_session()
        else:
            session = Agent(data_dir=data_dir).resume_session(target)
        turn = session.send(message)
        session.end()
        traj = session.trajectory
        handle = session.resume_handle
        handle = handle() if callable(handle) else handle
        print(json.dumps({
            "session_id": traj.session_id, "provider": traj.agent, "resume_handle": handle,
            "num_turns": len(traj.turns), "result": turn.result,
        }))
        return 0
    except Exception as exc:  # report, do not hide
        traceback.print_exc(file=sys.stderr)
        print(f"caw_session {verb} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
