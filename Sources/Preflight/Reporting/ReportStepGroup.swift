import Foundation
import PermissionRules

/// The article's parts that the text, Markdown and JUnit renderings group results by, in the
/// order they are shown: the rules module's ``ArticlePart``, which every rule declares.
public typealias ReportStepGroup = ArticlePart

extension ArticlePart {
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
}

extension Report {
  /// The results grouped by article part, groups in ``ReportStepGroup`` order, results in
  /// report (catalogue) order within a group; empty groups left out.
  public var resultsByStepGroup: [(group: ReportStepGroup, results: [Result])] {
    let grouped = Dictionary(grouping: results) { ArticlePart(ruleId: $0.id) }
    return ReportStepGroup.allCases.compactMap { group in
      guard let rs = grouped[group], !rs.isEmpty else { return nil }
      return (group, rs)
    }
  }
}
