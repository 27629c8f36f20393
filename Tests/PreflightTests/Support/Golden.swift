import Foundation
import Testing

/// Golden files under `Tests/PreflightTests/Golden/`, found from this file's path. With
/// `RECORD_SNAPSHOTS=1` the file is (re)written and the test fails, so a recording run is never
/// mistaken for a passing one. Otherwise a mismatch fails with a line diff.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

  static func assertMatches(
    _ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name)
    if recording {
      do {
        try FileManager.default.createDirectory(
          at: directory, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record(
          "recorded \(name); run again without RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record(
        "no golden file \(name): run the tests once with RECORD_SNAPSHOTS=1 and review it",
        sourceLocation: sourceLocation)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
      let message =
        "\(name) differs from the golden file (- golden, + actual; RECORD_SNAPSHOTS=1 to "
        + "re-record):\n" + LineDiff.render(expected: expected, actual: actual)
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }
}

/// A small line diff (longest common subsequence) for test failure messages.
enum LineDiff {
  static func render(expected: String, actual: String, context: Int = 2, limit: Int = 60)
    -> String
  {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let ops = diff(a, b)
    let interesting = Set(
      ops.indices.filter {
        if case .same = ops[$0] { return false }
        return true
      }.flatMap { max(0, $0 - context)...min(ops.count - 1, $0 + context) })
    var out: [String] = []
    var last = -2
    for i in ops.indices where interesting.contains(i) {
      if i != last + 1 { out.append("@@") }
      last = i
      switch ops[i] {
      case .same(let n, let s): out.append("  \(n + 1): \(visible(s))")
      case .removed(let n, let s): out.append("- \(n + 1): \(visible(s))")
      case .added(let n, let s): out.append("+ \(n + 1): \(visible(s))")
      }
      if out.count >= limit {
        out.append("... (diff cut at \(limit) lines)")
        break
      }
    }
    return out.joined(separator: "\n")
  }

  /// Makes escape characters and trailing spaces visible.
  private static func visible(_ s: String) -> String {
    var v = s.replacingOccurrences(of: "\u{1B}", with: "\\e")
    if v.hasSuffix(" ") { v += "⏎" }
    return v
  }

  enum Op {
    case same(Int, String)
    case removed(Int, String)
    case added(Int, String)
  }

  static func diff(_ a: [String], _ b: [String]) -> [Op] {
    var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var ops: [Op] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        ops.append(.same(j, b[j]))
        i += 1
        j += 1
      } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
        ops.append(.removed(i, a[i]))
        i += 1
      } else {
        ops.append(.added(j, b[j]))
        j += 1
      }
    }
    return ops
  }
}
