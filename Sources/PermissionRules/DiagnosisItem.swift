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
