import Foundation
import Testing

/// The docs are self-contained: every relative link in README.md, docs/*.md and the fixtures'
/// READMEs names a file or folder inside the repository (no `../shared/spec/...`).
@Suite struct DocsLinkTests {
  static let root = SchemaValidation.packageRoot.standardizedFileURL

  /// The Markdown files users and contributors read.
  static func documents() throws -> [URL] {
    let fm = FileManager.default
    var files = [root.appendingPathComponent("README.md")]
    let docs = root.appendingPathComponent("docs")
    files += try fm.contentsOfDirectory(atPath: docs.path).sorted()
      .filter { $0.hasSuffix(".md") }.map { docs.appendingPathComponent($0) }
    let fixtures = root.appendingPathComponent("fixtures")
    if let walker = fm.enumerator(atPath: fixtures.path) {
      for case let path as String in walker where path.hasSuffix("README.md") {
        files.append(fixtures.appendingPathComponent(path))
      }
    }
    return files
  }

  /// The link targets of a Markdown text: inline links and images `[x](target "title")` and
  /// reference definitions `[x]: target`, outside fenced code blocks and code spans.
  static func linkTargets(_ markdown: String) -> [String] {
    var targets: [String] = []
    var inFence = false
    for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(rawLine)
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
        inFence.toggle()
        continue
      }
      if inFence { continue }
      let prose = line.replacingOccurrences(
        of: "`[^`]*`", with: "", options: .regularExpression)
      let patterns = [#"\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)"#, #"^\s*\[[^\]]+\]:\s*(\S+)"#]
      for pattern in patterns {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
        let ns = prose as NSString
        for m in regex.matches(in: prose, range: NSRange(location: 0, length: ns.length)) {
          targets.append(ns.substring(with: m.range(at: 1)))
        }
      }
    }
    return targets
  }

  /// Why `target`, linked from `document`, does not resolve inside the repository (nil if it
  /// does, or if it is not a relative link).
  static func problem(_ target: String, in document: URL) -> String? {
    if target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") {
      return nil
    }
    let path = String(target.prefix { $0 != "#" && $0 != "?" })
    let decoded = path.removingPercentEncoding ?? path
    let resolved = document.deletingLastPathComponent().appendingPathComponent(decoded)
      .standardizedFileURL
    guard resolved.path.hasPrefix(root.path + "/") || resolved.path == root.path else {
      return "\(target) leaves the repository"
    }
    guard FileManager.default.fileExists(atPath: resolved.path) else {
      return "\(target) does not exist"
    }
    return nil
  }

  @Test func everyRelativeLinkResolvesInsideTheRepository() throws {
    let documents = try Self.documents()
    #expect(documents.count >= 8)
    var checked = 0
    for doc in documents {
      let text = try String(contentsOf: doc, encoding: .utf8)
      for target in Self.linkTargets(text) {
        checked += 1
        if let problem = Self.problem(target, in: doc) {
          Issue.record("\(doc.path.dropFirst(Self.root.path.count + 1)): \(problem)")
        }
      }
    }
    #expect(checked >= 10, "too few links found: the extractor is broken")
  }

  @Test func theProjectDocsExist() {
    for name in ["PERMISSION-MATRIX.md", "HIBOB-API.md", "REMOTE-API.md", "RULES.md"] {
      let path = Self.root.appendingPathComponent("docs/\(name)").path
      #expect(FileManager.default.fileExists(atPath: path), "docs/\(name)")
    }
  }

  @Test func theCheckerCatchesBrokenLinks() {
    let readme = Self.root.appendingPathComponent("README.md")
    let text = """
      See [spec](../shared/spec/hibob-api.md), [rules](docs/RULES.md#top), [gone](docs/NOPE.md),
      [web](https://example.com/x), [anchor](#install), `[code](not/a/link.md)`.
      [ref]: docs/ALSO-GONE.md
      ```
      [fenced](fenced/link.md)
      ```
      """
    let targets = Self.linkTargets(text)
    #expect(
      targets == [
        "../shared/spec/hibob-api.md", "docs/RULES.md#top", "docs/NOPE.md",
        "https://example.com/x", "#install", "docs/ALSO-GONE.md",
      ])
    let problems = targets.compactMap { Self.problem($0, in: readme) }
    #expect(
      problems == [
        "../shared/spec/hibob-api.md leaves the repository", "docs/NOPE.md does not exist",
        "docs/ALSO-GONE.md does not exist",
      ])
  }
}
