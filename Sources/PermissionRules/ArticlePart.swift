/// The parts of Remote's setup article a rule belongs to, in the article's order. The text,
/// Markdown and JUnit renderings group results by them; each rule declares its part in its
/// ``RuleMetadata``.
public enum ArticlePart: Int, CaseIterable, Sendable, Comparable {
  /// "Before you start" (the default section names).
  case beforeYouStart
  /// Step 2, the service user and its credentials.
  case serviceUser
  /// Step 3.6-3.7, the Company permissions.
  case companyPermissions
  /// Step 3.9-3.10, the Other Employees sections.
  case otherEmployees
  /// Step 3.11-3.12, "Applies to".
  case appliesTo
  /// The "Sync to Remote" field.
  case syncToRemote
  /// None of the above: a rule the catalogue does not know; shown last.
  case other

  /// The part of the catalogue's rule `id`; ``other`` for an id the catalogue does not know.
  public init(ruleId id: String) {
    self = Catalogue.rule(id: id)?.metadata.part ?? .other
  }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
