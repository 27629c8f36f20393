import Foundation
import HibobAPI

/// The regular expressions of a schema's `pattern` and `patternProperties` keywords, compiled
/// once. Remote's German form alone carries some 240 phone patterns (one `anyOf` branch per
/// country, seen in remote-flows' `v3-germany.ts` fixture); compiling them per employee would cost
/// more than the rest of the validation.
struct SchemaPatterns: Sendable {
  private struct Compiled: Sendable {
    /// `nil` for a pattern that does not compile: it is no constraint.
    var regex: NSRegularExpression?
    /// What every match must start with (see `SchemaPatternPrefix`), UTF-8; empty when unknown.
    var prefix: [UInt8]
  }

  private let compiled: [String: Compiled]

  init(compiling schema: JSONValue) {
    var sources = Set<String>()
    Self.collect(schema, into: &sources, depth: 0)
    var compiled: [String: Compiled] = [:]
    for source in sources { compiled[source] = Self.compile(source) }
    self.compiled = compiled
  }

  /// Whether `text` contains a match of `pattern` (JSON Schema patterns are not anchored).
  /// `nil` when the pattern does not compile.
  func matches(_ pattern: String, _ text: String) -> Bool? {
    // The fallback is reached only for a pattern the walk in `collect` did not see (e.g. under a
    // key it skips).
    let entry = compiled[pattern] ?? Self.compile(pattern)
    guard let regex = entry.regex else { return nil }
    // A text without the pattern's literal start cannot match: ICU is not asked. Remote's phone
    // branches (`^(\+49)[0-9]{6,}$`, one per country) are nearly all decided here.
    if !entry.prefix.isEmpty, !text.utf8.starts(with: entry.prefix) { return false }
    let range = NSRange(text.startIndex..<text.endIndex, in: text)
    return regex.firstMatch(in: text, options: [], range: range) != nil
  }

  private static func compile(_ source: String) -> Compiled {
    guard let regex = try? NSRegularExpression(pattern: source, options: []) else {
      return Compiled(regex: nil, prefix: [])
    }
    return Compiled(regex: regex, prefix: Array(SchemaPatternPrefix.literalPrefix(of: source).utf8))
  }

  /// Keys whose values are data or presentation, not schemas: no pattern to find below them.
  private static let dataKeys: Set<String> = ["enum", "const", "default", "examples"]

  private static func collect(_ value: JSONValue, into sources: inout Set<String>, depth: Int) {
    guard depth < SchemaEvaluator.maxSchemaDepth else { return }
    switch value {
    case .object(let members):
      for (key, member) in members {
        if key.hasPrefix("x-") || dataKeys.contains(key) { continue }
        if key == "pattern", case .string(let source) = member {
          sources.insert(source)
        } else if key == "patternProperties", case .object(let patterns) = member {
          sources.formUnion(patterns.keys)
          for schema in patterns.values { collect(schema, into: &sources, depth: depth + 1) }
        } else {
          collect(member, into: &sources, depth: depth + 1)
        }
      }
    case .array(let elements):
      for element in elements { collect(element, into: &sources, depth: depth + 1) }
    default:
      return
    }
  }
}
