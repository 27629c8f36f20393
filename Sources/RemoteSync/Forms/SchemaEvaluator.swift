import Foundation
import HibobAPI

/// Applies one schema to one instance, keyword by keyword, and collects violations. The schema is
/// read as it came (`JSONValue`): a keyword with a value of the wrong shape is skipped.
struct SchemaEvaluator: Sendable {
  /// How deep schemas may nest (subschema inside subschema) before the rest is not looked at:
  /// bounds recursion on hostile or cyclic (`$ref`) schemas.
  static let maxSchemaDepth = 256
  /// How many `$ref`s may be chained at one instance location without descending into it. A
  /// reference already being applied there is not followed again (applying the same schema to the
  /// same value twice finds nothing new), so `{"$ref": "#"}` ends at once; this bounds the rest.
  static let maxRefsPerLocation = 16

  let root: JSONValue
  let patterns: SchemaPatterns

  /// Where in the instance a schema is applied.
  struct Location {
    /// Dotted path of the instance value, `""` for the root.
    var path: String
    /// The title shown for violations at `path`.
    var title: String?
    /// The schema by which this value was reached (the root, or the parent's property schema):
    /// where the titles of its own properties are looked up.
    var entry: JSONValue
    /// The `$ref`s being applied at this location (reset when descending into a child).
    var refs: [String] = []
  }

  struct Sink {
    /// When probing (for `if`, `not`, branches of `anyOf`/`oneOf`), only validity matters: the
    /// evaluator stops at the first violation.
    let probing: Bool
    var violations: [SchemaViolation] = []

    init(probing: Bool) { self.probing = probing }

    var isDone: Bool { probing && !violations.isEmpty }
  }

  var rootLocation: Location {
    Location(path: "", title: root["title"]?.stringValue, entry: root)
  }

  func evaluate(
    _ value: JSONValue, _ schema: JSONValue, at location: Location, depth: Int, _ sink: inout Sink
  ) {
    guard depth < Self.maxSchemaDepth else { return }
    let keywords: SchemaKeywords
    switch schema {
    case .bool(true): return
    case .bool(false):
      report(.notAllowed, SchemaReason.notAllowed, at: location, &sink)
      return
    case .object(let members): keywords = SchemaKeywords(members)
    default: return  // not a schema: no constraint
    }

    if case .string(let reference)? = keywords.ref, !location.refs.contains(reference),
      location.refs.count < Self.maxRefsPerLocation, let target = resolve(reference)
    {
      var followed = location
      followed.refs.append(reference)
      evaluate(value, target, at: followed, depth: depth + 1, &sink)
      if sink.isDone { return }
    }

    if let types = keywords.type, !checkType(value, types, at: location, &sink) { return }
    checkValue(value, keywords, at: location, &sink)
    if sink.isDone { return }

    switch value {
    case .string(let text): checkString(text, keywords, at: location, &sink)
    case .number(let literal): checkNumber(literal, keywords, at: location, &sink)
    case .object(let members): checkObject(members, keywords, at: location, depth: depth, &sink)
    case .array(let elements): checkArray(elements, keywords, at: location, depth: depth, &sink)
    default: break
    }
    if sink.isDone { return }

    checkCombinators(value, keywords, at: location, depth: depth, &sink)
  }

  /// Whether `value` is valid against `schema`, without reporting anything.
  func isValid(_ value: JSONValue, _ schema: JSONValue, at location: Location, depth: Int) -> Bool {
    var probe = Sink(probing: true)
    evaluate(value, schema, at: location, depth: depth, &probe)
    return probe.violations.isEmpty
  }

  func report(
    _ kind: SchemaViolation.Kind, _ reason: String, at location: Location, _ sink: inout Sink
  ) {
    sink.violations.append(
      SchemaViolation(path: location.path, title: location.title, kind: kind, reason: reason))
  }

  // MARK: - type, enum, const

  /// Reports and returns false when `value` is none of the types. Unknown type names are ignored;
  /// a `type` naming no known type is no constraint.
  private func checkType(
    _ value: JSONValue, _ types: JSONValue, at location: Location, _ sink: inout Sink
  ) -> Bool {
    let names: [String]
    switch types {
    case .string(let name): names = [name]
    case .array(let list): names = list.compactMap(\.stringValue)
    default: return true
    }
    let known = names.filter(Self.typeNames.contains)
    guard !known.isEmpty else { return true }
    if known.contains(where: { Self.value(value, hasType: $0) }) { return true }
    report(.invalid, SchemaReason.type(known), at: location, &sink)
    return false
  }

