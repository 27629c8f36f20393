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
