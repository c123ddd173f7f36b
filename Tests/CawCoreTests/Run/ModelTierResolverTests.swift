import Foundation
import Testing

@testable import CawCore
import TestSupport

@Suite("Model tiers (spec §6.2)")
struct ModelTierResolverTests {
  private typealias Resolution = ModelTierResolver.Resolution

  /// A resolver over a temporary CAW_HOME with only `extra` in the environment.
  private func resolver(_ home: TempTree, _ extra: [String: String] = [:]) -> ModelTierResolver {
    ModelTierResolver(environment: ["CAW_HOME": home.path].merging(extra) { _, new in new })
  }

  @Test("baked defaults: claude opus/haiku, codex strongest nil (no -m), opencode gpt-5.5/spark")
  func baked() {
    let home = TempTree("caw-home")
    let r = resolver(home)
    #expect(r.resolve(.strongest, for: .claudeCode) == Resolution(model: "opus", source: .baked))
    #expect(r.resolve(.fast, for: .claudeCode) == Resolution(model: "claude-haiku-4-5-20251001", source: .baked))
    #expect(r.resolve(.strongest, for: .codex) == Resolution(model: nil, source: .baked))
    #expect(r.resolve(.fast, for: .codex) == Resolution(model: "gpt-5.3-codex-spark", source: .baked))
    #expect(r.resolve(.strongest, for: .opencode) == Resolution(model: "openai/gpt-5.5", source: .baked))
    #expect(r.resolve(.fast, for: .opencode) == Resolution(model: "openai/gpt-5.3-codex-spark", source: .baked))
    #expect(ModelTierResolver.Source.baked.description == "baked")
  }

