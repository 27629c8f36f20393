import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Testing

@Suite("Recording files: damaged and foreign ones are refused")
struct RecordingFileTests {
  static func sample() -> Recording {
    Recording(
      toolVersion: "0.1.0", recordedAt: "2026-11-24T16:00:00Z",
      target: Recording.Target(
        baseURL: "https://api.hibob.com/v1", environment: "production",
        serviceUserId: "SERVICE-1", tokenSHA256Prefix: "3c9a07e1", readOnly: false),
      exchanges: [
        Recording.Exchange(
          method: "GET", target: "/v1/company/people/fields", requestBody: nil,
          response: Recording.Response(
            status: 200, headers: ["content-type": "application/json"], body: .json([]))),
        Recording.Exchange(
          method: "POST", target: "/v1/people/search",
          requestBody: .json(["fields": ["root.id"]]), response: nil,
          failure: Recording.Failure(.timedOut)),
      ])
  }

  func decode(_ text: String) -> RecordingError? {
    do {
      _ = try Recording.decode(Data(text.utf8), path: "rec.json")
      return nil
    } catch {
      return error
    }
  }

  @Test("a recording round-trips through its file format")
  func roundTrip() throws {
    let recording = Self.sample()
    let data = recording.encoded()
    #expect(try Recording.decode(data, path: "rec.json") == recording)
    #expect(
      String(decoding: data, as: UTF8.self).contains("\"format\": \"hibob-remote-recording\""))
  }

  @Test("a truncated recording is refused as not JSON, with a one-line message")
  func truncated() throws {
    let text = String(decoding: Self.sample().encoded(), as: UTF8.self)
    let error = try #require(decode(String(text.prefix(text.count / 2))))
    guard case .notJSON = error else {
      Issue.record("expected notJSON, got \(error)")
      return
    }
    #expect(error.description.contains("rec.json is not a recording"))
    #expect(error.description.contains("truncated"))
    #expect(!error.description.contains("\n"))
  }

  @Test("a recording of another format version names both versions")
  func foreignVersion() throws {
    let text = String(decoding: Self.sample().encoded(), as: UTF8.self)
      .replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2")
    let error = try #require(decode(text))
    #expect(error == .unsupportedVersion(path: "rec.json", version: "2"))
    #expect(error.description.contains("version 2"))
    #expect(error.description.contains("reads version 1"))
  }

  @Test("JSON that is not a recording, or a damaged one, is refused saying what is wrong")
  func wrongShape() throws {
    #expect(decode("{\"schema_version\": 1}") == .notARecording(path: "rec.json"))
    #expect(decode("[1, 2]") == .notARecording(path: "rec.json"))
    let text = String(decoding: Self.sample().encoded(), as: UTF8.self)
    let noExchanges = text.replacingOccurrences(of: "\"exchanges\"", with: "\"exchangez\"")
    #expect(decode(noExchanges) == .damaged(path: "rec.json", detail: "no \"exchanges\" list"))
    let badStatus = text.replacingOccurrences(of: "\"status\": 200", with: "\"status\": \"ok\"")
    #expect(
      decode(badStatus) == .damaged(path: "rec.json", detail: "exchange 1 has no HTTP status"))
    let noTarget = text.replacingOccurrences(of: "\"target\": {", with: "\"targets\": {")
    #expect(decode(noTarget) == .damaged(path: "rec.json", detail: "no \"target\" object"))
  }

  @Test("a missing file names the path")
  func missing() {
    #expect(
      throws: RecordingError.unreadable(path: "/nonexistent/rec.json", reason: "no such file")
    ) {
      _ = try Recording.read(path: "/nonexistent/rec.json")
    }
  }

  @Test("a recorded timeout replays as a timeout")
  func recordedFailure() async throws {
    let transport = ReplayTransport(Self.sample())
    let request = HTTPRequest(
      method: "POST", url: URL(string: "https://api.hibob.com/v1/people/search")!,
      body: Data(#"{"fields":["root.id"]}"#.utf8))
    await #expect(throws: TransportError.timedOut) { try await transport.send(request) }
    // Asked again (a retry the recorded run did not make), the last answer repeats.
    await #expect(throws: TransportError.timedOut) { try await transport.send(request) }
    // A request never recorded fails, naming the method and path only.
    let other = HTTPRequest(
      method: "GET", url: URL(string: "https://api.hibob.com/v1/people/123/employment")!)
    await #expect(
      throws: TransportError.connectionFailed(
        "the recording has no answer for GET /v1/people/123/employment")
    ) { try await transport.send(other) }
    let fields = HTTPRequest(
      method: "GET", url: URL(string: "https://api.hibob.com/v1/company/people/fields")!)
    let response = try await transport.send(fields)
    #expect(response.status == 200)
    #expect(response.header("Content-Type") == "application/json")
  }
}

@Suite("LeakScanner")
struct LeakScannerTests {
  let scanner = LeakScanner(token: "fake-token-0123456789abcdef", serviceUserId: "SERVICE-1")

  func kind(_ text: String) -> Leak.Kind? {
    scanner.scan(Data(text.utf8), file: "report.json")?.kind
  }

