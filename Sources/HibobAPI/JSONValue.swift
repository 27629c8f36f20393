import Foundation

/// A parsed JSON value. Numbers keep their literal text so that 19-digit employee ids survive
/// unchanged; `intValue` and `doubleValue` convert on demand.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number's literal text as it appeared in the document, e.g. `"1"`, `"-2.5e3"`.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The value for `key` when this is an object; `nil` when the key is absent or this is not an
  /// object. A JSON `null` comes back as `.null`.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  public var isNull: Bool { self == .null }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  public var intValue: Int? {
    if case .number(let n) = self { return Int(n) ?? Double(n).flatMap { Int(exactly: $0) } }
    return nil
  }

  public var doubleValue: Double? {
    if case .number(let n) = self { return Double(n) }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var objectValue: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// A string, or a number's literal text: how Hibob ids arrive (either way, depending on the
  /// endpoint).
  public var idString: String? {
    switch self {
    case .string(let s): return s
    case .number(let n): return n
    default: return nil
    }
  }

  /// A short name of the value's JSON type, for error messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(String(value)) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
  public init(nilLiteral: ()) { self = .null }
}
