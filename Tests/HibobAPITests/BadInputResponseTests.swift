import Foundation
import Testing

@testable import HibobAPI

/// Answers whose JSON has an unexpected type (or invalid UTF-8) in any field the parsers read:
/// every one is a value or an `invalidResponse`, never a crash, another kind of error, or a
/// message quoting the token.
@Suite struct BadInputResponseTests {
  /// A representative answer of every endpoint the check reads, after hibob-api.md.
  static let samples: [(name: String, body: String)] = [
    (
      "fields",
      #"""
      [{"id":"work.department","name":"Department","category":"work","categoryId":"work",
        "categoryDisplayName":"Work","type":"list","typeData":{"listId":"department"},
        "historical":true,"jsonPath":"work.department","description":null},
       {"id":"work.custom.field_1","name":"Sync to Remote","category":"work","categoryId":"work",
        "categoryDisplayName":"Work","type":"list","typeData":{"listId":"syncToRemote"},
        "historical":false,"jsonPath":"work.custom.field_1","description":"x"}]
      """#
    ),
    (
      "search",
      #"""
      {"employees":[{"/root/id":{"value":"3980342332732998349"},
        "/work/startDate":{"value":"2026-09-06"},"id":"3980342332732998349",
        "email":"person@example.com","home":{"mobilePhone":null},
        "work":{"department":null,"site":"London","startDate":"2026-09-06",
          "reportsTo":{"id":"3980342332732998350","displayName":"Boss"},
          "custom":{"field_1":"500000001"}}},
       {"id":"3980342332732998350","email":null,"work":{"reportsTo":"3980342332732998349"}}]}
      """#
    ),
    (
      "bulk",
      #"""
      {"results":[{"employeeId":"3980342332732998349","values":[
         {"id":1000020260906,"effectiveDate":"2026-09-06","contract":"Full time","fte":1,
          "isCurrent":true},
         {"id":1000020250101,"effectiveDate":"2025-01-01","contract":null,"fte":null,
          "isCurrent":false}]}],
       "errors":[{"employeeId":"9","error":"not in scope"}],
       "restricted_columns":{"no_view_permission":["salary"],
         "no_view_history_permission":["contract"]},
       "response_metadata":{"next_cursor":null}}
      """#
    ),
    (
      "list",
      #"""
      {"name":"syncToRemote","items":[{"id":"500000001","value":"As employee",
        "name":"As employee","archived":false,"children":[{"id":"2","value":"Sub","name":"Sub",
        "archived":true,"children":[]}]}]}
      """#
    ),
    ("write", #"{"id":"500000001","name":"As employee"}"#),
  ]

  /// Values of every JSON type, including strings the parsers might misread.
  static let replacements: [JSONValue] = [
    .null, .bool(true), .number("7"), .number("-1.5e300"), .string(""), .string("x"),
    .array([]), .array([.number("1")]), .object([:]), .object(["id": .null]),
  ]

  /// Every path of `value`, as keys and indexes.
  static func paths(_ value: JSONValue, prefix: [String] = []) -> [[String]] {
    var all = [prefix]
    switch value {
    case .object(let o):
      for (key, child) in o { all += paths(child, prefix: prefix + [key]) }
    case .array(let a):
      for (i, child) in a.enumerated() { all += paths(child, prefix: prefix + ["#\(i)"]) }
    default: break
    }
    return all
  }

  static func replacing(_ value: JSONValue, at path: [String], with new: JSONValue) -> JSONValue {
    guard let first = path.first else { return new }
    let rest = Array(path.dropFirst())
    switch value {
    case .object(var o):
      o[first] = replacing(o[first] ?? .null, at: rest, with: new)
      return .object(o)
    case .array(var a):
      let index = Int(first.dropFirst())!
      a[index] = replacing(a[index], at: rest, with: new)
      return .array(a)
    default: return value
    }
  }

  /// Sends `body` to the endpoint the sample belongs to; the error, or nil for a value.
  static func outcome(_ sample: String, body: Data) async -> HibobAPIError? {
    let transport = StubTransport { request, _ in
      HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: body)
    }
    let client = makeClient(transport, maxAttempts: 1)
    do {
      switch sample {
      case "fields": _ = try await client.fieldMetadata()
      case "search":
        _ = try await client.searchPeople(fields: ["root.id", "work.site"], showInactive: true)
      case "bulk": _ = try await client.bulkEmploymentHistory(employeeIds: ["3980342332732998349"])
      case "list": _ = try await client.namedList("syncToRemote")
      default: _ = try await client.putListItem(list: "l", itemId: "1", name: "n")
      }
      return nil
    } catch {
      return error
    }
  }

  static func expectOnlyInvalidResponse(
    _ error: HibobAPIError?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let error else { return }
    guard case .invalidResponse = error.kind else {
      Issue.record("\(what): \(error.kind), not invalidResponse", sourceLocation: sourceLocation)
      return
    }
    #expect(!error.description.contains(testToken), sourceLocation: sourceLocation)
    #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
  }

  @Test(arguments: samples.map(\.name))
  func everyFieldWithEveryOtherType(sample: String) async throws {
    let text = Self.samples.first { $0.name == sample }!.body
    let clean = try JSONParser.parse(text)
    #expect(await Self.outcome(sample, body: clean.serialized()) == nil, "the sample is valid")
    var cases = 0
    var rejected = 0
    for path in Self.paths(clean) {
      for replacement in Self.replacements {
        let body = Self.replacing(clean, at: path, with: replacement).serialized()
        let error = await Self.outcome(sample, body: body)
        Self.expectOnlyInvalidResponse(error, "\(sample) \(path) = \(replacement)")
        cases += 1
        if error != nil { rejected += 1 }
      }
    }
    // A write probe's answer is its status: its body only has to be JSON.
    #expect(sample == "write" ? rejected == 0 : rejected > 0)
    print("\(sample): \(cases) type swaps, \(rejected) refused as invalidResponse")
  }

  /// Invalid UTF-8 in any string of the answer (keys included) is refused.
  @Test(arguments: samples.map(\.name))
  func invalidUTF8InEveryString(sample: String) async throws {
    let text = Self.samples.first { $0.name == sample }!.body
    let bytes = Array(try JSONParser.parse(text).serialized())
    var cases = 0
    // Every opening quote: put an invalid sequence right after it.
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") {
      guard index == 0 || bytes[index - 1] != UInt8(ascii: "\\") else { continue }
      for bad: [UInt8] in [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xE2, 0x82]] {
        var mutated = bytes
        mutated.insert(contentsOf: bad, at: index + 1)
        let error = await Self.outcome(sample, body: Data(mutated))
        Self.expectOnlyInvalidResponse(error, "\(sample) at byte \(index)")
        #expect(error != nil, "\(sample): invalid UTF-8 at byte \(index) was accepted")
        cases += 1
      }
    }
    #expect(cases > 0)
  }

  /// A padded answer (the simulator's 100 MB fault) is not "no employee visible": an answer
  /// must be explained by what it holds. A large answer that its employees explain is read.
  @Test func anAnswerItsContentDoesNotExplainIsRefused() async throws {
    let padding = String(repeating: "x", count: 2_000_000)
    let padded = #"{"employees":[],"padding":"\#(padding)"}"#
    let error = await Self.outcome("search", body: Data(padded.utf8))
    guard case .invalidResponse(let why)? = error?.kind else {
      Issue.record("expected invalidResponse, got \(String(describing: error))")
      return
    }
    #expect(why.contains("MB"))
    #expect(error?.records.first?.attempts == 1, "an oversized answer is not retried")
    let write = await Self.outcome("write", body: Data(#"{"padding":"\#(padding)"}"#.utf8))
    guard case .invalidResponse? = write?.kind else {
      Issue.record("a 2 MB write answer was read: \(String(describing: write))")
      return
    }
    // 20 employees with 100 KB each: large, but explained.
    let big = String(repeating: "y", count: 100_000)
    let employees = (1...20).map { #"{"id":"\#($0)","about":{"about":"\#(big)"}}"# }
    let explained = #"{"employees":[\#(employees.joined(separator: ","))]}"#
    #expect(await Self.outcome("search", body: Data(explained.utf8)) == nil)
  }

  @Test(arguments: [#"{"ok":"#, "<html>ok</html>", #"{"a":1}}"#])
  func aWriteProbeAnsweredWithBrokenJSONProvesNothing(body: String) async throws {
    let transport = StubTransport { _, _ in
      HTTPResponse(
        status: 200, headers: ["content-type": "application/json"], body: Data(body.utf8))
    }
    let error = await expectAPIError {
      try await makeClient(transport).putField(fieldId: "f", name: "n")
    }
    guard case .invalidResponse? = error?.kind else {
      Issue.record("expected invalidResponse, got \(String(describing: error))")
      return
    }
  }

  @Test(arguments: [
    #""restricted_columns":"contract""#,
    #""restricted_columns":["contract"]"#,
    #""restricted_columns":{"no_view_history_permission":"contract"}"#,
    #""restricted_columns":{"no_view_history_permission":[1]}"#,
    #""restricted_columns":{"no_view_permission":{"x":1}}"#,
  ])
  func restrictedColumnsOfAnotherShapeAreRefused(fragment: String) async throws {
    let body = #"{"results":[],"#.appending(fragment) + "}"
    let error = await Self.outcome("bulk", body: Data(body.utf8))
    guard case .invalidResponse? = error?.kind else {
      Issue.record("\(fragment) was read as \(String(describing: error))")
      return
    }
  }

  @Test func restrictedHeaderWithoutColumnsIsRefused() async throws {
    let transport = StubTransport { _, _ in
      HTTPResponse(
        status: 200,
        headers: ["content-type": "application/json", "x-has-restricted-columns": "true"],
        body: Data(#"{"results":[{"employeeId":"1","values":[{"id":1},{"id":2}]}]}"#.utf8))
    }
    let error = await expectAPIError {
      try await makeClient(transport).bulkEmploymentHistory(employeeIds: ["1"])
    }
    guard case .invalidResponse? = error?.kind else {
      Issue.record("expected invalidResponse, got \(String(describing: error))")
      return
    }
  }
}