  @Test("planted secrets and personal data are found, and the message never quotes them")
  func planted() throws {
    #expect(kind("{\"note\": \"fake-token-0123456789abcdef\"}") == .token)
    let basic = Data("SERVICE-1:fake-token-0123456789abcdef".utf8).base64EncodedString()
    #expect(kind("x \(basic) y") == .token)
    #expect(kind("{\"Authorization\": \"x\"}") == .authorization)
    #expect(kind("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==") == .authorization)
    #expect(kind("{\"email\": \"ada.example@example.com\"}") == .email)
    #expect(kind("{\"mobile\": \"+44 20 7946 0000\"}") == .phone)
    #expect(kind("{\"mobile\": \"+1 555 0201\"}") == .phone)
    #expect(kind("{\"iban\": \"GB82 WEST 1234 5698 7654 32\"}") == .iban)
    #expect(kind("{\"passport\": \"X0000001\"}") == .passport)
    #expect(kind("{\"birthDate\": \"1990-02-01\"}") == .birthDate)
    #expect(kind("{\"/personal/shortBirthDate\": {\"value\": \"01-02\"}}") == .birthDate)
    let leak = try #require(
      scanner.scan(Data("line one\n{\"email\": \"ada.example@example.com\"}".utf8), file: "x.json"))
    #expect(leak.line == 2)
    #expect(leak.description.contains("x.json line 2"))
    #expect(leak.description.contains("an email address"))
    #expect(!leak.description.contains("ada"))
  }

  @Test("placeholders, ids, dates and the report's own words pass")
  func clean() {
    #expect(kind("{\"email\": \"person-0007@example.invalid\"}") == nil)
    #expect(kind("{\"id\": \"3980342332732990001\", \"reset\": \"1764000000\"}") == nil)
    #expect(kind("{\"birthDate\": \"redacted-4\", \"shortBirthDate\": null}") == nil)
    #expect(kind("{\"birthDate\": \"1900-01-03\"}") == nil)
    #expect(kind("Step 3.9.2: View selected employees' Basic info sections") == nil)
    #expect(kind("which Basic authentication cannot carry; blocks an Authorization header") == nil)
    #expect(kind("\"generated_at\": \"2026-11-24T16:00:00Z\", \"duration_ms\": 412") == nil)
  }
}

@Suite("Redactor")
struct RedactorTests {
  func json(_ body: Recording.Body?) -> HibobAPI.JSONValue? {
    if case .json(let value)? = body { return value }
    return nil
  }

  @Test("metadata keeps names and ids, loses descriptions; the sync field's values then stay")
  func metadataThenSearch() throws {
    var redactor = Redactor()
    let fields =
      Data(
        #"[{"id":"work.custom.field_1","name":"Sync to Remote","categoryId":"work","#.utf8)
      + Data(#""description":"Ada asked for this"}]"#.utf8)
    let metadata = try #require(
      json(redactor.redactResponse(fields, target: "/v1/company/people/fields")))
    #expect(metadata.arrayValue?.first?["name"] == "Sync to Remote")
    #expect(metadata.arrayValue?.first?["description"] == "redacted-1")

    let search = Data(
      (#"{"employees":[{"id":"1","email":"ada@corp.example.com","firstName":"Ada","#
        + #""/root/firstName":{"value":"Ada"},"work":{"custom":{"field_1":"500000001"},"#
        + #""startDate":"2020-01-01","reportsTo":{"id":"2","firstName":"Bo","email":null},"#
        + #""birthDate":"1990-05-06","hours":40,"site":""}}]}"#).utf8)
    let answer = try #require(json(redactor.redactResponse(search, target: "/v1/people/search")))
    let employee = try #require(answer["employees"]?.arrayValue?.first)
    #expect(employee["id"] == "1")
    #expect(employee["email"] == "person-0001@example.invalid")
    #expect(employee["firstName"] == "Person 0001")
    #expect(employee["/root/firstName"]?["value"] == "Person 0001")
    #expect(employee["work"]?["custom"]?["field_1"] == "500000001")
    #expect(employee["work"]?["startDate"] == "2020-01-01")
    #expect(employee["work"]?["reportsTo"]?["id"] == "2")
    #expect(employee["work"]?["reportsTo"]?["firstName"] == "Person 0002")
    #expect(employee["work"]?["reportsTo"]?["email"] == .null)
    #expect(employee["work"]?["birthDate"] == "1900-01-01")
    #expect(employee["work"]?["hours"] == .number("0"))
    #expect(employee["work"]?["site"] == "")
  }

  @Test("a body that is not JSON and an email in a path are replaced")
  func notJSONAndPaths() {
    var redactor = Redactor()
    let html = Data("<html>Ada Example, ada@corp.example.com</html>".utf8)
    guard case .text(let text)? = redactor.redactResponse(html, target: "/v1/people/search")
    else {
      Issue.record("a non-JSON body must stay non-JSON")
      return
    }
    #expect(!text.contains("Ada"))
    #expect(text.contains("\(html.count) bytes"))
    #expect(
      redactor.redactTarget("/v1/people/ada%40corp.example.com")
        == "/v1/people/person-0001@example.invalid")
    #expect(redactor.redactTarget("/v1/people/123") == "/v1/people/123")
  }
}