  @Test("environment variables win for claude and opencode; codex has none; empty values are ignored")
  func environmentVariables() {
    let home = TempTree("caw-home")
    home.write("config.json", #"{"models": {"claude_code": {"strongest": "from-user"}}}"#)
    let r = resolver(
      home,
      [
        "ANTHROPIC_MODEL": "claude-opus-4-6", "ANTHROPIC_SMALL_FAST_MODEL": "",
        "OPENCODE_MODEL": "openai/gpt-5.2-codex",
        "OPENCODE_SMALL_FAST_MODEL": "openai/o4-mini",
      ])
    #expect(
      r.resolve(.strongest, for: .claudeCode)
        == Resolution(model: "claude-opus-4-6", source: .environment("ANTHROPIC_MODEL")))
    #expect(r.resolve(.fast, for: .claudeCode).source == .baked)
    #expect(r.resolve(.strongest, for: .opencode).model == "openai/gpt-5.2-codex")
    #expect(
      r.resolve(.fast, for: .opencode)
        == Resolution(model: "openai/o4-mini", source: .environment("OPENCODE_SMALL_FAST_MODEL")))
    #expect(r.resolve(.strongest, for: .codex) == Resolution(model: nil, source: .baked))
    #expect(ModelTierResolver.Source.environment("OPENCODE_MODEL").description == "env:OPENCODE_MODEL")
  }

  @Test("user config under $CAW_HOME, with the alias 'claude' for claude_code")
  func userConfig() {
    let home = TempTree("caw-home")
    home.write(
      "config.json",
      """
      {
        "models": {
          "claude": {"fast": "claude-3-5-haiku-latest"},
          "codex": {"strongest": "gpt-5.2-codex", "fast": ""}
        }
      }

      """)
    let r = resolver(home)
    #expect(r.resolve(.fast, for: .claudeCode) == Resolution(model: "claude-3-5-haiku-latest", source: .user))
    #expect(r.resolve(.strongest, for: .claudeCode) == Resolution(model: "opus", source: .baked))
    #expect(r.resolve(.strongest, for: .codex) == Resolution(model: "gpt-5.2-codex", source: .user))
    #expect(r.resolve(.fast, for: .codex) == Resolution(model: nil, source: .user), "an empty tier means no -m flag")
    #expect(ModelTierResolver.Source.user.description == "user")
  }

  @Test("a broken user config is ignored")
  func brokenUserConfig() {
    let home = TempTree("caw-home")
    home.write("config.json", "{ nope")
    #expect(resolver(home).resolve(.fast, for: .claudeCode).source == .baked)
  }

  @Test("$CAW_HOME defaults to $HOME/.caw")
  func cawHomeDefault() {
    #expect(ModelTierResolver(environment: ["HOME": "/home/me"]).cawHome == "/home/me/.caw")
    #expect(ModelTierResolver(environment: ["HOME": "/home/me", "CAW_HOME": "/srv/caw"]).cawHome == "/srv/caw")
    let home = TempTree("caw-home")
    home.write(".caw/config.json", #"{"models": {"opencode": {"fast": "openai/gpt-5-mini"}}}"#)
    #expect(
      ModelTierResolver(environment: ["HOME": home.path]).resolve(.fast, for: .opencode).model == "openai/gpt-5-mini")
  }

  @Test("a fresh remote-defaults cache is used after the user config and before the baked table")
  func remoteCacheFresh() {
    let home = TempTree("caw-home")
    home.write(
      "cache/models.json",
      #"{"models": {"codex": {"strongest": "gpt-5.3-codex"}, "claude_code": {"fast": "cached-fast"}}}"#)
    home.write("config.json", #"{"models": {"claude_code": {"fast": "user-fast"}}}"#)
    let r = resolver(home)
    #expect(r.resolve(.strongest, for: .codex) == Resolution(model: "gpt-5.3-codex", source: .remoteCache))
    #expect(r.resolve(.fast, for: .claudeCode) == Resolution(model: "user-fast", source: .user))
    #expect(r.resolve(.strongest, for: .claudeCode) == Resolution(model: "opus", source: .baked))
    #expect(ModelTierResolver.Source.remoteCache.description == "remote")
  }

  @Test("with CAW_DEFAULTS_URL set to a URL the fresh cache is used")
  func remoteCacheWithURL() {
    let home = TempTree("caw-home")
    home.write("cache/models.json", #"{"models": {"codex": {"strongest": "gpt-5.3-codex"}}}"#)
    #expect(
      resolver(home, ["CAW_DEFAULTS_URL": "https://example.com/models.json"]).resolve(.strongest, for: .codex).source
        == .remoteCache)
  }

  // caw 0.1.9 config.remote_defaults: "disabled — only ever consult the on-disk cache": with fetching
  // turned off caw still layers the cached models.json over the baked table, whatever its age.
  @Test("CAW_DEFAULTS_URL off/none/disable(d)/0/empty: caw consults the on-disk cache whatever its age")
  func remoteCacheDisabledStillConsulted() {
    let home = TempTree("caw-home")
    home.write("cache/models.json", #"{"models": {"codex": {"strongest": "gpt-5.3-codex"}}}"#)
    for off in ["off", "OFF", "none", "disable", "disabled", "0", ""] {
      #expect(
        resolver(home, ["CAW_DEFAULTS_URL": off]).resolve(.strongest, for: .codex)
          == Resolution(model: "gpt-5.3-codex", source: .remoteCache),
        "CAW_DEFAULTS_URL=\(off)")
    }
  }

  // caw 0.1.9 config.get_model: `if tier_s in user.get(provider, {}): return user[provider][tier_s]`):
  // a tier present in the user config wins even when it is null or "" (→ no model flag); caw-tui skips it.
  @Test("a user-config tier set to null or \"\" wins over the baked default (no model flag), as in caw")
  func userConfigNullWins() {
    let home = TempTree("caw-home")
    home.write("config.json", #"{"models": {"claude_code": {"strongest": null}, "codex": {"fast": ""}}}"#)
    let r = resolver(home)
    #expect(r.resolve(.strongest, for: .claudeCode) == Resolution(model: nil, source: .user))
    #expect(r.resolve(.fast, for: .codex).source == .user)
    #expect((r.resolve(.fast, for: .codex).model ?? "") == "")
  }

  // caw reads only the canonical key; caw-tui also accepts aliases, but the canonical entry must win.
  @Test("claude_code's own entry wins over an alias entry written before it")
  func canonicalKeyWinsOverAlias() {
    let home = TempTree("caw-home")
    home.write(
      "config.json", #"{"models": {"claude": {"fast": "alias-model"}, "claude_code": {"fast": "canonical-model"}}}"#)
    #expect(resolver(home).resolve(.fast, for: .claudeCode) == Resolution(model: "canonical-model", source: .user))
  }

  @Test("a stale cache is still used: caw falls back to it when it cannot fetch, and caw-tui never fetches")
  func remoteCacheStale() throws {
    let home = TempTree("caw-home")
    home.write("cache/models.json", #"{"models": {"codex": {"strongest": "gpt-5.3-codex"}}}"#)
    let old = Date().addingTimeInterval(-30 * 86_400)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: home.path + "/cache/models.json")
    #expect(
      resolver(home, ["CAW_DEFAULTS_TTL": "60"]).resolve(.strongest, for: .codex)
        == Resolution(model: "gpt-5.3-codex", source: .remoteCache))
  }

  @Test("a cache without a models object is ignored")
  func remoteCacheWithoutModels() {
    let home = TempTree("caw-home")
    home.write("cache/models.json", #"{"codex": {"strongest": "gpt-5.3-codex"}}"#)
    #expect(resolver(home).resolve(.strongest, for: .codex).source == .baked)
  }
}
