import Foundation

/// The JSON was valid but not the shape an endpoint expects.
struct ShapeError: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

extension HibobClient {
  /// The error for a status that is not a success.
  static func errorKind(for response: HTTPResponse) -> HibobAPIError.Kind {
    switch response.status {
    case 401: return .unauthorized
    case 403: return .forbidden
    case 404: return .notFound
    case 429: return .rateLimited
    case 300...399 where response.status != 304:
      return .redirect(locationHost: locationHost(response.header("location")))
    default: return .http(response.status)
    }
  }

  /// The host of a `Location` header; a relative location has none.
  static func locationHost(_ location: String?) -> String? {
    guard let location, let host = URLComponents(string: location)?.host, !host.isEmpty else {
      return nil
    }
    return String(host.prefix(253))
  }

  /// The `error` text of a Hibob JSON error body, cut to 128 characters.
  func serverMessage(_ response: HTTPResponse) -> String? {
    guard response.body.count <= 16_384,
      let value = try? JSONParser.parse(response.body),
      let message = value["error"]?.stringValue ?? value["message"]?.stringValue
    else { return nil }
    // An error message about one employee could name their email: never quoted.
    let masked = redactingSecrets(message).replacingOccurrences(
      of: #"[^\s'"<>()]+@[^\s'"<>()]+"#, with: "<email>", options: .regularExpression)
    return masked.truncated(to: 128)
  }

  /// The text with the token and the encoded credentials replaced, for anything quoted from a
  /// server (which could echo them back).
  func redactingSecrets(_ text: String) -> String {
    var result = text
    let encoded = String(credentials.authorizationHeader.dropFirst("Basic ".count))
    for secret in [encoded, credentials.token] where !secret.isEmpty {
      result = result.replacingOccurrences(of: secret, with: "<redacted>")
    }
    return result
  }

  /// What a body looks like (its kind, size and an HTML page's title), never its text.
  func excerpt(_ body: Data) -> String {
    bodyExcerpt(body, redact: redactingSecrets)
  }

  /// Whether the response says it is JSON (`application/json`, any parameters, or `+json`).
  static func isJSON(_ response: HTTPResponse) -> Bool {
    guard let type = response.header("content-type")?.lowercased() else { return false }
    let media =
      type.split(separator: ";").first.map {
        $0.trimmingCharacters(in: .whitespaces)
      } ?? ""
    return media == "application/json"
      || (media.hasPrefix("application/") && media.hasSuffix("+json"))
  }

  /// Parses a success body: it must be labelled JSON and parse as JSON.
  func parseBody(
    _ response: HTTPResponse, record: CallRecord
  ) throws(HibobAPIError) -> JSONValue {
    try requireJSON(response, record: record)
    do {
      return try JSONParser.parse(response.body)
    } catch {
      throw invalidJSON(error, response, record: record)
    }
  }

  /// The error for a success body that does not parse.
  func invalidJSON(
    _ error: JSONParseError, _ response: HTTPResponse, record: CallRecord
  ) -> HibobAPIError {
    HibobAPIError(
      .invalidResponse(
        "the JSON body is invalid (\(error)); the body is " + excerpt(response.body)),
      records: [record])
  }

  /// Throws unless the response is labelled JSON.
  func requireJSON(_ response: HTTPResponse, record: CallRecord) throws(HibobAPIError) {
    guard Self.isJSON(response) else {
      let type =
        response.header("content-type").map { "'\(redactingSecrets($0).truncated(to: 64))'" }
        ?? "none"
      throw HibobAPIError(
        .invalidResponse(
          "HTTP \(response.status) with content type \(type), not application/json; the body is "
            + excerpt(response.body)), records: [record])
    }
  }

  /// Sends `endpoint`; any status other than 2xx is thrown as the matching error.
  func sendExpectingSuccess(
    _ endpoint: Endpoint
  ) async throws(HibobAPIError) -> (HTTPResponse, CallRecord) {
    let (response, record) = try await send(endpoint)
    guard (200...299).contains(response.status) else {
      throw HibobAPIError(
        Self.errorKind(for: response), records: [record],
        serverMessage: serverMessage(response))
    }
    return (response, record)
  }

  /// Sends `endpoint` and returns its JSON body decoded by `decode`; any status other than 2xx
  /// is thrown as the matching error.
  func fetch<Value>(
    _ endpoint: Endpoint, decode: (JSONValue) throws(ShapeError) -> Value,
    items: ((Value) -> Int)? = nil
  ) async throws(HibobAPIError) -> (Value, CallRecord) {
    let (response, record) = try await sendExpectingSuccess(endpoint)
    let json = try parseBody(response, record: record)
    let value: Value
    do {
      value = try decode(json)
    } catch {
      throw HibobAPIError(
        .invalidResponse("unexpected JSON shape: \(error.reason)"), records: [record])
    }
    if let items, let kind = Self.unexplainedSize(response.body.count, items: items(value)) {
      throw HibobAPIError(kind, records: [record])
    }
    return (value, record)
  }
}

/// Decoding helpers over `JSONValue` that name what was wrong.
extension JSONValue {
  func object(_ what: String) throws(ShapeError) -> [String: JSONValue] {
    guard case .object(let o) = self else {
      throw ShapeError("\(what) is \(typeName), not an object")
    }
    return o
  }

  func array(_ what: String) throws(ShapeError) -> [JSONValue] {
    guard case .array(let a) = self else {
      throw ShapeError("\(what) is \(typeName), not an array")
    }
    return a
  }
}

extension Dictionary where Key == String, Value == JSONValue {
  /// A required id: a string or a number.
  func requiredID(_ key: String, in what: String) throws(ShapeError) -> String {
    guard let value = self[key] else { throw ShapeError("\(what) has no '\(key)'") }
    guard let id = value.idString else {
      throw ShapeError("\(what)'s '\(key)' is \(value.typeName), not a string or number")
    }
    return id
  }

  /// An optional string: absent or null give nil; any other type is a shape error.
  func optionalString(_ key: String, in what: String) throws(ShapeError) -> String? {
    switch self[key] {
    case nil, .null?: return nil
    case .string(let s)?: return s
    case let other?: throw ShapeError("\(what)'s '\(key)' is \(other.typeName), not a string")
    }
  }

  /// An optional string or number (as its literal text): absent or null give nil.
  func optionalText(_ key: String, in what: String) throws(ShapeError) -> String? {
    switch self[key] {
    case nil, .null?: return nil
    case .string(let s)?: return s
    case .number(let n)?: return n
    case let other?:
      throw ShapeError("\(what)'s '\(key)' is \(other.typeName), not a string or number")
    }
  }

  func optionalBool(_ key: String, in what: String) throws(ShapeError) -> Bool? {
    switch self[key] {
    case nil, .null?: return nil
    case .bool(let b)?: return b
    case let other?: throw ShapeError("\(what)'s '\(key)' is \(other.typeName), not a boolean")
    }
  }
}
