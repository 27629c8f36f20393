import Foundation
import HibobAPI

/// JSON equality and integer tests as JSON Schema defines them: numbers compare by value (`1`
/// equals `1.0`), whatever their literal text.
enum SchemaNumbers {
  static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)):
      if x == y { return true }
      // Decimal keeps 38 digits: 19-digit ids that differ in their last digit stay different.
      if let dx = Decimal(string: x, locale: nil), let dy = Decimal(string: y, locale: nil),
        !dx.isNaN, !dy.isNaN
      {
        return dx == dy
      }
      guard let dx = Double(x), let dy = Double(y) else { return false }
      return dx == dy
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.object(let x), .object(let y)):
      guard x.count == y.count else { return false }
      return x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
    default:
      return a == b
    }
  }

  /// Whether a number literal is a whole number (`3`, `3.0` and `3e2` are; `3.5` is not).
  static func isInteger(_ literal: String) -> Bool {
    if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return true }
    guard let value = Double(literal), value.isFinite else { return false }
    return value.rounded(.towardZero) == value
  }
}
