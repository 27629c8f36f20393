import Foundation
import Testing

@testable import HibobAPI

/// Answers the streaming search must treat exactly as the whole-tree search does.
private let bodies: [String] = [
  #"{"employees":[{"id":"1","work":{"site":"A"}},{"/root/id":{"value":"2"}},{"id":3}]}"#,
  #"  { "total": 3, "employees" : [ ] , "next": {"a":[1,2]} }  "#,
  #"{"employees":null,"employees":[{"id":"2"}, {"id":"3"}]}"#,
  #"{"employees":[{"id":"2"}],"employees":7}"#,
  #"{}"#,
  #"{"people":[]}"#,
  #"{"employees":{"id":"1"}}"#,
  #"{"employees":null}"#,
  #"[{"id":"1"}]"#,
  #""employees""#,
  #"{"employees":[{"id":"1"},{"name":"no id"},{"id":"3"}]}"#,
  #"{"employees":[{"id":"1"},42,{"id":"3"}]}"#,
  #"{"employees":[{"name":"no id"},{"id":"3"}"#,
  #"{"employees":[{"id":"1"}]} trailing"#,
  #"{"employees":[{"id":"1"},]}"#,
  #"{"employees":[{"id":"1"}"#,
  #"{"employees" [{"id":"1"}]}"#,
  #"{"employees":[{"id":"1"}],}"#,
  #"{"employees":[{"id":"1"}] "x":1}"#,
  #"{"#,
  "",
  #"{"employees":[{"id":"\u00e9\ud83d\ude00","work":{"a":"b\n"}}]}"#,
  #"{"employees":[{"id":"1","bad":"\ud800"}]}"#,
]

private func outcome(_ run: () async throws -> [SearchedEmployee]) async -> String {
  do {
    let employees = try await run()
    return "ok "
      + employees.map {
        "\($0.id)=" + String(decoding: JSONValue.object($0.raw).serialized(), as: UTF8.self)
      }
      .joined(separator: "|")
  } catch let error as HibobAPIError {
    return "error \(error.description) records \(error.records.map(\.path))"
  } catch {
    return "other \(error)"
  }
}

@Suite struct StreamingSearchTests {
  @Test(arguments: bodies)
  func streamingGivesWhatTheWholeTreeGives(_ text: String) async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"): return jsonResponse(text)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let whole = await outcome {
      try await client.searchPeople(fields: ["root.id", "work.site"], showInactive: true).value
        .employees
    }
    let streamed = await outcome {
      var seen: [SearchedEmployee] = []
      let count = try await client.searchPeople(
        fields: ["root.id", "work.site"], showInactive: true
      ) { seen.append($0) }.value
      #expect(count == seen.count)
      return seen
    }
    #expect(streamed == whole)
    #expect(transport.requests.count == 2)
    #expect(body(transport.requests[0]) == body(transport.requests[1]))
  }

  @Test func statusErrorsAreTheSame() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"): return jsonResponse(403, #"{"error":"nope"}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let whole = await outcome {
      try await client.searchPeople(fields: ["root.id"], showInactive: true).value.employees
    }
    let streamed = await outcome {
      var seen: [SearchedEmployee] = []
      try await client.searchPeople(fields: ["root.id"], showInactive: true) { seen.append($0) }
      return seen
    }
    #expect(whole.hasPrefix("error"))
    #expect(streamed == whole)
  }

  @Test func emptyFilterMakesNoCall() async throws {
    let transport = StubTransport { request, _ in unexpected(request) }
    var calls = 0
    let answer = try await makeClient(transport).searchPeople(
      fields: ["root.id"], showInactive: true, filter: .idEquals([])
    ) { _ in calls += 1 }
    #expect(answer.value == 0)
    #expect(answer.records.isEmpty)
    #expect(calls == 0)
  }

  @Test func moreThan400FieldsAreMergedThenHandedOver() async throws {
    let fields = ["root.id"] + (1...450).map { "work.custom.field_\($0)" }
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"):
        let asked = body(request)?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        func person(_ id: String) -> JSONValue {
          var custom: [String: JSONValue] = [:]
          for field in asked where field.hasPrefix("work.custom.") {
            custom[String(field.dropFirst("work.custom.".count))] = .string("\(id)-\(field)")
          }
          return ["id": .string(id), "work": ["custom": .object(custom)]]
        }
        let people =
          attempt % 2 == 0 ? [person("1"), person("2")] : [person("3"), person("2"), person("1")]
        return jsonValueResponse(["employees": .array(people)])
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let whole = try await client.searchPeople(fields: fields, showInactive: true)
    var seen: [SearchedEmployee] = []
    let streamed = try await client.searchPeople(fields: fields, showInactive: true) {
      seen.append($0)
    }
    #expect(transport.requests.count == 4)
    #expect(streamed.records.count == 2)
    #expect(streamed.value == 3)
    #expect(seen == whole.value.employees)
    #expect(seen[1].lookup("work.custom.field_450") == .value("2-work.custom.field_450"))
  }

  @Test func parserStreamsElementsAndReportsTheTop() throws {
    var seen: [JSONValue] = []
    let top = try JSONParser.forEachElement(
      ofArray: "employees", in: Data(#"{"a":{"employees":[9]},"employees":[1,{"b":[2]}]}"#.utf8)
    ) { seen.append($0) }
    #expect(top == .objectWithArray)
    #expect(seen == [1, ["b": [2]]])
    #expect(
      try JSONParser.forEachElement(ofArray: "employees", in: Data("{}".utf8)) { _ in }
        == .objectWithoutKey)
    #expect(
      try JSONParser.forEachElement(ofArray: "employees", in: Data(#"{"employees":1}"#.utf8)) {
        _ in
      } == .objectWithOther(1))
    #expect(
      try JSONParser.forEachElement(ofArray: "employees", in: Data("[1]".utf8)) { _ in }
        == .notObject([1]))
  }

  @Test func parserErrorsMatchTheWholeParse() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    let docs = [
      #"{"employees":[1,2"#, #"{"employees":[1,,2]}"#, #"{"employees":[01]}"#,
      #"{"x":tru}"#, #"{"employees":["\x"]}"#, #"{"employees":[1]}}"#,
      #"{"employees":[\#(deep)]}"#, #"{"a":\#(deep)}"#, deep, " ",
    ]
    for doc in docs {
      let data = Data(doc.utf8)
      var whole: JSONParseError?
      do { _ = try JSONParser.parse(data) } catch { whole = error }
      var streamed: JSONParseError?
      do { _ = try JSONParser.forEachElement(ofArray: "employees", in: data) { _ in } } catch {
        streamed = error
      }
      #expect(whole != nil, "\(doc.prefix(40))")
      #expect(streamed == whole, "\(doc.prefix(40))")
    }
  }
}
