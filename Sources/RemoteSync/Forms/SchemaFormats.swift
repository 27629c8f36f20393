import Common

/// The `format` values the validator checks. Every other format is an annotation and is ignored,
/// as JSON Schema allows.
enum SchemaFormats {
  /// Whether `value` satisfies `format`; `nil` for a format this validator does not check.
  static func check(_ format: String, _ value: String) -> Bool? {
    switch format {
    case "date": return isFullDate(value)
    case "email": return isEmail(value)
    default: return nil
    }
  }

  /// RFC 3339 `full-date`: `YYYY-MM-DD`, ASCII digits, a real calendar day (Gregorian leap years).
  /// Remote's own form library (json-schema-form `format.ts`, seen) checks only the shape; a
  /// calendar check is ours, as the JSON Schema specification asks for a valid date.
  static func isFullDate(_ value: String) -> Bool { UTCDate.isCalendarDay(value) }

  /// The address check of Remote's form library (json-schema-form `format.ts`, seen): a local part
  /// of `[A-Za-z0-9_.!#$%&'*+/=?^`{|}~-]`, one `@`, and a host name of dot-separated labels of 1 to
  /// 63 letters, digits and inner hyphens (case-insensitive; a dotless host is accepted, as there).
  static func isEmail(_ value: String) -> Bool {
    let bytes = Array(value.utf8)
    guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0 else { return false }
    guard bytes[..<at].allSatisfy(isLocalPartByte) else { return false }
    let host = bytes[(at + 1)...]
    guard !host.isEmpty else { return false }
    let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return labels.allSatisfy(isHostLabel)
  }

  private static let localPartSymbols = Set("_.!#$%&'*+/=?^`{|}~-".utf8)

  private static func isLocalPartByte(_ byte: UInt8) -> Bool {
    isASCIIAlphanumeric(byte) || localPartSymbols.contains(byte)
  }

  private static func isHostLabel(_ label: ArraySlice<UInt8>) -> Bool {
    guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
    guard isASCIIAlphanumeric(first), isASCIIAlphanumeric(last) else { return false }
    return label.allSatisfy { isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") }
  }

  private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return false
    }
  }
}
