/// Text for ``SyntheticTree`` sessions: prompts, prose and tool output that look like the real thing,
/// with quotes, tabs, backslashes and non-ASCII characters that the writer has to escape.
enum SyntheticText {
  /// A user prompt.
  static func prompt(random: inout SplitMix64) -> String {
    random.pick(prompts) + (random.chance(0.2) ? " " + random.pick(sentences) : "")
  }

  /// A few sentences of assistant text; `manyScripts` draws most of them from scripts other than Latin.
  static func prose(sentences count: Int, manyScripts: Bool = false, random: inout SplitMix64) -> String {
    (0..<count).map { _ in random.pick(manyScripts && random.chance(0.7) ? scriptSentences : sentences) }
      .joined(separator: random.chance(0.5) ? " " : "\n\n")
  }

  /// A file as Claude Code's `Read` tool returns it: each line after its number and a `→`, a fifth of
  /// the lines in scripts other than Latin.
  static func numberedListing(bytes: Int, random: inout SplitMix64) -> String {
    var lines: [String] = []
    var size = 0
    var number = random.int(1...400)
    while size < bytes {
      let text = random.chance(0.2) ? "// " + random.pick(scriptSentences) : random.pick(outputLines)
      let line = "\(String(repeating: " ", count: max(0, 6 - String(number).count)))\(number)→\(text)"
      lines.append(line)
      size += line.utf8.count + 1
      number += 1
    }
    return lines.joined(separator: "\n")
  }

  /// Tool output of about `bytes` bytes: source listings, test logs and JSON lines.
  static func output(bytes: Int, random: inout SplitMix64) -> String {
    var lines: [String] = []
    var size = 0
    var number = random.int(1...400)
    while size < bytes {
      let line = "\(String(repeating: " ", count: max(0, 6 - String(number).count)))\(number)\t" + random.pick(outputLines)
      lines.append(line)
      size += line.utf8.count + 1
      number += 1
    }
    return lines.joined(separator: "\n")
  }

  private static let prompts = [
    "The date parser in utils/dates.py crashes on timestamps without a timezone. Fix it and add a test.",
    "Add a created_at column to the orders table with a migration.",
    "Why is CI red on main? Find the failing test and fix the cause, not the test.",
    "Profile the checkout endpoint; it got slow this week.",
    "Document the public functions in lib/cart.ts.",
    "Upgrade every dependency and fix what breaks.",
    "README を日本語に翻訳して、見出しはそのままにしてください。",
    "Refactor the \"PaymentGateway\" class so the retry policy is injectable.",
    "Write a script that dedupes C:\\exports\\customers.csv by e-mail.",
    "Résume les changements de la semaine dernière pour l'équipe produit.",
  ]

  private static let sentences = [
    "I read the module first and reproduced the failure with a focused test.",
    "The root cause is a naive datetime compared with an aware one.",
    "All 214 tests pass now; the slow test went from 4.1 s to 0.3 s.",
    "I kept the public API unchanged and added a regression test.",
    "Next I'll check the callers in `billing/` for the same pattern.",
    "The migration is idempotent: it checks `pragma table_info` first.",
    "Hinweis: die Konfiguration liegt in „config/prod.yaml“.",
    "✅ Build green — 3 files changed, 41 insertions(+), 12 deletions(-).",
    "Le correctif évite la double facturation lors d'un nouvel essai.",
  ]

  private static let scriptSentences = [
    "Я проверил модуль и воспроизвёл ошибку отдельным тестом.",
    "Η αιτία είναι μια σύγκριση ώρας χωρίς ζώνη με ώρα με ζώνη.",
    "修复后所有测试都通过了，慢测试从 4.1 秒降到 0.3 秒。",
    "テストを追加し、公開 API は変更していません。",
    "다음으로 billing/ 의 호출부에서 같은 패턴을 확인하겠습니다.",
    "الترحيل آمن للتكرار: يتحقق من الجدول أولاً.",
    "परिवर्तन से दोबारा प्रयास पर दोहरा बिल नहीं बनता।",
    "בדקתי את הקוד ומצאתי את שורש הבעיה.",
    "การแก้ไขนี้ไม่เปลี่ยน API สาธารณะ",
    "🚀 Готово — 3 файла изменено ✅",
  ]

  private static let outputLines = [
    "import datetime",
    "def parse(ts: str) -> datetime.datetime:",
    "    value = datetime.datetime.fromisoformat(ts)",
    "    if value.tzinfo is None:",
    "        return value.replace(tzinfo=datetime.timezone.utc)",
    "PASSED tests/test_dates.py::test_naive_timestamp [ 42%]",
    "FAILED tests/test_orders.py::test_refund - AssertionError: assert 200 == 201",
    "{\"level\": \"info\", \"msg\": \"request served\", \"path\": \"/api/v1/cart\", \"ms\": 12.7}",
    "src/cart.ts:118:  // TODO: handle \"gift card\" discounts",
    "C:\\Users\\dev\\AppData\\Local\\Temp\\build-4411\\out.log",
    "const total = items.reduce((sum, item) => sum + item.price * item.qty, 0);",
    "  ✓ renders the empty cart (12 ms)",
    "Überprüfung abgeschlossen: 0 Fehler, 2 Warnungen",
    "warning: unused variable `retries` --> src/gateway.rs:88:9",
  ]
}
