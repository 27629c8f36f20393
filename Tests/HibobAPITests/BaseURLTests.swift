import Foundation
import HibobAPI
import Testing

@Suite struct BaseURLTests {
  @Test(arguments: [
    ("https://api.hibob.com/v1", "https://api.hibob.com/v1"),
    ("https://api.sandbox.hibob.com/v1/", "https://api.sandbox.hibob.com/v1"),
    ("HTTPS://api.hibob.com/v1", "https://api.hibob.com/v1"),
    (" https://api.hibob.com ", "https://api.hibob.com"),
    ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
    ("http://127.1.2.3:9/v1", "http://127.1.2.3:9/v1"),
    ("http://localhost:8080/v1", "http://localhost:8080/v1"),
    ("http://[::1]:8080/v1", "http://[::1]:8080/v1"),
    ("https://example.com:8443/api/v1", "https://example.com:8443/api/v1"),
  ])
  func accepts(_ input: String, _ expected: String) throws {
    #expect(try HibobHost.validatedBaseURL(input).absoluteString == expected)
  }

  @Test(arguments: [
    ("", ConfigurationError.notAURL),
    ("api.hibob.com/v1", .notAURL),
    ("ftp://api.hibob.com/v1", .unsupportedScheme("ftp")),
    ("file:///etc/passwd", .unsupportedScheme("file")),
    ("https:///v1", .missingHost),
    ("https://user:pass@api.hibob.com/v1", .userInfoNotAllowed),
    ("https://user@api.hibob.com/v1", .userInfoNotAllowed),
    ("https://api.hibob.com/v1?x=1", .queryNotAllowed),
    ("https://api.hibob.com/v1#frag", .fragmentNotAllowed),
    ("http://api.hibob.com/v1", .httpNotLoopback(host: "api.hibob.com")),
    ("http://128.0.0.1/v1", .httpNotLoopback(host: "128.0.0.1")),
    ("http://127.0.0.1.evil.com/v1", .httpNotLoopback(host: "127.0.0.1.evil.com")),
    ("http://localhost.evil.com/v1", .httpNotLoopback(host: "localhost.evil.com")),
    ("http://10.0.0.1/v1", .httpNotLoopback(host: "10.0.0.1")),
  ])
  func rejects(_ input: String, _ expected: ConfigurationError) {
    #expect(throws: expected) { try HibobHost.validatedBaseURL(input) }
  }

  @Test func descriptionsAreOneLine() {
    let errors: [ConfigurationError] = [
      .notAURL, .unsupportedScheme("ftp"), .missingHost, .userInfoNotAllowed, .queryNotAllowed,
      .fragmentNotAllowed, .httpNotLoopback(host: "example.com"),
    ]
    for error in errors {
      #expect(!error.description.isEmpty)
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func knownHosts() {
    #expect(HibobHost.production.baseURL.absoluteString == "https://api.hibob.com/v1")
    #expect(HibobHost.sandbox.baseURL.absoluteString == "https://api.sandbox.hibob.com/v1")
  }

  @Test func endpointURLsKeepTheBasePathAndEncodeSegments() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/named-lists/my list"):
        return jsonResponse(#"{"name":"my list","items":[]}"#)
      default: return unexpected(request)
      }
    }
    _ = try await makeClient(transport).namedList("my list")
    #expect(
      transport.requests.first?.url.absoluteString
        == "https://api.hibob.com/v1/company/named-lists/my%20list")
  }
}
