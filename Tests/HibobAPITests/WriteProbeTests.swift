import Foundation
import HibobAPI
import Testing

@Suite struct WriteProbeTests {
  @Test(arguments: [200, 201, 204, 304, 400, 403, 404, 422])
  func statusesAreAnswers(_ status: Int) async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("PUT", "/v1/company/named-lists/department/209192163"),
        ("PUT", "/v1/company/people/fields/work.custom.field_1"),
        ("POST", "/v1/company/people/fields"), ("POST", "/v1/company/named-lists/department"):
        return status == 204 || status == 304
          ? HTTPResponse(status: status) : jsonResponse(status, #"{"key":"k","error":"msg"}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let answers = [
      try await client.putListItem(list: "department", itemId: "209192163", name: "Design"),
      try await client.putField(fieldId: "work.custom.field_1", name: "Sync to Remote"),
      try await client.postInvalidField(),
      try await client.postInvalidListItem(list: "department"),
    ]
    #expect(answers.map(\.value.status) == [status, status, status, status])
    #expect(answers.allSatisfy { $0.records.count == 1 && $0.records[0].attempts == 1 })
    #expect(transport.requests.count == 4)
    #expect(body(transport.requests[0]) == ["name": "Design"])
    #expect(body(transport.requests[1]) == ["name": "Sync to Remote"])
    #expect(body(transport.requests[2]) == [:])
    #expect(body(transport.requests[3]) == [:])
    #expect(
      answers.map(\.records[0].path) == [
        "/v1/company/named-lists/department/209192163",
        "/v1/company/people/fields/work.custom.field_1",
        "/v1/company/people/fields", "/v1/company/named-lists/department",
      ])
  }

  @Test func unauthorizedIsThrownOnce() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/company/people/fields"): return jsonResponse(401, "{}")
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError { try await makeClient(transport).postInvalidField() }
    #expect(error?.kind == .unauthorized)
    #expect(transport.requests.count == 1)
  }

  @Test func htmlOn200IsNotAPass() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("PUT", "/v1/company/people/fields/f"):
        return HTTPResponse(
          status: 200, headers: ["content-type": "text/html"], body: Data("<html></html>".utf8))
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError {
      try await makeClient(transport).putField(fieldId: "f", name: "n")
    }
    if case .invalidResponse? = error?.kind {
    } else {
      Issue.record("got \(String(describing: error))")
    }
  }

  @Test func redirectIsThrown() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/company/named-lists/site"):
        return HTTPResponse(status: 307, headers: ["location": "/elsewhere"])
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError {
      try await makeClient(transport).postInvalidListItem(list: "site")
    }
    #expect(error?.kind == .redirect(locationHost: nil))
  }
}

@Suite struct ModelTests {
  @Test func fieldMetadataToleratesMissingKeys() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return jsonResponse(
          #"""
          [{"id":"work.department","name":"Department","category":"work","categoryId":"work",
            "categoryDisplayName":"Work","type":"list","typeData":{"listId":"department"},
            "historical":true,"jsonPath":"work.department","description":null},
           {"id":"work.custom.field_1","name":"Sync to Remote"},
           {"id":"home.privateEmail","categoryId":"personalContact","typeData":null}]
          """#)
      default: return unexpected(request)
      }
    }
    let fields = try await makeClient(transport).fieldMetadata().value
    #expect(
      fields[0]
        == FieldMetadata(
          id: "work.department", name: "Department", category: "work", categoryId: "work",
          categoryDisplayName: "Work", type: "list", listId: "department", historical: true,
          jsonPath: "work.department", description: nil))
    #expect(fields[1] == FieldMetadata(id: "work.custom.field_1", name: "Sync to Remote"))
    #expect(fields[1].isCustom)
    #expect(!fields[0].isCustom)
    #expect(fields[2].categoryId == "personalContact")
    #expect(fields[2].listId == nil)
  }

  @Test func namedListsAreATopLevelArrayWithStringOrNumberIds() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/named-lists"):
        #expect(request.url.query == "includeArchived=false")
        return jsonResponse(
          #"""
          [{"name":"department","items":[{"id":"209192163","value":"Design","name":"Design",
             "archived":false,"children":[{"id":5,"name":"UX","archived":true,"children":[]}]}]},
           {"name":"site","items":[]}]
          """#)
      case ("GET", "/v1/company/named-lists/Department"): return jsonResponse(404, "{}")
      case ("GET", "/v1/company/named-lists/sync"):
        return jsonResponse(#"{"name":"sync","items":[{"id":1,"value":"As employee"}]}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let lists = try await client.namedLists().value
    #expect(lists.map(\.name) == ["department", "site"])
    #expect(lists[0].allItems.map(\.id) == ["209192163", "5"])
    #expect(lists[0].allItems.map(\.archived) == [false, true])
    #expect(lists[0].items[0].label == "Design")
    let one = try await client.namedList("sync").value
    #expect(one.items == [NamedListItem(id: "1", value: "As employee")])
    #expect(one.items[0].label == "As employee")
    let error = await expectAPIError { try await client.namedList("Department") }
    #expect(error?.kind == .notFound)
  }

  /// An object whose members are not lists is not an answer keyed by list name.
  @Test func namedListsAsAnObjectOfNonListsIsAnInvalidResponse() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/named-lists"): return jsonResponse(#"{"name":"x","items":[]}"#)
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError { try await makeClient(transport).namedLists() }
    if case .invalidResponse? = error?.kind {
    } else {
      Issue.record("got \(String(describing: error))")
    }
  }
}
