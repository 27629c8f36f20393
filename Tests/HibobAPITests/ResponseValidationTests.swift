import Foundation
import HibobAPI
import Testing

@Suite struct ResponseValidationTests {
  private func fieldsError(_ response: HTTPResponse) async -> HibobAPIError? {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"): return response
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError { try await makeClient(transport).fieldMetadata() }
    #expect(transport.requests.count == 1)
    return error
  }

  private func isInvalidResponse(_ error: HibobAPIError?) -> Bool {
    if case .invalidResponse? = error?.kind { return true }
    return false
  }

  @Test func htmlOn200IsAnInvalidResponse() async {
    let html =
      "<!DOCTYPE html><html><head><title>Bob</title></head><body>"
      + String(repeating: "x", count: 500) + "</body></html>"
    let error = await fieldsError(
      HTTPResponse(status: 200, headers: ["content-type": "text/html"], body: Data(html.utf8)))
    #expect(isInvalidResponse(error))
    let description = error?.description ?? ""
    #expect(description.contains("text/html"))
    #expect(description.contains("an HTML page of \(html.utf8.count) bytes titled 'Bob'"))
    #expect(!description.contains("xxx"), "the page's text is never quoted")
    #expect(error?.records.first?.status == 200)
  }

  /// A body Hibob cuts off, or sends unlabelled, may hold employees' names and emails: the
  /// message says what it looks like, never what it says.
  @Test(arguments: [
    jsonResponse(
      #"{"employees":[{"/root/firstName":{"value":"Ada"},"/root/email":{"value":"ada@x"#),
    HTTPResponse(
      status: 200, headers: ["content-type": "text/plain"],
      body: Data(#"{"employees":[{"/root/firstName":{"value":"Ada"}}]}"#.utf8)),
    HTTPResponse(
      status: 200, headers: ["content-type": "text/plain"], body: Data("Ada Lovelace, ada@x".utf8)),
  ])
  func anInvalidBodyIsDescribedNeverQuoted(_ response: HTTPResponse) async {
    let error = await fieldsError(response)
    #expect(isInvalidResponse(error))
    let description = error?.description ?? ""
    #expect(!description.contains("Ada"), "\(description)")
    #expect(!description.contains("ada@"))
    #expect(description.contains("\(response.body.count) bytes of"))
  }

  @Test func jsonWithoutTheContentTypeIsAnInvalidResponse() async {
    let error = await fieldsError(HTTPResponse(status: 200, body: Data("[]".utf8)))
    #expect(isInvalidResponse(error))
  }

  @Test func truncatedJSONIsAnInvalidResponse() async {
    let error = await fieldsError(jsonResponse(#"[{"id":"root.id","name":"Id"#))
    #expect(isInvalidResponse(error))
    #expect(error?.description.contains("truncated JSON") == true)
  }

  @Test func invalidUTF8IsAnInvalidResponse() async {
    var response = jsonResponse("")
    response.body = Data([0x5B, 0x22, 0xFF, 0xFE, 0x22, 0x5D])
    #expect(isInvalidResponse(await fieldsError(response)))
  }

  @Test(arguments: [
    #"{"fields":"nope"}"#, #"[{"name":"no id"}]"#, #"[{"id":"a","name":5}]"#, "42",
    #"[{"id":"a","historical":"yes"}]"#, #"[[]]"#,
  ])
  func wrongShapesAreInvalidResponses(_ text: String) async {
    let error = await fieldsError(jsonResponse(text))
    #expect(isInvalidResponse(error))
    #expect(error?.description.contains("unexpected JSON shape") == true)
  }

  @Test func searchAnswerWithoutEmployeesIsInvalid() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"): return jsonResponse(#"{"people":[]}"#)
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError {
      try await makeClient(transport).searchPeople(fields: ["root.id"], showInactive: true)
    }
    #expect(isInvalidResponse(error))
  }

  @Test func noErrorDescriptionContainsTheTokenOrHeader() async {
    let header = testCredentials.authorizationHeader
    let base64 = String(header.dropFirst("Basic ".count))
    // A hostile server echoing the token and header back in every possible place.
    let echo = "\(testToken) \(header)"
    let responses: [HTTPResponse] = [
      jsonResponse(401, #"{"key":"unauthorized","error":"\#(echo)"}"#),
      HTTPResponse(status: 200, headers: ["content-type": "text/html"], body: Data(echo.utf8)),
      jsonResponse("[\"\(echo)\""),
      HTTPResponse(status: 302, headers: ["location": "https://x.example/?t=\(testToken)"]),
      jsonResponse(500, echo),
    ]
    for response in responses {
      let transport = StubTransport { request, _ in
        switch (request.method, request.url.path) {
        case ("GET", "/v1/company/people/fields"): return response
        default: return unexpected(request)
        }
      }
      let error = await expectAPIError { try await makeClient(transport).fieldMetadata() }
      let texts = [
        error?.description ?? "", String(describing: error), "\(String(reflecting: error))",
      ]
      for text in texts {
        #expect(!text.contains(testToken))
        #expect(!text.contains(base64))
      }
    }
  }

  @Test func aHibobErrorBodyIsQuotedShortly() async {
    let long = String(repeating: "y", count: 300)
    let error = await fieldsError(jsonResponse(403, #"{"key":"forbidden","error":"\#(long)"}"#))
    #expect(error?.kind == .forbidden)
    #expect(error?.serverMessage?.count == 131)
  }

  @Test func anEmailInAHibobErrorMessageIsMasked() async {
    let error = await fieldsError(
      jsonResponse(404, #"{"error":"Employee ada.l+1@example.com (id 3) was not found"}"#))
    #expect(error?.serverMessage == "Employee <email> (id 3) was not found")
  }
}

@Suite struct CredentialsTests {
  @Test func descriptionsNeverShowTheToken() {
    var dumped = ""
    dump(testCredentials, to: &dumped)
    for text in [
      testCredentials.description, testCredentials.debugDescription, "\(testCredentials)",
      String(reflecting: testCredentials), dumped, "\([testCredentials])",
    ] {
      #expect(!text.contains(testToken))
      #expect(!text.contains("SERVICE-USER-1"))
    }
  }

  @Test func authorizationHeaderIsBasic() {
    let credentials = Credentials(serviceUserId: "id", token: "tok")
    #expect(credentials.authorizationHeader == "Basic aWQ6dG9r")
  }
}
