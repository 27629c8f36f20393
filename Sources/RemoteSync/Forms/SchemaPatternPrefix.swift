/// The literal text every match of an anchored pattern must start with, found by a conservative
/// reading of the pattern: `^(\+351)[0-9]{9}$` gives `+351`, `^(\+1)(684)[0-9]{6,}$` gives
/// `+1684`. Whatever it does not understand ends the prefix, and a pattern that may match other
/// than at the start (no leading `^`, a top-level `|`) or that it cannot read has none (`""`).
/// Only used to skip the regular expression when a text cannot match, so it must never claim
/// more than the pattern requires.
enum SchemaPatternPrefix {
  static func literalPrefix(of pattern: String) -> String {
    let characters = Array(pattern.unicodeScalars)
    guard characters.first == "^", !hasTopLevelAlternation(characters) else { return "" }
    var prefix = ""
    var index = 1
    while index < characters.count {
      if characters[index] == "(" {
        // A plain capturing group of literals, e.g. `(\+49)`, not followed by a quantifier.
        guard let (group, end) = literalGroup(characters, from: index + 1),
          !isQuantifier(characters, at: end + 1)
        else { break }
        prefix += group
        index = end + 1
      } else if let (literal, next) = literal(characters, at: index) {
        guard !isQuantifier(characters, at: next) else { break }
        prefix.unicodeScalars.append(literal)
        index = next
      } else {
        break
      }
    }
    return prefix
  }

  /// The literals of a group opened before `start` and the index of its `)`; `nil` for anything
  /// but literals (`(?:`, classes, alternation, nested groups, quantifiers inside).
  private static func literalGroup(
    _ characters: [Unicode.Scalar], from start: Int
  ) -> (String, Int)? {
    var text = ""
    var index = start
    while index < characters.count {
      if characters[index] == ")" { return text.isEmpty ? nil : (text, index) }
      guard let (literal, next) = literal(characters, at: index),
        !isQuantifier(characters, at: next)
      else { return nil }
      text.unicodeScalars.append(literal)
      index = next
    }
    return nil
  }

  /// A literal character at `index` and the index after it: a letter, digit or safe symbol, or
  /// an escaped punctuation mark such as `\+`.
  private static func literal(
    _ characters: [Unicode.Scalar], at index: Int
  ) -> (Unicode.Scalar, Int)? {
    let character = characters[index]
    if character == "\\" {
      guard index + 1 < characters.count else { return nil }
      let escaped = characters[index + 1]
      return escapablePunctuation.contains(escaped) ? (escaped, index + 2) : nil
    }
    return plainLiterals.contains(character) ? (character, index + 1) : nil
  }

  private static func isQuantifier(_ characters: [Unicode.Scalar], at index: Int) -> Bool {
    index < characters.count && "?*+{".unicodeScalars.contains(characters[index])
  }

  private static let plainLiterals = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_@:/,".unicodeScalars)
  private static let escapablePunctuation = Set("+.*?()[]{}|^$\\/-".unicodeScalars)

  /// Whether a `|` stands outside every group and class, making the leading `^` one alternative
  /// among others. Unbalanced or unusual brackets count as yes.
  private static func hasTopLevelAlternation(_ characters: [Unicode.Scalar]) -> Bool {
    var depth = 0
    var classDepth = 0
    var index = 0
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "\\":
        index += 1
      case "[":
        // `[]` and `[^]` read differently across engines: give up.
        let next = index + 1 < characters.count ? characters[index + 1] : "]"
        let afterCaret = index + 2 < characters.count ? characters[index + 2] : "]"
        if next == "]" || (next == "^" && afterCaret == "]") { return true }
        classDepth += 1
      case "]" where classDepth > 0:
        classDepth -= 1
      case "(" where classDepth == 0:
        depth += 1
      case ")" where classDepth == 0:
        depth -= 1
        if depth < 0 { return true }
      case "|" where classDepth == 0 && depth == 0:
        return true
      default:
        break
      }
      index += 1
    }
    return depth != 0 || classDepth != 0
  }
}
