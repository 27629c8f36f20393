/// The one greedy word wrap, for the catalogue's text, help and terminal paragraphs.
public enum TextWrap {
  /// Wraps `words` to `width` columns (counted in characters): every line starts with `indent`,
  /// the first with `firstIndent` if given; words are joined by one space. A word longer than a
  /// line is kept whole on its own line. Always at least one line.
  public static func lines(
    _ words: some Sequence<some StringProtocol>, width: Int, indent: String,
    firstIndent: String? = nil
  ) -> [String] {
    var lines: [String] = []
    var line = firstIndent ?? indent
    var lineHasWord = false
    for word in words {
      if lineHasWord && line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
        lineHasWord = false
      }
      line += (lineHasWord ? " " : "") + word
      lineHasWord = true
    }
    lines.append(line)
    return lines
  }

  /// Wraps `text`, split at white space (runs of it, new lines included), as
  /// ``lines(_:width:indent:firstIndent:)`` does.
  public static func lines(
    _ text: String, width: Int, indent: String, firstIndent: String? = nil
  ) -> [String] {
    lines(
      text.split(whereSeparator: { $0.isWhitespace }), width: width, indent: indent,
      firstIndent: firstIndent)
  }

  /// Wraps `text` for help and terminal paragraphs: the first line starts with `first`, the
  /// others with `indent`; `width` nil keeps it on one line.
  public static func wrap(_ text: String, width: Int?, first: String = "", indent: String = "")
    -> [String]
  {
    let words = text.split(whereSeparator: { $0.isWhitespace })
    guard let width else { return [first + words.joined(separator: " ")] }
    return lines(words, width: width, indent: indent, firstIndent: first)
  }
}
