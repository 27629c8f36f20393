import Common
import Foundation
import HibobAPI

/// Replaces employees' personal data in recorded answers with consistent placeholders: the same
/// value gets the same placeholder everywhere in one recording, so references still resolve.
///
/// What stays, because the rules need it: every key (so absent and `null` stay told apart),
/// `null`s, booleans, empty strings, employee and item ids (`id`, `employeeId`, `/root/id`),
/// start dates (the history sample picks the longest-serving employees), the values of the
/// "Sync to Remote" field, of lifecycle fields (list item ids and statuses) and of employee
/// references (`employee`, `employee-reference`: ids, which scope's rule matches), paging cursors,
/// restricted-column names, Hibob's error texts, field metadata except descriptions, and named
/// lists (company configuration, not personal data).
///
/// What goes, in people-search, employee and history answers: every other string (emails become
/// `person-0007@example.invalid`, names `Person 0007`, dates `1900-...` dates, anything else
/// `redacted-7`) and every other number (`0`). A body that is not JSON is replaced by a short
/// text that is not JSON either. Request paths lose any email address.
public struct Redactor: Sendable {
  /// The domain of email placeholders; `LeakScanner` accepts it.
  public static let placeholderDomain = "example.invalid"

  /// Every placeholder given so far, by original value: one value, one placeholder.
  private var given: [String: String] = [:]
  private var emails = 0
  private var names = 0
  private var dates = 0
  private var others = 0
  /// Field ids whose values stay (the sync field, lifecycle fields), as path components.
  private var keptFields: [[String]] = [["work", "startDate"], ["root", "id"]]

  public init() {}

  static let keptKeys: Set<String> = [
    "id", "employeeId", "startDate", "isCurrent", "next_cursor", "key", "error", "status",
    "lifecycleStatus",
  ]
  static let keptSubtrees: Set<String> = ["restricted_columns", "response_metadata"]
  static let nameKeys: Set<String> = [
    "firstname", "surname", "lastname", "displayname", "middlename", "preferredname",
    "fullname", "name",
  ]

  /// The recorded form of a response body to `target` (path and query).
  public mutating func redactResponse(_ body: Data, target: String) -> Recording.Body? {
    guard !body.isEmpty else { return nil }
    guard let json = try? JSONParser.parse(body) else {
      return .text("[redacted: \(body.count) bytes that are not JSON]")
    }
    let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
    if path.contains("/company/named-lists") { return .json(json) }
    if path.contains("/company/people/fields") {
      learnFields(json)
      return .json(metadata(json))
    }
    return .json(people(json, keys: []))
  }

  /// The request target with any email address (`/people/{email}`) replaced.
  public mutating func redactTarget(_ target: String) -> String {
    guard target.contains("@") || target.contains("%40") else { return target }
    var segments = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    for index in segments.indices {
      let decoded = segments[index].removingPercentEncoding ?? segments[index]
      if decoded.contains("@") { segments[index] = email(decoded) }
    }
    return segments.joined(separator: "/")
  }

  // MARK: - Field metadata

  private mutating func learnFields(_ json: JSONValue) {
    let list: [JSONValue]
    switch json {
    case .array(let a): list = a
    case .object(let o): list = o["fields"]?.arrayValue ?? []
    default: list = []
    }
    for case .object(let field) in list {
      guard let id = field["id"]?.stringValue else { continue }
      let name = field["name"]?.stringValue?.trimmingCharacters(in: .whitespaces).lowercased()
      // References keep their ids (employee ids, not personal data): a string id redacted
      // would read as a reference to an employee who is not visible.
      let isReference = field["type"]?.stringValue.map(ProbePlan.referenceTypes.contains) ?? false
      if name == ProbePlan.syncFieldName.lowercased() || field["categoryId"] == "lifecycle"
        || isReference
      {
        keptFields.append(id.split(separator: ".").map(String.init))
      }
    }
  }

  /// Metadata is company configuration: only free-text descriptions are replaced.
  private mutating func metadata(_ json: JSONValue) -> JSONValue {
    switch json {
    case .array(let a): return .array(a.map { metadata($0) })
    case .object(let o):
      var copy: [String: JSONValue] = [:]
      // Sorted: placeholders are numbered in a stable order, run after run.
      for (key, value) in o.sorted(by: { $0.key < $1.key }) {
        if key == "description", case .string(let s) = value,
          !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
          copy[key] = .string(other(s))
        } else {
          copy[key] = metadata(value)
        }
      }
      return .object(copy)
    default: return json
    }
  }

  // MARK: - People, employees, history

  private mutating func people(_ json: JSONValue, keys: [String]) -> JSONValue {
    switch json {
    case .object(let o):
      var copy: [String: JSONValue] = [:]
      // Sorted: placeholders are numbered in a stable order, run after run.
      for (key, value) in o.sorted(by: { $0.key < $1.key }) {
        copy[key] = Self.keptSubtrees.contains(key) ? value : people(value, keys: keys + [key])
      }
      return .object(copy)
    case .array(let a):
      return .array(a.map { people($0, keys: keys) })
    case .string(let s):
      if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || keeps(keys) { return json }
      return .string(placeholder(for: s, key: Self.fieldKey(keys)))
    case .number:
      return keeps(keys) ? json : .number("0")
    case .null, .bool:
      return json
    }
  }

  /// The key that names a value: the last one, skipping `value` and `humanReadable` wrappers.
  private static func fieldKey(_ keys: [String]) -> String {
    keys.last { $0 != "value" && $0 != "humanReadable" } ?? ""
  }

  private func keeps(_ keys: [String]) -> Bool {
    var meaningful = keys
    while let last = meaningful.last, last == "value" || last == "humanReadable" {
      meaningful.removeLast()
    }
    if let last = meaningful.last, Self.keptKeys.contains(last) { return true }
    for field in keptFields {
      // A slash key keeps its scalar value only, never an object under it (a manager
      // reference object carries names and an email).
      if meaningful.last == "/" + field.joined(separator: "/") { return true }
      if meaningful.count >= field.count, Array(meaningful.suffix(field.count)) == field {
        return true
      }
    }
    return false
  }

  private mutating func placeholder(for value: String, key: String) -> String {
    if let known = given[value] { return known }
    // `/root/firstName` names the field as well as `firstName` does.
    let lowered = (key.split(separator: "/").last.map(String.init) ?? key).lowercased()
    let made: String
    if lowered.contains("email") || LeakScanner.looksLikeEmail(value) {
      made = nextEmail()
    } else if Self.nameKeys.contains(lowered) {
      names += 1
      made = "Person \(Self.padded(names))"
    } else if LeakScanner.looksLikeDate(value) {
      made = nextDate()
    } else {
      made = other(value)
    }
    given[value] = made
    return made
  }

  private mutating func email(_ value: String) -> String {
    if let known = given[value] { return known }
    let made = nextEmail()
    given[value] = made
    return made
  }

  private mutating func nextEmail() -> String {
    emails += 1
    return "person-\(Self.padded(emails))@\(Self.placeholderDomain)"
  }

  /// 1900-01-01, in days since 1970-01-01.
  private static let firstPlaceholderDay = -25_567

  /// A date placeholder keeps the `yyyy-MM-dd` shape: 1900-01-01 plus one day per distinct date.
  private mutating func nextDate() -> String {
    defer { dates += 1 }
    return UTCDate.day(daysSinceEpoch: Self.firstPlaceholderDay + dates)
  }

  private mutating func other(_ value: String) -> String {
    if let known = given[value] { return known }
    others += 1
    let made = "redacted-\(others)"
    given[value] = made
    return made
  }

  private static func padded(_ n: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
