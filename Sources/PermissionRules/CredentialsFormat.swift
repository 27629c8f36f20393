/// Offline checks of the service user's credentials (`credentials.format`, steps 2.4 and 4.3).
/// Nothing is sent when any problem is found. The messages say which value is wrong and how, but
/// never quote the value itself: they are safe to print, log and put in a report.
public enum CredentialsFormat {
  /// Every problem found with the two values, in a fixed order; empty when both look usable.
  public static func problems(serviceUserId: String, token: String) -> [String] {
    var found: [String] = []
    found += problems(of: serviceUserId, named: idName)
    found += problems(of: token, named: tokenName)
    if serviceUserId.contains(":") {
      found.append(colonInId)
    }
    if !serviceUserId.isEmpty && serviceUserId == token {
      found.append(sameValue)
    }
    return found
  }

  private static let idName = "service user id"
  private static let tokenName = "token"
  private static let colonInId =
    "The service user id contains ':', which Basic authentication cannot carry in a user id: "
    + "copy the id again from Settings > Integrations > Automation > Service Users (step 2.4)."
  private static let sameValue =
    "The service user id and the token are the same value: one of them was pasted twice "
    + "(step 2.4 shows the user id and the token separately)."

  private static func empty(_ name: String) -> String {
    "The \(name) is empty."
  }
  private static func onlyWhiteSpace(_ name: String) -> String {
    "The \(name) consists only of white space."
  }
  private static func leading(_ name: String, _ what: String) -> String {
    "The \(name) has a leading \(what): remove it."
  }
  private static func trailing(_ name: String, _ what: String) -> String {
    "The \(name) has a trailing \(what): remove it."
  }
  private static func schemePrefix(_ name: String, _ scheme: String) -> String {
    "The \(name) starts with '\(scheme) ': enter only the value Hibob showed, without an "
      + "authentication scheme."
  }
  private static func control(_ name: String) -> String {
    "The \(name) contains a control character (a tab or line break inside the value, say)."
  }
  private static func invisible(_ name: String) -> String {
    "The \(name) contains an invisible formatting character (a zero-width space or byte-order "
      + "mark, often picked up by copy and paste)."
  }

  private static let quoteMarks: Set<Character> = [
    "\"", "'", "`", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}",
  ]

  private static func problems(of value: String, named name: String) -> [String] {
    if value.isEmpty { return [empty(name)] }
    if value.allSatisfy(\.isWhitespace) { return [onlyWhiteSpace(name)] }
    var found: [String] = []
    if let first = value.first, let what = describeEdge(first) {
      found.append(leading(name, what))
    }
    if let last = value.last, let what = describeEdge(last) {
      found.append(trailing(name, what))
    }
    let core = value.trimmingEdges { describeEdge($0) != nil }
    for scheme in ["Basic", "Bearer"] where core.lowercased().hasPrefix(scheme.lowercased() + " ") {
      found.append(schemePrefix(name, scheme))
    }
    let inner = core.unicodeScalars
    if inner.contains(where: { $0.properties.generalCategory == .control }) {
      found.append(control(name))
    }
    if inner.contains(where: { $0.properties.generalCategory == .format }) {
      found.append(invisible(name))
    }
    return found
  }

  /// A short description of a character that must not start or end a value, or nil.
  private static func describeEdge(_ c: Character) -> String? {
    if quoteMarks.contains(c) { return "quote mark" }
    if c == " " { return "space" }
    if c == "\t" { return "tab" }
    if c.isNewline { return "line break" }
    if c.isWhitespace { return "white-space character" }
    if c.unicodeScalars.contains(where: { $0.properties.generalCategory == .format }) {
      return "invisible formatting character"
    }
    return nil
  }
}

extension String {
  /// The string without the leading and trailing characters matching `predicate`.
  fileprivate func trimmingEdges(_ predicate: (Character) -> Bool) -> Substring {
    var slice = self[...]
    while let c = slice.first, predicate(c) { slice = slice.dropFirst() }
    while let c = slice.last, predicate(c) { slice = slice.dropLast() }
    return slice
  }
}
