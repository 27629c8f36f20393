import HibobAPI

/// One reason an instance does not validate against a country form's JSON Schema. Holds the
/// property's path and title and a fixed reason, never the instance's value: form values are an
/// employee's personal data.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// A required property is absent.
    case missing
    /// Anything else: wrong type, not an allowed value, a format, a length, a pattern...
    case invalid
    /// A property the schema forbids: `additionalProperties: false`, or a `false` schema.
    case notAllowed
  }

  /// Dotted path of the property, e.g. `tax_job_category` or `address.postal_code`; array items
  /// add their index (`tax_servicing_countries.1`); `""` for the instance itself.
  public var path: String
  /// The property schema's `title` when it has one.
  public var title: String?
  public var kind: Kind
  /// A fixed phrase such as "is required" or "does not match format date". It never contains the
  /// instance's value; it may contain a limit taken from the schema ("must be at most 255
  /// characters long").
  public var reason: String

  public init(path: String, title: String?, kind: Kind, reason: String) {
    self.path = path
    self.title = title
    self.kind = kind
    self.reason = reason
  }

  /// `tax_job_category ("What is the main job category...?"): is required`.
  public var description: String {
    let name = path.isEmpty ? "(form)" : path
    guard let title, !title.isEmpty else { return "\(name): \(reason)" }
    return "\(name) (\"\(title)\"): \(reason)"
  }
}

/// Validates JSON instances against a JSON Schema, in the subset Remote's country forms use
/// (remote-api.md): `type`, `required`, `properties`, `patternProperties`, `additionalProperties`,
/// `enum`, `const`, `oneOf`, `anyOf`, `allOf`, `not`, `if`/`then`/`else`, `format` (`date`,
/// `email`; other formats are ignored), `minLength`/`maxLength`/`pattern`, `minimum`/`maximum`
/// and their exclusive forms, `items`, `minItems`/`maxItems`/`uniqueItems`, boolean schemas and
/// local `$ref` (`#`, `#/definitions/...`, `#/$defs/...`). Every other key (`title`,
/// `description`, `x-jsf-*`, ...) is ignored.
///
/// A malformed schema never traps: a keyword whose value has the wrong shape (a `required` that is
/// not an array, a `pattern` that does not compile, a `$ref` that does not resolve) is no
/// constraint. Patterns are compiled once, here, so one validator serves a whole run.
public struct JSONSchemaValidator: Sendable {
  private let evaluator: SchemaEvaluator

  public init(schema: JSONValue) {
    evaluator = SchemaEvaluator(root: schema, patterns: SchemaPatterns(compiling: schema))
  }

  /// The violations of `instance`, empty when it is valid. Sorted by path, then kind (missing,
  /// invalid, notAllowed), then reason; the same violation found through two keywords is reported
  /// once.
  public func validate(_ instance: JSONValue) -> [SchemaViolation] {
    var sink = SchemaEvaluator.Sink(probing: false)
    evaluator.evaluate(instance, evaluator.root, at: evaluator.rootLocation, depth: 0, &sink)
    return Self.ordered(sink.violations)
  }

  /// Whether `instance` is valid; stops at the first violation.
  public func isValid(_ instance: JSONValue) -> Bool {
    var sink = SchemaEvaluator.Sink(probing: true)
    evaluator.evaluate(instance, evaluator.root, at: evaluator.rootLocation, depth: 0, &sink)
    return sink.violations.isEmpty
  }

  private static func ordered(_ violations: [SchemaViolation]) -> [SchemaViolation] {
    let sorted = violations.sorted { a, b in
      if a.path != b.path { return a.path < b.path }
      if a.kind != b.kind { return rank(a.kind) < rank(b.kind) }
      return a.reason < b.reason
    }
    var result: [SchemaViolation] = []
    result.reserveCapacity(sorted.count)
    for violation in sorted {
      if let last = result.last, last.path == violation.path, last.kind == violation.kind,
        last.reason == violation.reason
      {
        if last.title == nil, violation.title != nil {
          result[result.count - 1].title = violation.title
        }
        continue
      }
      result.append(violation)
    }
    return result
  }

  private static func rank(_ kind: SchemaViolation.Kind) -> Int {
    switch kind {
    case .missing: return 0
    case .invalid: return 1
    case .notAllowed: return 2
    }
  }
}
