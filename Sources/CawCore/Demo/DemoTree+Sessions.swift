import OrderedCollections
extension DemoTree {
  /// The demo sessions, newest first.
  static func sessions() -> [DemoSession] {
    [unfinished(), claudeRefactor(), codexMigration(), reviewWithSubagents(), opencodeDocs(), usageLimited(), translation()]
  }

  private static func claudeRefactor() -> DemoSession {
    let turns = [
      Turn(
        input: "The date parser in utils/dates.py crashes on timestamps without a timezone. Fix it and add a test.",
        output: [
          .thinking("I should read utils/dates.py first, then reproduce the crash with a failing test."),
          call("toolu_01RdDates", "Read", ["file_path": "/home/dev/shop/utils/dates.py"],
               "     1\timport datetime\n     2\t\n     3\tdef parse(ts):\n     4\t    return datetime.datetime.fromisoformat(ts).astimezone(datetime.timezone.utc)\n"),
          call("toolu_01RunTests", "Bash", ["command": "pytest tests/test_dates.py -q", "description": "Run the date tests"],
               "F.\n=================================== FAILURES ===================================\n___________________________ test_naive_timestamp ___________________________\nValueError: naive datetime is ambiguous\n1 failed, 1 passed in 0.04s", error: true),
          call("toolu_01EditFix", "Edit", [
            "file_path": "/home/dev/shop/utils/dates.py",
            "old_string": "    return datetime.datetime.fromisoformat(ts).astimezone(datetime.timezone.utc)",
            "new_string": "    value = datetime.datetime.fromisoformat(ts)\n    if value.tzinfo is None:\n        value = value.replace(tzinfo=datetime.timezone.utc)\n    return value.astimezone(datetime.timezone.utc)",
          ], "The file /home/dev/shop/utils/dates.py has been updated."),
          call("toolu_01RunAgain", "Bash", ["command": "pytest tests/test_dates.py -q", "description": "Run the date tests again"],
               "..\n2 passed in 0.03s"),
          .text("Fixed: `parse` now treats a timestamp without a timezone as UTC instead of crashing. Both date tests pass."),
        ],
        usage: usage(4_210, 1_388, read: 31_200, write: 6_400, cost: 0.0841), durationMS: 48_300),
      Turn(
        input: "Also handle the trailing 'Z' that our mobile app sends.",
        output: [
          call("toolu_01WriteTest", "Write", [
            "file_path": "/home/dev/shop/tests/test_dates_z.py",
            "content": "from utils.dates import parse\n\ndef test_trailing_z():\n    assert parse('2026-11-01T10:00:00Z').hour == 10\n",
          ], "File created successfully at: /home/dev/shop/tests/test_dates_z.py"),
          call("toolu_01RunZ", "Bash", ["command": "pytest -q", "description": "Run all tests"], "...\n3 passed in 0.05s"),
          .text("Python 3.11's `fromisoformat` already accepts a trailing `Z`; I added a test that pins it. All 3 tests pass."),
        ],
        usage: usage(1_120, 402, read: 38_900, cost: 0.0297), durationMS: 21_750),
    ]
    let t = Trajectory(
      agent: "claude_code", model: "claude-sonnet-4-5", sessionID: "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61",
      systemPrompt: "You are a careful senior Python engineer. Keep changes minimal.", reasoning: "high",
      turns: turns, metadata: ["task": "fix-dates", "cwd": "/home/dev/shop"])
    return DemoSession(trajectory: t, ended: true)
  }

  private static func codexMigration() -> DemoSession {
    let turns = [
      Turn(
        input: "Add a created_at column to the orders table with a migration.",
        output: [
          .thinking("**Inspecting the migrations folder**"),
          call("item_1", "command_execution", ["command": "/bin/bash -lc 'ls migrations'"],
               "0001_initial.sql\n0002_customers.sql\n"),
          call("item_2", "file_change", [
            "changes": .array([.object(["path": "migrations/0003_orders_created_at.sql", "kind": "add"])]),
          ], "add migrations/0003_orders_created_at.sql"),
          call("item_3", "command_execution", ["command": "/bin/bash -lc 'sqlite3 dev.db < migrations/0003_orders_created_at.sql'"],
               "Error: near line 1: duplicate column name: created_at\n", error: true),
          call("item_4", "docs.search", ["q": "sqlite add column if not exists"], "SQLite has no ADD COLUMN IF NOT EXISTS; check pragma table_info first."),
          .text("The dev database already had the column, so the migration now checks `pragma table_info(orders)` first. Migration 0003 is in place."),
        ],
        usage: usage(6_315, 912, read: 24_448, cost: 0.02816), durationMS: 0),
    ]
    let t = Trajectory(
      agent: "codex", model: "gpt-5.3-codex", sessionID: "8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0", reasoning: "medium",
      mcpServers: [MCPServer(name: "docs", command: "python", args: ["-m", "docs_srv"])], turns: turns,
      metadata: ["thread_id": "0199a213-81c0-7800-8aa1-bbab2a035a53", "cwd": "/home/dev/shop"])
    return DemoSession(trajectory: t, ended: true)
  }

