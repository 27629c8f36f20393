import Foundation

/// What `LeakScanner` found: the kind of leak and the file it is in, never the value itself.
public struct Leak: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    case token = "the service user's token"
    case authorization = "an Authorization header or Basic credentials"
    case email = "an email address"
    case phone = "a phone number"
    case iban = "an IBAN"
    case passport = "a passport or identity number"
    case birthDate = "a date of birth"
  }

  public var kind: Kind
  /// The file name (or what the bytes are) as the user knows it.
  public var file: String
  /// 1-based line of the first match.
  public var line: Int

  public init(kind: Kind, file: String, line: Int) {
    self.kind = kind
    self.file = file
    self.line = line
  }

  public var description: String {
    "refusing to write: \(file) line \(line) holds what looks like \(kind.rawValue); "
      + "nothing was written (report this as a hibob-remote bug, without the file)"
  }
}

/// Scans bytes about to be written (reports, recordings, bundles) for the token and for
/// personal-data patterns. Placeholders (`@example.invalid`, `Person 0007`, `redacted-7`,
/// `1900-...` dates) pass; so do Hibob's opaque employee ids (long digit runs without separators).
public struct LeakScanner: Sendable {
  /// Secrets to look for verbatim: the token and its Basic authorization value.
  private let secrets: [String]

  public init(token: String? = nil, serviceUserId: String? = nil) {
    var secrets: [String] = []
    if let token, token.count >= 4 {
      secrets.append(token)
      if let id = serviceUserId {
        secrets.append(Data("\(id):\(token)".utf8).base64EncodedString())
      }
    }
    self.secrets = secrets
  }

  /// The first leak in `data`, or nil.
  public func scan(_ data: Data, file: String) -> Leak? {
    let text = String(decoding: data, as: UTF8.self)
    for secret in secrets {
      if let range = text.range(of: secret) { return leak(.token, in: text, at: range, file: file) }
    }
    for (kind, pattern) in Self.patterns {
      let range = NSRange(text.startIndex..., in: text)
      for match in pattern.matches(in: text, range: range) {
        guard let found = Range(match.range, in: text) else { continue }
        if kind == .email, text[found].lowercased().hasSuffix("@" + Redactor.placeholderDomain) {
          continue
        }
        if kind == .birthDate, Self.isPlaceholderValue(String(text[found])) { continue }
        return leak(kind, in: text, at: found, file: file)
      }
    }
    return nil
  }

  /// Scans every file; throws the first leak.
  public func check(_ files: [(name: String, data: Data)]) throws(Leak) {
    for file in files {
      if let leak = scan(file.data, file: file.name) { throw leak }
    }
  }

  private func leak(_ kind: Leak.Kind, in text: String, at range: Range<String.Index>, file: String)
    -> Leak
  {
    let line = text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    return Leak(kind: kind, file: file, line: line)
  }

  private static func isPlaceholderValue(_ match: String) -> Bool {
    match.contains("\"redacted-") || match.contains("\"1900-") || match.contains("\"Person ")
  }

  static func looksLikeEmail(_ value: String) -> Bool {
    let range = NSRange(value.startIndex..., in: value)
    return emailPattern.firstMatch(in: value, range: range) != nil
  }

  static func looksLikeDate(_ value: String) -> Bool {
    let range = NSRange(value.startIndex..., in: value)
    return datePattern.firstMatch(in: value, range: range) != nil
  }

  private static let emailPattern = regex(
    #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
  private static let datePattern = regex(#"^\d{4}-\d{2}-\d{2}"#)

  /// In the order they are tried.
  private static let patterns: [(Leak.Kind, NSRegularExpression)] = [
    (
      .authorization,
      regex(
        #"(?i:"?authorization"?\s*[:=])|\bBasic (?=[A-Za-z0-9+/]*[0-9+/])[A-Za-z0-9+/]{12,}={0,2}"#
      )
    ),
    (.email, emailPattern),
    // "+44 20 7946 0000", "+1 555 0101", "(020) 7946-0000", "020 7946 0000".
    (
      .phone,
      regex(
        #"\+\d{1,3}[ \-.]?(\(\d{1,4}\)[ \-.]?)?\d{2,4}([ \-.]?\d{2,4}){1,3}\b|\(\d{2,5}\)[ \-.]?\d{3,4}[ \-.]?\d{3,4}\b|\b0\d{2,4}[ \-]\d{3,4}[ \-]\d{3,4}\b"#
      )
    ),
    (.iban, regex(#"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b"#)),
    (.passport, regex(#"\b[A-Z]{1,2}\d{6,9}\b"#)),
    (
      .birthDate,
      regex(#"(?i)"[a-z_./]*(birth|dob)[a-z_./]*"\s*:\s*("[^"]+"|\{\s*"value"\s*:\s*"[^"]+")"#)
    ),
  ]

  private static func regex(_ pattern: String) -> NSRegularExpression {
    // The patterns are constants; a typo shows in every test run.
    try! NSRegularExpression(pattern: pattern)
  }
}
