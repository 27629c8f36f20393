import Foundation
import PermissionRules
import Testing

/// `fixtures/tenants/README.md` tells users what the check says of each fixture; the end-to-end
/// tests check the tool against ``FixtureExpectation/all``. The two tables must agree.
@Suite struct FixtureReadmeTableTests {
  struct Row: Equatable {
    var statuses: [String: String]
    var verdict: String
  }

  /// The README's "Expected rule statuses" table: fixture name to the status of every rule (the
  /// columns are rule ids, in the matrix's order, without `credentials.format`) and the verdict.
  static func readmeTable() throws -> [String: Row] {
    let text = try String(
      contentsOf: Fixtures.tenants.appendingPathComponent("README.md"), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let header = try #require(lines.firstIndex { $0.hasPrefix("| fixture |") })
    let columns = cells(lines[header])
    let ruleIds = Catalogue.metadata.map(\.id).filter { $0 != "credentials.format" }
    #expect(columns.first == "fixture" && columns.last == "verdict")
    let named = Array(columns.dropFirst().dropLast())
    #expect(named.count == ruleIds.count, "one column a rule")
    for (column, id) in zip(named, ruleIds) {
      #expect(
        id == column || id.hasSuffix("." + column) || id.contains("." + column + "."),
        "column \(column) is not rule \(id)")
    }
    let words: [Character: String] = [
      "P": "pass", "F": "fail", "W": "warn", "E": "error", "S": "skipped", "M": "manual",
    ]
    var table: [String: Row] = [:]
    for line in lines[(header + 2)...] {
      guard line.hasPrefix("|") else { break }
      let row = cells(line)
      try #require(row.count == columns.count, "\(line)")
      let name = row[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      var statuses = ["credentials.format": "pass"]
      for (cell, id) in zip(row.dropFirst(), ruleIds) {
        statuses[id] = cell.first.flatMap { words[$0] } ?? "unreadable cell '\(cell)'"
      }
      table[name] = Row(statuses: statuses, verdict: String(row.last!.prefix { $0.isLetter }))
    }
    return table
  }

  /// The cells of a Markdown table row, trimmed.
  static func cells(_ line: String) -> [String] {
    line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
      .map { $0.trimmingCharacters(in: .whitespaces) }
  }

  @Test func theReadmeTableIsTheTestsTable() throws {
    let readme = try Self.readmeTable()
    #expect(Set(readme.keys) == Set(FixtureExpectation.all.map(\.name)))
    for expected in FixtureExpectation.all {
      var statuses = Dictionary(uniqueKeysWithValues: Catalogue.metadata.map { ($0.id, "pass") })
      statuses.merge(expected.notPassing) { $1 }
      let row = Row(statuses: statuses, verdict: expected.verdict)
      #expect(readme[expected.name] == row, "fixture \(expected.name)")
    }
  }
}
