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

/// One rule's result, as the report's `results` show it (`cli-and-report.md`): every key always
/// present, `remediation` set for ``remediationStatuses`` (`fail`, `warn`, `manual`), else null.
public struct RuleResult: Codable, Sendable, Equatable {
  public var id: String
  public var title: String
  public var step: String
  public var severity: Severity
  public var status: Status
  public var reason: String
  public var evidence: [Evidence]
  public var remediation: String?

  public init(
    id: String, title: String, step: String, severity: Severity, status: Status, reason: String,
    evidence: [Evidence], remediation: String?
  ) {
    self.id = id
    self.title = title
    self.step = step
    self.severity = severity
    self.status = status
    self.reason = reason
    self.evidence = evidence
    self.remediation = remediation
  }

  /// The statuses whose result carries the rule's fix. The one place this policy is written.
  public static let remediationStatuses: Set<Status> = [.fail, .warn, .manual]

  /// The fix to show with this result: `remediation` when the status is one of
  /// ``remediationStatuses``, else nil.
  public var fix: String? {
    Self.remediationStatuses.contains(status) ? remediation : nil
  }

  enum CodingKeys: String, CodingKey {
    case id, title, step, severity, status, reason, evidence, remediation
  }

  /// Every key, `remediation` as `null` when there is none.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(title, forKey: .title)
    try c.encode(step, forKey: .step)
    try c.encode(severity, forKey: .severity)
    try c.encode(status, forKey: .status)
    try c.encode(reason, forKey: .reason)
    try c.encode(evidence, forKey: .evidence)
    try c.encode(remediation, forKey: .remediation)
  }
}

/// A likely root cause that explains several results at once.
public struct DiagnosisItem: Codable, Sendable, Equatable {
  public var cause: String
  /// Rule ids it explains.
  public var rules: [String]
  public var remediation: String

  public init(cause: String, rules: [String], remediation: String) {
    self.cause = cause
    self.rules = rules
    self.remediation = remediation
  }
}

/// A requirement no API call can prove, listed once in every report.
public struct ManualCheck: Codable, Sendable, Equatable {
  public var step: String
  public var text: String

  public init(step: String, text: String) {
    self.step = step
    self.text = text
  }
}
