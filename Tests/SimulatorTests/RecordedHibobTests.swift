import Foundation
import HibobAPI
import Simulator
import Testing

/// `simulate --recording`'s server, over real loopback HTTP with the real client: every request
/// is matched on method, path, query and body, every time.
@Suite("A served recording")
struct RecordedHibobTests {
  private static func exchange(_ body: String?, _ answer: String, status: Int = 200)
    -> RecordedExchange
  {
    RecordedExchange(
      method: "POST", target: "/v1/people/search", requestBody: body.map { Data($0.utf8) },
      status: status, headers: [("content-type", "application/json")], body: Data(answer.utf8))
  }

  /// Compact JSON with sorted keys, as recordings store request bodies.
  private static let canonical: @Sendable (Data) -> Data = { data in
    (try? JSONParser.parse(data))?.serialized() ?? data
  }

  private func post(_ server: RecordedHibob, _ body: String) async throws -> (Int, String) {
    var components = URLComponents(url: server.baseURL, resolvingAgainstBaseURL: false)!
    components.path += "/people/search"
    let response = try await URLSessionTransport().send(
      HTTPRequest(
        method: "POST", url: components.url!, headers: ["content-type": "application/json"],
        body: Data(body.utf8), timeout: 10))
    return (response.status, String(decoding: response.body, as: UTF8.self))
  }

  @Test func everyRunGetsTheRecordedAnswersOfItsOwnBody() async throws {
    let server = try RecordedHibob.start(
      exchanges: [
        Self.exchange(#"{"showInactive":true}"#, #"{"n":"all, first try"}"#, status: 503),
        Self.exchange(#"{"showInactive":true}"#, #"{"n":"all"}"#),
        Self.exchange(#"{"showInactive":false}"#, #"{"n":"active"}"#),
      ], basePath: "/v1", canonicalize: Self.canonical)
    defer { server.stop() }
    for _ in 0..<3 {
      // Key order and spacing do not matter: bodies are compared in canonical form.
      #expect(try await post(server, #"{ "showInactive": false }"#) == (200, #"{"n":"active"}"#))
      #expect(
        try await post(server, #"{"showInactive": true}"#) == (503, #"{"n":"all, first try"}"#))
      #expect(try await post(server, #"{"showInactive": true}"#) == (200, #"{"n":"all"}"#))
    }
    #expect(server.counts == (answered: 9, unmatched: 0))
  }

  @Test func aBodyTheRecordingNeverSawGetsNoOtherRequestsAnswer() async throws {
    let server = try RecordedHibob.start(
      exchanges: [Self.exchange(#"{"showInactive":true}"#, #"{"n":"all"}"#)], basePath: "/v1",
      canonicalize: Self.canonical)
    defer { server.stop() }
    #expect(try await post(server, #"{"showInactive":true}"#).0 == 200)
    let (status, body) = try await post(server, #"{"showInactive":false}"#)
    #expect(status == 404)
    #expect(body.contains("not_recorded"))
    #expect(try await post(server, #"{"showInactive":true}"#).0 == 200)
    #expect(server.counts == (answered: 2, unmatched: 1))
  }
}
