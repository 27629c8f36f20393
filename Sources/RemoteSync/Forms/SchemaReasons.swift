import HibobAPI

/// The reasons a violation gives. They name the rule, never the instance's value (form values are
/// personal data); a limit from the schema may appear.
enum SchemaReason {
  static let required = "is required"
  static let notAllowed = "is not allowed"
  static let undeclaredProperty = "is not a property the form allows"
  static let notInEnum = "must be one of the allowed values"
  static let notConst = "must be the one allowed value"
  static let pattern = "does not match the required pattern"
  static let duplicateItems = "must not contain the same item twice"
  static let severalAlternatives =
    "matches more than one of the alternatives, exactly one is allowed"

  static func type(_ names: [String]) -> String {
    "must be of type " + names.joined(separator: " or ")
  }

  static func format(_ format: String) -> String { "does not match format \(format)" }
  static func minLength(_ limit: Int) -> String { "must be at least \(limit) characters long" }
  static func maxLength(_ limit: Int) -> String { "must be at most \(limit) characters long" }
  static func minimum(_ limit: String) -> String { "must be at least \(limit)" }
  static func maximum(_ limit: String) -> String { "must be at most \(limit)" }
  static func exclusiveMinimum(_ limit: String) -> String { "must be greater than \(limit)" }
  static func exclusiveMaximum(_ limit: String) -> String { "must be less than \(limit)" }
  static func minItems(_ limit: Int) -> String { "must have at least \(limit) items" }
  static func maxItems(_ limit: Int) -> String { "must have at most \(limit) items" }

  /// `not`: "must not be null" for Remote's `not: {const: null}` (seen in the phone number
  /// branches of its forms), else a general phrase.
  static func not(_ excluded: JSONValue) -> String {
    if excluded == ["const": nil] || excluded == ["type": "null"] { return "must not be null" }
    if isChoice(excluded) { return "must not be one of the excluded values" }
    return "must not match the excluded schema"
  }

  /// `anyOf`/`oneOf` matched by no branch. Remote writes its select lists as `oneOf` of
  /// `{const, title}` branches (seen): for those, the same words as `enum`.
  static func noAlternative(_ branches: [JSONValue]) -> String {
    branches.allSatisfy(isChoice) ? notInEnum : "does not match any of the allowed alternatives"
  }

  private static func isChoice(_ schema: JSONValue) -> Bool {
    schema["const"] != nil || schema["enum"] != nil
  }
}
