import Foundation
import HibobAPI

/// Why a recording cannot be read. Each description is one line a user can act on; none quotes
/// the file's contents.
public enum RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case notJSON(path: String, detail: String)
  case notARecording(path: String)
  case unsupportedVersion(path: String, version: String)
  case damaged(path: String, detail: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "cannot read the recording \(path): \(reason)"
    case .notJSON(let path, let detail):
      return "\(path) is not a recording: it is not valid JSON (\(detail)); "
        + "a truncated or edited file cannot be replayed, record the check again"
    case .notARecording(let path):
      return "\(path) is not a hibob-remote recording (no \"format\": \"\(Recording.format)\")"
    case .unsupportedVersion(let path, let version):
      return "\(path) is a recording of format version \(version), this hibob-remote reads "
        + "version \(Recording.currentVersion): replay it with the hibob-remote version that "
        + "recorded it"
    case .damaged(let path, let detail):
      return "\(path) is a damaged recording: \(detail)"
    }
  }
}

extension Recording {
  // MARK: - Writing

  /// The file's bytes: indented JSON, keys sorted, ending in a newline.
  public func encoded() -> Data {
    var exchangesJSON: [JSONValue] = []
    for exchange in exchanges {
      var response: JSONValue = .null
      if let r = exchange.response {
        response = .object([
          "status": .number(String(r.status)),
          "headers": .object(r.headers.mapValues { .string($0) }),
          "body": Self.bodyJSON(r.body),
        ])
      }
      var failure: JSONValue = .null
      if let f = exchange.failure {
        failure = .object(["kind": .string(f.kind), "message": .string(f.message)])
      }
      exchangesJSON.append(
        .object([
          "request": .object([
            "method": .string(exchange.method), "target": .string(exchange.target),
            "body": Self.bodyJSON(exchange.requestBody),
          ]),
          "response": response,
          "failure": failure,
        ]))
    }
    let document: JSONValue = .object([
      "format": .string(Self.format),
      "version": .number(String(version)),
      "tool_version": .string(toolVersion),
      "rules_version": .string(rulesVersion),
      "recorded_at": .string(recordedAt),
      "target": .object([
        "base_url": .string(target.baseURL),
        "environment": .string(target.environment),
        "service_user_id": target.serviceUserId.map { .string($0) } ?? .null,
        "token_sha256_prefix": target.tokenSHA256Prefix.map { .string($0) } ?? .null,
        "read_only": .bool(target.readOnly),
      ]),
      "credential_problems": .array(credentialProblems.map { .string($0) }),
      "exchanges": .array(exchangesJSON),
    ])
    return PrettyJSON.data(document)
  }

  private static func bodyJSON(_ body: Body?) -> JSONValue {
    switch body {
    case nil: return .null
    case .json(let value)?: return .object(["json": value])
    case .text(let text)?: return .object(["text": .string(text)])
    }
  }

  // MARK: - Reading

