import Foundation
import LoopbackHTTP

/// The simulator's canned answers.
enum Responses {
  static let htmlPage = """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>bob</title></head>
    <body><div id="app"></div><noscript>You need to enable JavaScript to run this app.</noscript>
    </body></html>
    """

  /// The 200 HTML page an unknown path gets.
  static func html() -> ServerResponse {
    ServerResponse(
      status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
      body: Data(htmlPage.utf8))
  }

  /// What a real tenant answers a GET sent with `Content-Type: application/json`: 400 with an
  /// HTML page [seen].
  static func htmlBadRequest() -> ServerResponse {
    ServerResponse(
      status: 400, headers: [("Content-Type", "text/html; charset=utf-8")],
      body: Data(htmlPage.utf8))
  }

  static func error(_ status: Int, key: String, _ message: String, headers: [(String, String)] = [])
    -> ServerResponse
  {
    .json(
      status, JSONValue.object([("key", .string(key)), ("error", .string(message))]).serialized(),
      headers: headers)
  }

  static func unauthorized() -> ServerResponse {
    error(
      401, key: "unauthorized",
      "could not be authenticated. Check your service user credentials")
  }

  static func forbidden() -> ServerResponse {
    error(403, key: "forbidden", "service user does not have permission to access this resource")
  }

  static func forbiddenTable() -> ServerResponse {
    error(
      403, key: "forbidden",
      "service user does not have permissions to access this table or employees")
  }

  static func notFound(_ what: String) -> ServerResponse {
    error(404, key: "notFound", "\(what) not found")
  }

  static func badRequest(_ why: String) -> ServerResponse {
    error(400, key: "badRequest", why)
  }

  static func notModified() -> ServerResponse { ServerResponse(status: 304) }

  static func ok(_ value: JSONValue, headers: [(String, String)] = []) -> ServerResponse {
    .json(200, value.serialized(), headers: headers)
  }
}

/// A request body parsed for validation.
enum Body {
  /// The body as a JSON object, or why it is not one.
  static func object(_ data: Data) -> Result<[String: Any], BodyError> {
    guard !data.isEmpty, let value = try? JSONSerialization.jsonObject(with: data) else {
      return .failure(BodyError(message: "the request body is not valid JSON"))
    }
    guard let object = value as? [String: Any] else {
      return .failure(BodyError(message: "the request body must be a JSON object"))
    }
    return .success(object)
  }

  /// A non-empty string under `key`, if it is one.
  static func nonEmptyString(_ object: [String: Any], _ key: String) -> String? {
    guard let s = object[key] as? String,
      !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    else { return nil }
    return s
  }
}

struct BodyError: Error {
  var message: String
}