  private static func reviewWithSubagents() -> DemoSession {
    let auditor = Trajectory(
      agent: "claude_code", model: "claude-haiku-4-5-20251001", sessionID: "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
      systemPrompt: "You audit code for security issues.",
      turns: [
        Turn(
          input: "Check payments/refund.py for injection risks.",
          output: [
            call("toolu_03Grep", "Grep", ["pattern": "execute\\(", "path": "payments/refund.py"],
                 "payments/refund.py:41:    cur.execute(f\"UPDATE orders SET refunded=1 WHERE id={order_id}\")"),
            .text("Line 41 builds SQL with an f-string: an SQL injection risk. Use a parameter."),
          ],
          usage: usage(1_900, 210, read: 4_000, cost: 0.0031), durationMS: 6_100)
      ],
      usage: usage(1_900, 210, read: 4_000, cost: 0.0031), durationMS: 6_100)
    let reviewer = Trajectory(
      agent: "claude_code", model: "claude-sonnet-4-5", sessionID: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
      systemPrompt: "You review pull requests.",
      turns: [
        Turn(
          input: "Review the refund change in payments/refund.py.",
          output: [
            .thinking("The refund path touches SQL; I'll ask the security auditor."),
            call("toolu_02Audit", "mcp__subagent__security_auditor", ["prompt": "Check payments/refund.py for injection risks."],
                 "Line 41 builds SQL with an f-string: an SQL injection risk. Use a parameter.", subagent: auditor),
            .text("One blocking issue: SQL injection on line 41. Otherwise the change is fine."),
          ],
          usage: usage(3_400, 520, read: 12_000, cost: 0.0189), durationMS: 14_800)
      ],
      usage: usage(3_400, 520, read: 12_000, cost: 0.0189), durationMS: 14_800)
    let turns = [
      Turn(
        input: "Get the refund PR reviewed and fix whatever the review finds.",
        output: [
          .text("I'll ask the code reviewer first."),
          call("toolu_01Review", "mcp__subagent__code_reviewer", ["prompt": "Review the refund change in payments/refund.py."],
               "One blocking issue: SQL injection on line 41. Otherwise the change is fine.", subagent: reviewer),
          call("toolu_01FixSQL", "Edit", [
            "file_path": "payments/refund.py",
            "old_string": "    cur.execute(f\"UPDATE orders SET refunded=1 WHERE id={order_id}\")",
            "new_string": "    cur.execute(\"UPDATE orders SET refunded=1 WHERE id=?\", (order_id,))",
          ], "The file payments/refund.py has been updated."),
          .text("The reviewer (with a security audit) found an SQL injection; it is fixed with a bound parameter."),
        ],
        usage: usage(2_800, 640, read: 18_500, write: 2_100, cost: 0.0342), durationMS: 33_900),
    ]
    let t = Trajectory(
      agent: "claude_code", model: "claude-sonnet-4-5", sessionID: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
      mcpServers: [MCPServer(name: "subagent", url: "http://127.0.0.1:40213/mcp/subagent/3fa9c1")], turns: turns,
      metadata: ["cwd": "/home/dev/shop"])
    return DemoSession(trajectory: t, ended: true)
  }