  /// Reads and checks a recording file.
  public static func read(path: String) throws(RecordingError) -> Recording {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let reason =
        FileManager.default.fileExists(atPath: path)
        ? "permission denied or not a file" : "no such file"
      throw .unreadable(path: path, reason: reason)
    }
    return try decode(data, path: path)
  }

  /// Parses a recording; `path` only names the file in errors.
  public static func decode(_ data: Data, path: String) throws(RecordingError) -> Recording {
    let root: JSONValue
    do {
      root = try JSONParser.parse(data)
    } catch {
      throw .notJSON(path: path, detail: error.description)
    }
    guard case .object(let o) = root, o["format"]?.stringValue == format else {
      throw .notARecording(path: path)
    }
    guard let versionValue = o["version"] else {
      throw .damaged(path: path, detail: "no \"version\"")
    }
    guard versionValue.intValue == currentVersion else {
      let shown: String
      switch versionValue {
      case .number(let n): shown = n
      case .string(let s): shown = "'\(s.prefix(16))'"
      default: shown = versionValue.typeName
      }
      throw .unsupportedVersion(path: path, version: shown)
    }
    func fail(_ detail: String) -> RecordingError { .damaged(path: path, detail: detail) }
    func string(_ object: [String: JSONValue], _ key: String, in what: String)
      throws(RecordingError)
      -> String
    {
      guard let s = object[key]?.stringValue else { throw fail("\(what) has no text \"\(key)\"") }
      return s
    }
    func optionalString(_ object: [String: JSONValue], _ key: String, in what: String)
      throws(RecordingError) -> String?
    {
      switch object[key] {
      case .string(let s)?: return s
      case .null?: return nil
      default: throw fail("\(what) has no \"\(key)\" (text or null)")
      }
    }
    func body(_ value: JSONValue?, in what: String) throws(RecordingError) -> Body? {
      switch value {
      case .null?: return nil
      case .object(let b)? where b.count == 1 && b["json"] != nil: return .json(b["json"]!)
      case .object(let b)? where b.count == 1 && b["text"]?.stringValue != nil:
        return .text(b["text"]!.stringValue!)
      default: throw fail("\(what) has a body that is neither null, {\"json\"} nor {\"text\"}")
      }
    }

    guard case .object(let t)? = o["target"] else { throw fail("no \"target\" object") }
    guard case .bool(let readOnly)? = t["read_only"] else {
      throw fail("the target has no true/false \"read_only\"")
    }
    let target = Target(
      baseURL: try string(t, "base_url", in: "the target"),
      environment: try string(t, "environment", in: "the target"),
      serviceUserId: try optionalString(t, "service_user_id", in: "the target"),
      tokenSHA256Prefix: try optionalString(t, "token_sha256_prefix", in: "the target"),
      readOnly: readOnly)
    guard ["production", "sandbox", "custom"].contains(target.environment) else {
      throw fail("the target's environment is not production, sandbox or custom")
    }
    guard URL(string: target.baseURL)?.host != nil else {
      throw fail("the target's base_url is not a URL")
    }
    guard case .array(let problemValues)? = o["credential_problems"] else {
      throw fail("no \"credential_problems\" list")
    }
    var problems: [String] = []
    for value in problemValues {
      guard let s = value.stringValue else { throw fail("a credential problem is not text") }
      problems.append(s)
    }
    guard case .array(let items)? = o["exchanges"] else { throw fail("no \"exchanges\" list") }
    var exchanges: [Exchange] = []
    for (index, item) in items.enumerated() {
      let what = "exchange \(index + 1)"
      guard case .object(let e) = item, case .object(let request)? = e["request"] else {
        throw fail("\(what) has no \"request\" object")
      }
      let method = try string(request, "method", in: what)
      let requestTarget = try string(request, "target", in: what)
      guard requestTarget.hasPrefix("/") else {
        throw fail("\(what)'s target does not start with /")
      }
      var response: Response?
      switch e["response"] {
      case .object(let r)?:
        guard let status = r["status"]?.intValue, (100...599).contains(status) else {
          throw fail("\(what) has no HTTP status")
        }
        guard case .object(let h)? = r["headers"] else { throw fail("\(what) has no headers") }
        var headers: [String: String] = [:]
        for (name, value) in h {
          guard let s = value.stringValue else {
            throw fail("\(what) has a header that is not text")
          }
          headers[name.lowercased()] = s
        }
        response = Response(status: status, headers: headers, body: try body(r["body"], in: what))
      case .null?: response = nil
      default: throw fail("\(what) has no \"response\" (object or null)")
      }
      var failure: Failure?
      switch e["failure"] {
      case .object(let f)?:
        failure = Failure(
          kind: try string(f, "kind", in: what), message: try string(f, "message", in: what))
      case .null?: failure = nil
      default: throw fail("\(what) has no \"failure\" (object or null)")
      }
      guard (response == nil) != (failure == nil) else {
        throw fail("\(what) needs exactly one of a response and a failure")
      }
      exchanges.append(
        Exchange(
          method: method, target: requestTarget,
          requestBody: try body(request["body"], in: what), response: response, failure: failure))
    }
    // A replayed report carries this time as its generated_at.
    let recordedAt = try string(o, "recorded_at", in: "the recording")
    guard Self.isTimestamp(recordedAt) else {
      throw fail("recorded_at is not an ISO 8601 UTC time like 2026-11-24T16:00:00Z")
    }
    return Recording(
      version: currentVersion, toolVersion: try string(o, "tool_version", in: "the recording"),
      rulesVersion: try string(o, "rules_version", in: "the recording"),
      recordedAt: recordedAt, target: target,
      credentialProblems: problems, exchanges: exchanges)
  }
}

extension Recording {
  /// `YYYY-MM-DDTHH:MM:SSZ`, the form reports and recordings write.
  static func isTimestamp(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    guard bytes.count == 20 else { return false }
    for (i, b) in bytes.enumerated() {
      switch i {
      case 4, 7: if b != UInt8(ascii: "-") { return false }
      case 10: if b != UInt8(ascii: "T") { return false }
      case 13, 16: if b != UInt8(ascii: ":") { return false }
      case 19: if b != UInt8(ascii: "Z") { return false }
      default: if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { return false }
      }
    }
    return true
  }
}

/// Indented JSON with sorted keys, for files people read.
enum PrettyJSON {
  static func data(_ value: JSONValue) -> Data {
    var out = ""
    write(value, indent: "", to: &out)
    out += "\n"
    return Data(out.utf8)
  }

  private static func write(_ value: JSONValue, indent: String, to out: inout String) {
    let inner = indent + "  "
    switch value {
    case .array(let elements) where !elements.isEmpty:
      out += "[\n"
      for (i, element) in elements.enumerated() {
        out += inner
        write(element, indent: inner, to: &out)
        out += i == elements.count - 1 ? "\n" : ",\n"
      }
      out += indent + "]"
    case .object(let members) where !members.isEmpty:
      out += "{\n"
      let keys = members.keys.sorted()
      for (i, key) in keys.enumerated() {
        out += inner + String(decoding: JSONValue.string(key).serialized(), as: UTF8.self) + ": "
        write(members[key]!, indent: inner, to: &out)
        out += i == keys.count - 1 ? "\n" : ",\n"
      }
      out += indent + "}"
    default:
      out += String(decoding: value.serialized(), as: UTF8.self)
    }
  }
}
