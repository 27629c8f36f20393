import Foundation

extension Report {
  /// Reads a JSON report. The schema version is checked first, so a report of another version is
  /// refused with ``ReportReadError/unsupportedSchemaVersion(_:)`` whatever else it holds.
  public static func decode(_ data: Data) throws(ReportReadError) -> Report {
    let top: Any
    do {
      top = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw .notJSON
    }
    guard top is [String: Any] else { throw .notAReport("the top level is not a JSON object") }

    let version: Int?
    do {
      version = try JSONDecoder().decode(VersionProbe.self, from: data).schemaVersion
    } catch {
      throw .notAReport("schema_version is not an integer")
    }
    guard let version else { throw .notAReport("it has no schema_version") }
    guard version == currentSchemaVersion else { throw .unsupportedSchemaVersion(version) }

    do {
      return try JSONDecoder().decode(Report.self, from: data)
    } catch let error as DecodingError {
      throw .wrongShape(Self.explain(error))
    } catch {
      throw .wrongShape("it could not be decoded")
    }
  }

  private struct VersionProbe: Decodable {
    var schemaVersion: Int?
    enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }
  }

  /// One line naming where the problem is and what kind it is, never the value found.
  private static func explain(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      var out = ""
      for key in keys {
        if let i = key.intValue {
          out += "[\(i)]"
        } else {
          out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
      }
      return out.isEmpty ? "the top level" : out
    }
    switch error {
    case .keyNotFound(let key, let ctx):
      let at = ctx.codingPath.isEmpty ? "" : " in \(path(ctx.codingPath))"
      return "key \(key.stringValue) is missing\(at)"
    case .typeMismatch(let type, let ctx):
      return "\(path(ctx.codingPath)) is not \(describe(type))"
    case .valueNotFound(let type, let ctx):
      return "\(path(ctx.codingPath)) is null where \(describe(type)) is required"
    case .dataCorrupted(let ctx):
      return "\(path(ctx.codingPath)) has a value that is not allowed"
    @unknown default:
      return "it could not be decoded"
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type: "an integer"
    case is Bool.Type: "a boolean"
    case is [Any].Type: "an array"
    case is [String: Any].Type: "an object"
    default: "the expected type"
    }
  }
}
