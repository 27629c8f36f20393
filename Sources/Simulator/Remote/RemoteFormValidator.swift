import Common
import Foundation

/// The simulated Remote's own check of a form section, independent of the sync's validator: the
/// JSON Schema keywords Remote's forms use (`type`, `required`, `properties`,
/// `additionalProperties: false`, `enum`, `const`, `format` date/email, `minLength`,
/// `maxLength`, `pattern`, `items`, `allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`). Errors are
/// keyed by the property path, with Remote-like messages, never the value.
enum RemoteFormValidator {
  static func errors(_ instance: JSONValue, _ schema: JSONValue, path: String = "")
    -> [String: [String]]
  {
    var out: [String: [String]] = [:]
    check(instance, schema, path: path, into: &out)
    return out
  }

  static func isValid(_ instance: JSONValue, _ schema: JSONValue) -> Bool {
    errors(instance, schema).isEmpty
  }

  private static func add(_ out: inout [String: [String]], _ path: String, _ message: String) {
    let key = path.isEmpty ? "base" : path
    if !(out[key] ?? []).contains(message) { out[key, default: []].append(message) }
  }

  private static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }

  private static func check(
    _ value: JSONValue, _ schema: JSONValue, path: String, into out: inout [String: [String]]
  ) {
    guard case .object = schema else { return }
    if let type = schema["type"] {
      let types: [String] =
        type.stringValue.map { [$0] } ?? (type.arrayItems ?? []).compactMap(\.stringValue)
      if !types.isEmpty && !types.contains(where: { matches(value, type: $0) }) {
        add(&out, path, "must be of type \(types.joined(separator: " or "))")
        return
      }
    }
    if let allowed = schema["enum"]?.arrayItems, !allowed.contains(value) {
      add(&out, path, "is not included in the list")
    }
    if let constant = schema["const"], constant != value {
      add(&out, path, "must be equal to the constant")
    }
    if case .string(let s) = value {
      if let format = schema["format"]?.stringValue {
        if format == "date" && !UTCDate.isCalendarDay(s) { add(&out, path, "must be a valid date") }
        if format == "email" && !isEmail(s) { add(&out, path, "must be a valid email") }
      }
      if let min = schema["minLength"]?.intValue, s.count < min {
        add(&out, path, min == 1 ? "can't be blank" : "is too short")
      }
      if let max = schema["maxLength"]?.intValue, s.count > max { add(&out, path, "is too long") }
      if let pattern = schema["pattern"]?.stringValue,
        let regex = try? NSRegularExpression(pattern: pattern),
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil
      {
        add(&out, path, "is invalid")
      }
    }
    if case .array(let items) = value, let itemSchema = schema["items"] {
      for (i, item) in items.enumerated() {
        check(item, itemSchema, path: join(path, String(i)), into: &out)
      }
      if let min = schema["minItems"]?.intValue, items.count < min {
        add(&out, path, "can't be blank")
      }
    }
    if case .object(let pairs) = value {
      let props = schema["properties"]?.objectPairs ?? []
      let names = Set(props.map(\.0))
      let present = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
      for name in (schema["required"]?.arrayItems ?? []).compactMap(\.stringValue)
      where present[name] == nil || present[name] == .null {
        add(&out, join(path, name), "is required")
      }
      if schema["additionalProperties"] == .bool(false) {
        for (key, _) in pairs where !names.contains(key) {
          add(&out, join(path, key), "is not a permitted property")
        }
      }
      for (name, sub) in props {
        if let v = present[name], v != .null { check(v, sub, path: join(path, name), into: &out) }
      }
    }
    for sub in schema["allOf"]?.arrayItems ?? [] { check(value, sub, path: path, into: &out) }
    if let any = schema["anyOf"]?.arrayItems, !any.contains(where: { isValid(value, $0) }) {
      add(&out, path, "does not match any allowed shape")
    }
    if let one = schema["oneOf"]?.arrayItems, one.filter({ isValid(value, $0) }).count != 1 {
      add(&out, path, "must match exactly one allowed shape")
    }
    if let condition = schema["if"] {
      if isValid(value, condition) {
        if let then = schema["then"] { check(value, then, path: path, into: &out) }
      } else if let otherwise = schema["else"] {
        check(value, otherwise, path: path, into: &out)
      }
    }
  }

  private static func matches(_ v: JSONValue, type: String) -> Bool {
    switch (type, v) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool),
      ("null", .null), ("number", .number):
      return true
    case ("integer", .number(let n)): return n.rounded() == n
    default: return false
    }
  }

  static func isEmail(_ s: String) -> Bool {
    let parts = s.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !s.contains(where: \.isWhitespace) else {
      return false
    }
    let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
  }
}

extension JSONValue {
  var arrayItems: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  var objectPairs: [(String, JSONValue)]? {
    if case .object(let o) = self { return o }
    return nil
  }

  var intValue: Int? {
    if case .number(let n) = self, n.rounded() == n, abs(n) < 1e15 { return Int(n) }
    return nil
  }
}