  private static let typeNames: Set<String> = [
    "string", "number", "integer", "boolean", "object", "array", "null",
  ]

  private static func value(_ value: JSONValue, hasType type: String) -> Bool {
    switch (type, value) {
    case ("string", .string), ("boolean", .bool), ("object", .object), ("array", .array),
      ("null", .null), ("number", .number):
      return true
    case ("integer", .number(let literal)): return SchemaNumbers.isInteger(literal)
    default: return false
    }
  }

  private func checkValue(
    _ value: JSONValue, _ keywords: SchemaKeywords, at location: Location,
    _ sink: inout Sink
  ) {
    if case .array(let allowed)? = keywords.enumValues,
      !allowed.contains(where: { SchemaNumbers.equal($0, value) })
    {
      report(.invalid, SchemaReason.notInEnum, at: location, &sink)
    }
    if let constant = keywords.constant, !SchemaNumbers.equal(constant, value) {
      report(.invalid, SchemaReason.notConst, at: location, &sink)
    }
  }

  // MARK: - strings and numbers

  private func checkString(
    _ text: String, _ keywords: SchemaKeywords, at location: Location, _ sink: inout Sink
  ) {
    let minLength = keywords.minLength?.intValue
    let maxLength = keywords.maxLength?.intValue
    if minLength != nil || maxLength != nil {
      // JSON Schema counts code points, not grapheme clusters or UTF-16 units.
      let length = text.unicodeScalars.count
      if let minLength, length < minLength {
        report(.invalid, SchemaReason.minLength(minLength), at: location, &sink)
      }
      if let maxLength, length > maxLength {
        report(.invalid, SchemaReason.maxLength(maxLength), at: location, &sink)
      }
    }
    if case .string(let pattern)? = keywords.pattern, patterns.matches(pattern, text) == false {
      report(.invalid, SchemaReason.pattern, at: location, &sink)
    }
    if case .string(let format)? = keywords.format, SchemaFormats.check(format, text) == false {
      report(.invalid, SchemaReason.format(format), at: location, &sink)
    }
  }

  private func checkNumber(
    _ literal: String, _ keywords: SchemaKeywords, at location: Location, _ sink: inout Sink
  ) {
    guard let number = Double(literal) else { return }
    let bounds: [(JSONValue?, (Double, Double) -> Bool, (String) -> String)] = [
      (keywords.minimum, { $0 >= $1 }, SchemaReason.minimum),
      (keywords.maximum, { $0 <= $1 }, SchemaReason.maximum),
      (keywords.exclusiveMinimum, { $0 > $1 }, SchemaReason.exclusiveMinimum),
      (keywords.exclusiveMaximum, { $0 < $1 }, SchemaReason.exclusiveMaximum),
    ]
    for (bound, holds, reason) in bounds {
      // Draft 4's boolean `exclusiveMinimum` has no number here and is skipped.
      guard case .number(let limitText)? = bound, let limit = Double(limitText) else { continue }
      if !holds(number, limit) { report(.invalid, reason(limitText), at: location, &sink) }
    }
  }

  // MARK: - $ref

  /// The subschema a local reference points at: `#`, or a JSON Pointer fragment such as
  /// `#/definitions/address` or `#/$defs/address`. Remote references resolve to nothing.
  func resolve(_ reference: String) -> JSONValue? {
    guard reference.hasPrefix("#") else { return nil }
    let escaped = String(reference.dropFirst())
    let fragment = escaped.removingPercentEncoding ?? escaped
    if fragment.isEmpty { return root }
    guard fragment.hasPrefix("/") else { return nil }
    var node = root
    for rawToken in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      let token = rawToken.replacingOccurrences(of: "~1", with: "/")
        .replacingOccurrences(of: "~0", with: "~")
      switch node {
      case .object(let members):
        guard let next = members[token] else { return nil }
        node = next
      case .array(let elements):
        guard let index = Int(token), elements.indices.contains(index) else { return nil }
        node = elements[index]
      default:
        return nil
      }
    }
    return node
  }
}
