/// What the catalogue says of every rule, for `rules`, `explain` and the reports.
public struct RuleMetadata: Sendable, Equatable {
  /// Stable id, e.g. `people.identification.view`. Public interface: never changes meaning.
  public var id: String
  /// Short title, e.g. "View Identification sections".
  public var title: String
  /// The article's step, e.g. `3.10.5`, `before you start`, `sync 3`.
  public var step: String
  /// The part of the article `step` belongs to: how reports group the rule.
  public var part: ArticlePart
  public var severity: Severity
  /// What a pass proves, one sentence.
  public var summary: String
  /// How it is probed, one sentence (endpoint and what is compared).
  public var probe: String
  /// The exact click path from the article, with its step number.
  public var remediation: String
  /// Ids of rules that must pass (or warn) before this one is probed; otherwise `skipped`.
  public var dependsOn: [String]

  public init(
    id: String, title: String, step: String, part: ArticlePart, severity: Severity,
    summary: String, probe: String, remediation: String, dependsOn: [String] = []
  ) {
    self.id = id
    self.title = title
    self.step = step
    self.part = part
    self.severity = severity
    self.summary = summary
    self.probe = probe
    self.remediation = remediation
    self.dependsOn = dependsOn
  }
}
