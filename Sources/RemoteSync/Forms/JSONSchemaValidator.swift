import HibobAPI

// PLACEHOLDER: the real subset validator (if/then/else, allOf, oneOf/anyOf, const, type, formats,
// lengths, patterns) is written in parallel and replaces this file at merge. This one checks only
// `required`, `additionalProperties: false` and `enum`, recursing into object properties.

/// One way an instance breaks its schema. Never holds the instance's value.
public struct SchemaViolation: Sendable, Equatable {
  public enum Kind: String, Sendable { case missing, invalid, notAllowed }
  /// The property's dotted path, e.g. `tax_job_category` or `address.postal_code`.
  public var path: String
  /// The property schema's `title`, when it has one.
  public var title: String?
  public var kind: Kind
  /// E.g. "is required", "must be one of the allowed values"; never the instance value.
  public var reason: String

  public init(path: String, title: String?, kind: Kind, reason: String) {
    self.path = path
    self.title = title
    self.kind = kind
    self.reason = reason
  }
}

/// Validates a JSON instance against a JSON Schema (placeholder subset, see above).
public struct JSONSchemaValidator: Sendable {
  let schema: JSONValue

  public init(schema: JSONValue) { self.schema = schema }

  /// Every violation; empty when the instance is valid.
  public func validate(_ instance: JSONValue) -> [SchemaViolation] {
    var out: [SchemaViolation] = []
    check(instance, schema, path: "", into: &out)
    return out
  }

  private func check(
    _ instance: JSONValue, _ schema: JSONValue, path: String, into out: inout [SchemaViolation]
  ) {
    guard case .object(let s) = schema else { return }
    if let allowed = s["enum"]?.arrayValue, !allowed.contains(instance) {
      out.append(
        SchemaViolation(
          path: path, title: s["title"]?.stringValue, kind: .invalid,
          reason: "must be one of the allowed values"))
    }
    guard case .object(let o) = instance else { return }
    let properties = s["properties"]?.objectValue ?? [:]
    for name in (s["required"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
    where o[name] == nil || o[name] == .null {
      out.append(
        SchemaViolation(
          path: join(path, name), title: properties[name]?["title"]?.stringValue, kind: .missing,
          reason: "is required"))
    }
    if s["additionalProperties"] == .bool(false) {
      for key in o.keys.sorted() where properties[key] == nil {
        out.append(
          SchemaViolation(
            path: join(path, key), title: nil, kind: .notAllowed,
            reason: "is not a property of this form"))
      }
    }
    for key in o.keys.sorted() {
      if let sub = properties[key], let value = o[key], value != .null {
        check(value, sub, path: join(path, key), into: &out)
      }
    }
  }

  private func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }
}
