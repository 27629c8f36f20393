import PermissionRules

extension RuleResult {
  /// `Report.Result` was a copy of `RuleResult`; they are one type now.
  public init(_ r: RuleResult) { self = r }  // compat: remove after merge
}
