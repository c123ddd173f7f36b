/// caw's model tiers: a provider-neutral way to ask for its strongest or its fast model (spec §6.2).
public enum ModelTier: String, Sendable, CaseIterable {
  /// The provider's most capable model.
  case strongest
  /// The provider's small, fast model.
  case fast
}
