import Foundation

/// The article's parts that the text, Markdown and JUnit renderings group results by, in the
/// order they are shown.
///
/// A result's group comes from its `step` alone (see ``init(step:)``), so a rule the renderers
/// have never heard of still lands in a sensible place.
public enum ReportStepGroup: Int, CaseIterable, Sendable, Comparable {
  case beforeYouStart
  case serviceUser
  case companyPermissions
  case otherEmployees
  case appliesTo
  case syncToRemote
  /// A step outside the parts above (for example `3.13`); shown last.
  case other

  /// The heading shown in text and Markdown.
  public var title: String {
    switch self {
    case .beforeYouStart: "Before you start"
    case .serviceUser: "Step 2 Service user"
    case .companyPermissions: "Step 3 Permission group: Company permissions (3.6-3.7)"
    case .otherEmployees: "Step 3 Permission group: Other Employees sections (3.9-3.10)"
    case .appliesTo: "Step 3 Permission group: Applies to (3.11-3.12)"
    case .syncToRemote: "Sync to Remote"
    case .other: "Other"
    }
  }

  /// A short, dot-free key: the JUnit `classname` (CI tools split class names on dots).
  public var key: String {
    switch self {
    case .beforeYouStart: "before-you-start"
    case .serviceUser: "step-2-service-user"
    case .companyPermissions: "step-3-company-permissions"
    case .otherEmployees: "step-3-other-employees"
    case .appliesTo: "step-3-applies-to"
    case .syncToRemote: "sync-to-remote"
    case .other: "other"
    }
  }

  /// The group of an article step such as `3.10.5`, `2.4, 4.3`, `before you start` or
  /// `sync 1-4`. Only the first step named counts.
  public init(step: String) {
    let s = step.trimmingCharacters(in: .whitespaces).lowercased()
    if s.hasPrefix("before") {
      self = .beforeYouStart
      return
    }
    if s.hasPrefix("sync") {
      self = .syncToRemote
      return
    }
    let first = s.prefix { $0.isNumber || $0 == "." }
    let parts = first.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
    switch (parts.first ?? nil, parts.count > 1 ? parts[1] : nil) {
    case (2, _): self = .serviceUser
    case (3, .some(6...7)): self = .companyPermissions
    case (3, .some(9...10)): self = .otherEmployees
    case (3, .some(11...12)): self = .appliesTo
    default: self = .other
    }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Report {
  /// The results grouped by article part, groups in ``ReportStepGroup`` order, results in
  /// report (catalogue) order within a group; empty groups left out.
  public var resultsByStepGroup: [(group: ReportStepGroup, results: [Result])] {
    let grouped = Dictionary(grouping: results) { ReportStepGroup(step: $0.step) }
    return ReportStepGroup.allCases.compactMap { group in
      guard let rs = grouped[group], !rs.isEmpty else { return nil }
      return (group, rs)
    }
  }
}
