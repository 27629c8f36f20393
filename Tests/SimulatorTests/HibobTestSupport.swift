import Foundation
import LoopbackHTTP
import Simulator
import TestSupport
import Testing

/// Helpers shared by the Hibob simulator tests.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/tenants")

  static var names: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  static func url(_ name: String) -> URL { directory.appendingPathComponent("\(name).json") }

  static func tenant(_ name: String) throws -> Tenant { try Tenant.load(contentsOf: url(name)) }

  static func simulator(_ name: String, clock: ManualClock = ManualClock()) throws
    -> HibobSimulator
  {
    HibobSimulator(tenant: try tenant(name), clock: clock.closure)
  }
}

/// The compliant fixture's people, by the last digits of their ids.
enum People {
  static func id(_ n: Int) -> String { String(format: "398034233273299%04d", n) }
  static let ceo = id(1)
  static let engineeringManager = id(2)
  static let hiredWithoutEmail = id(7)
  static let terminated = id(10)
  static let active: Set<String> = Set([1, 2, 3, 4, 5, 6, 9, 12, 13].map(id))
  static let all: Set<String> = Set((1...13).map(id))
  static let syncField = "work.custom.field_1680187492413"
}

/// A decoded answer.
struct Answer {
  var response: ServerResponse
  var status: Int { response.status }
  var json: Any? {
    try? JSONSerialization.jsonObject(with: response.body, options: .fragmentsAllowed)
  }
  var object: [String: Any] { json as? [String: Any] ?? [:] }
  var array: [Any] { json as? [Any] ?? [] }
  var employees: [[String: Any]] { object["employees"] as? [[String: Any]] ?? [] }
  var ids: Set<String> { Set(employees.compactMap { $0["id"] as? String }) }

  func header(_ name: String) -> String? {
    response.headers.first { $0.0.lowercased() == name.lowercased() }?.1
  }
}

extension HibobSimulator {
  static let testUser = "SERVICE-USER-FAKE-0001"
  static let testToken = "fake-token-0123456789abcdef"

  static func basic(_ user: String, _ token: String) -> String {
    "Basic " + Data("\(user):\(token)".utf8).base64EncodedString()
  }

  /// Sends a request with the fixtures' credentials (or `authorization`, or none when `nil`).
  func send(
    _ method: String, _ target: String, json: Any? = nil, body: Data? = nil,
    authorization: String?? = .some(nil)
  ) async -> Answer {
    var headers: [String: String] = [:]
    switch authorization {
    case .some(.some(let value)): headers["authorization"] = value
    case .some(.none):
      headers["authorization"] = HibobSimulator.basic(
        tenant.serviceUser.id, tenant.serviceUser.token)
    case .none: break
    }
    var data = body ?? Data()
    if let json { data = try! JSONSerialization.data(withJSONObject: json) }
    let response = await handle(
      ServerRequest(method: method, target: target, headers: headers, body: data))
    return Answer(response: response)
  }

  /// `POST /v1/people/search`.
  func search(_ fields: [String], showInactive: Bool? = nil, humanReadable: String? = nil)
    async -> Answer
  {
    var body: [String: Any] = ["fields": fields]
    if let showInactive { body["showInactive"] = showInactive }
    if let humanReadable { body["humanReadable"] = humanReadable }
    return await send("POST", "/v1/people/search", json: body)
  }
}

extension Dictionary where Key == String, Value == Any {
  /// The value at a dotted path of nested objects, and whether the key exists.
  func nested(_ path: String) -> (present: Bool, value: Any?) {
    var current: Any = self
    let parts = path.split(separator: ".").map(String.init)
    for (i, part) in parts.enumerated() {
      guard let object = current as? [String: Any], let next = object[part] else {
        return (false, nil)
      }
      if i == parts.count - 1 { return (true, next is NSNull ? nil : next) }
      current = next
    }
    return (false, nil)
  }
}

extension Dictionary where Key == String, Value == Any {
  /// A field of a search answer as a real tenant places it: Basic info (`root.*`) flat at the
  /// top level under its jsonPath (`firstName`), every other field nested along its id's path.
  func field(_ id: String) -> (present: Bool, value: Any?) {
    guard id.hasPrefix("root.") else { return nested(id) }
    let key = String(id.dropFirst("root.".count))
    guard let value = self[key] else { return (false, nil) }
    return (true, value is NSNull ? nil : value)
  }
}