  private static func opencodeDocs() -> DemoSession {
    let turns = [
      Turn(
        input: "Document the public functions in lib/cart.ts.",
        output: [
          .thinking("[encrypted reasoning]"),
          call("call_read1", "read", ["filePath": "lib/cart.ts"], "export function total(items: Item[]): number {\n  return items.reduce((s, i) => s + i.price * i.qty, 0)\n}\n"),
          call("call_edit1", "edit", ["filePath": "lib/cart.tsx", "oldString": "export function total", "newString": "/** Sum of price × quantity. */\nexport function total"],
               "File lib/cart.tsx not found", error: true),
          call("call_edit2", "edit", ["filePath": "lib/cart.ts", "oldString": "export function total", "newString": "/** Sum of price × quantity. */\nexport function total"], ""),
          .text("Added a doc comment to `total` (the only exported function)."),
        ],
        usage: usage(2_500, 70, read: 6_000, cost: 0.00251), durationMS: 9_420),
      Turn(
        input: "Thanks. Is anything else exported?",
        output: [.text("No — `total` is the only export in lib/cart.ts.")],
        usage: usage(1_300, 18, read: 6_400, cost: 0.00366), durationMS: 2_210),
    ]
    let t = Trajectory(
      agent: "opencode", model: "openai/gpt-5.3-codex", sessionID: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", reasoning: "medium",
      turns: turns, metadata: ["opencode_session_id": "ses_494719016ffe85dkDMj0FPRbHK", "cwd": "/home/dev/web"])
    return DemoSession(trajectory: t, ended: true)
  }

  private static func usageLimited() -> DemoSession {
    let turns = [
      Turn(
        input: "Upgrade every dependency and fix what breaks.",
        output: [
          call("toolu_01Outdated", "Bash", ["command": "npm outdated --json", "description": "List outdated packages"],
               "{\n  \"react\": {\"current\": \"18.2.0\", \"latest\": \"19.1.0\"}\n}"),
          .text("You've hit your limit · resets 3pm (UTC)"),
        ],
        usage: usage(900, 60, read: 2_000, cost: 0.0062), durationMS: 4_400)
    ]
    var t = Trajectory(
      agent: "claude_code", model: "claude-opus-4-6", sessionID: "9d8c7b6a-5f4e-4d3c-8b2a-190817263544", turns: turns,
      metadata: ["cwd": "/home/dev/web"])
    t.usageLimited = true
    return DemoSession(trajectory: t, ended: true)
  }

  private static func unfinished() -> DemoSession {
    let done = Turn(
      input: "Profile the checkout endpoint; it got slow this week.",
      output: [
        call("toolu_01Profile", "Bash", ["command": "py-spy record -o profile.svg -- python bench_checkout.py", "description": "Profile checkout"],
             "Sampling process 100 times a second. Press Control-C to exit.\nWrote flamegraph data to 'profile.svg'. Samples: 4113 Errors: 0"),
        .text("Most of the time goes to `compute_discounts`, which runs one query per cart line."),
      ],
      usage: usage(3_100, 420, read: 9_800, cost: 0.0214), durationMS: 27_400)
    let inProgress = Turn(
      input: "Batch those queries.",
      output: [
        .thinking("I can load all discounts in one query keyed by product id."),
        call("toolu_01ReadDisc", "Read", ["file_path": "shop/discounts.py"], ""),
      ])
    let t = Trajectory(
      agent: "claude_code", model: "claude-opus-4-6", sessionID: "e7f8a9b0-c1d2-4e3f-8a4b-5c6d7e8f9a0b", reasoning: "high",
      turns: [done], metadata: ["cwd": "/home/dev/shop"])
    return DemoSession(trajectory: t, ended: false, turnInProgress: inProgress)
  }

  private static func translation() -> DemoSession {
    let turns = [
      Turn(
        input: "README を日本語に翻訳して、見出しはそのままにしてください。",
        output: [
          .thinking("見出しは英語のまま、本文だけを翻訳する。"),
          call("toolu_01ReadMe", "Read", ["file_path": "README.md"], "# Shop\n\nA small shop. Grüße aus Köln! 🚀\n"),
          call("toolu_01WriteJa", "Write", ["file_path": "README.ja.md", "content": "# Shop\n\n小さなお店です。ケルンからこんにちは！🚀\n"],
               "File created successfully at: README.ja.md"),
          .text("README.ja.md を作成しました（見出しは英語のまま）。Grüße → こんにちは 🚀"),
        ],
        usage: usage(1_450, 380, read: 5_200, cost: 0.0093), durationMS: 12_050)
    ]
    let t = Trajectory(
      agent: "claude_code", model: "claude-haiku-4-5-20251001", sessionID: "2c3d4e5f-6a7b-4c8d-9e0f-a1b2c3d4e5f7",
      turns: turns, metadata: ["cwd": "/home/dev/shop", "語": "メタデータ"])
    return DemoSession(trajectory: t, ended: true)
  }
}
