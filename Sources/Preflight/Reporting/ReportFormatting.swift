import Common
import PermissionRules

/// Small pieces every rendering shares, so the formats say the same thing the same way.
enum ReportFormatting {
  /// The mark of a status in text output: one character, then the status word.
  static func mark(_ status: Status) -> String {
    switch status {
    case .pass: "✓"
    case .fail: "✗"
    case .warn: "!"
    case .error: "?"
    case .manual: "•"
    case .skipped: "-"
    }
  }

  /// `0.6 s`: milliseconds as seconds with one decimal, rounded half up. No locale involved.
  static func seconds(ms: Int) -> String {
    let tenths = (max(ms, 0) + 50) / 100
    return "\(tenths / 10).\(tenths % 10) s"
  }

  /// `15 pass, 2 fail, 1 warn, 0 error, 1 manual, 1 skipped`.
  static func counts(_ s: Report.Summary) -> String {
    "\(s.pass) pass, \(s.fail) fail, \(s.warn) warn, \(s.error) error, \(s.manual) manual, "
      + "\(s.skipped) skipped"
  }

  /// `7 requests, 0.6 s`, with retries and rate-limited answers when there were any.
  static func requestStats(_ r: Report.Requests) -> String {
    var parts = ["\(r.count) \(r.count == 1 ? "request" : "requests")"]
    if r.retries > 0 { parts.append("\(r.retries) \(r.retries == 1 ? "retry" : "retries")") }
    if r.rateLimited > 0 { parts.append("\(r.rateLimited) rate-limited") }
    parts.append(seconds(ms: r.durationMs))
    return parts.joined(separator: ", ")
  }

  /// One evidence line: `POST /v1/people/search → 200 (412 ms, 1 attempt): note`.
  static func evidence(_ e: Evidence) -> String {
    let status = e.status.map(String.init) ?? "no answer"
    let attempts = "\(e.attempts) \(e.attempts == 1 ? "attempt" : "attempts")"
    let note = e.note.map { ": \($0)" } ?? ""
    return "\(e.method) \(e.path) → \(status) (\(e.durationMs) ms, \(attempts))\(note)"
  }

  /// Collapses every run of white space (new lines included) into one space, and replaces
  /// control characters with U+FFFD, so text from a tenant (a section name, an error page)
  /// cannot send escape sequences to a terminal.
  static func oneLine(_ s: String) -> String {
    safe(s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
  }

  /// `s` with every control character (general category Cc) replaced by U+FFFD.
  static func safe(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      return s
    }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      out.append(u.properties.generalCategory == .control ? "\u{FFFD}" : u)
    }
    return String(out)
  }

  /// The words of `text` (split at white space, new lines included), each made ``safe(_:)``:
  /// what the text report hands `TextWrap.wrap`.
  static func words(_ text: String) -> [String] {
    text.split(whereSeparator: { $0.isWhitespace }).map { safe(String($0)) }
  }
}
