import Foundation
import Testing

@testable import PermissionRules

/// docs/RULES.md is `Catalogue.markdown()`. The test fails when it is stale; with
/// `RECORD_SNAPSHOTS=1` it rewrites the file and still fails, so a recording run is never green.
@Suite struct DocsSnapshotTests {
  static let path = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/RULES.md")

  @Test func rulesDocIsCurrent() throws {
    let expected = Catalogue.markdown()
    let current = try? String(contentsOf: Self.path, encoding: .utf8)
    if current == expected { return }
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try expected.write(to: Self.path, atomically: true, encoding: .utf8)
      Issue.record("Recorded \(Self.path.path); run again without RECORD_SNAPSHOTS to pass.")
      return
    }
    Issue.record(
      """
      \(Self.path.path) is stale: \(Self.firstDifference(current ?? "", expected))
      Regenerate with RECORD_SNAPSHOTS=1 swift test --filter PermissionRulesTests.
      """)
  }

  /// The first differing line, as a readable diff.
  static func firstDifference(_ old: String, _ new: String) -> String {
    let a = old.components(separatedBy: "\n")
    let b = new.components(separatedBy: "\n")
    for i in 0..<max(a.count, b.count) {
      let x = i < a.count ? a[i] : "<end of file>"
      let y = i < b.count ? b[i] : "<end of file>"
      if x != y { return "line \(i + 1)\n- \(x)\n+ \(y)" }
    }
    return "no line differs"
  }
}
