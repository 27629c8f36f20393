import Foundation

extension Tenant {
  /// Reads, decodes and validates a tenant file.
  public static func load(contentsOf url: URL) throws(TenantError) -> Tenant {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable(path: url.path, reason: "the file does not exist or is not readable")
    }
    return try decode(data)
  }

  /// Decodes and validates a tenant from JSON.
  public static func decode(_ data: Data) throws(TenantError) -> Tenant {
    let tenant: Tenant
    do {
      tenant = try JSONDecoder().decode(Tenant.self, from: data)
    } catch let error as DecodingError {
      throw Tenant.describe(error)
    } catch {
      throw .malformed(location: "", reason: "not valid JSON")
    }
    try tenant.validate()
    return tenant
  }

  /// The tenant as pretty-printed JSON with sorted keys (byte-stable).
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain values and dictionaries cannot fail.
    return (try? encoder.encode(self)) ?? Data()
  }

  /// Writes the tenant as JSON to `url`.
  public func write(to url: URL) throws(TenantError) {
    do {
      try encoded().write(to: url, options: .atomic)
    } catch {
      throw .unreadable(path: url.path, reason: "cannot write: \(error.localizedDescription)")
    }
  }

  private static func location(_ path: [CodingKey]) -> String {
    var result = ""
    for key in path {
      if let index = key.intValue {
        result += "[\(index)]"
      } else if key.stringValue.hasPrefix("Index "), let n = Int(key.stringValue.dropFirst(6)) {
        result += "[\(n)]"
      } else {
        result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return result
  }

  private static func describe(_ error: DecodingError) -> TenantError {
    switch error {
    case .keyNotFound(let key, let context):
      return .malformed(
        location: location(context.codingPath), reason: "missing key '\(key.stringValue)'")
    case .typeMismatch(let type, let context):
      return .malformed(
        location: location(context.codingPath), reason: "expected \(typeName(type))")
    case .valueNotFound(let type, let context):
      return .malformed(
        location: location(context.codingPath), reason: "expected \(typeName(type)), found null")
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty { return .malformed(location: "", reason: "not valid JSON") }
      return .malformed(
        location: location(context.codingPath), reason: context.debugDescription)
    @unknown default:
      return .malformed(location: "", reason: "not a tenant file")
    }
  }

  private static func typeName(_ type: Any.Type) -> String {
    let name = String(describing: type)
    switch name {
    case "String": return "a string"
    case "Bool": return "true or false"
    case "Int", "Double": return "a number"
    default:
      if name.hasPrefix("Array") { return "an array" }
      if name.hasPrefix("Dictionary") { return "an object" }
      return "a \(name)"
    }
  }
}
