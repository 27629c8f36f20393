/// The one greedy word wrap, for the catalogue's text, help, terminal paragraphs and the text
/// report.
public enum TextWrap {
  /// Wraps `words` to `width` columns (counted in characters), joined by one space: the first
  /// line starts with `first`, the others with `indent`. A word longer than a line is kept whole
  /// on its own line. `width` nil keeps everything on one line. Always at least one line.
  ///
  /// `firstIsHead`: `first` is a head that ends in its own spacing (`  ✗ fail    rule.id  `)
  /// and counts as a word, so the first word goes to the next line when it does not fit beside
  /// it; a head left without a word loses its trailing spaces. Without it the first word always
  /// stays on the first line.
  public static func wrap(
    _ words: some Sequence<some StringProtocol>, width: Int?, first: String = "",
    indent: String = "", firstIsHead: Bool = false
  ) -> [String] {
    var lines: [String] = []
    var line = first
    var lineHasWord = false
    for word in words {
      if let width, lineHasWord || (firstIsHead && lines.isEmpty),
        line.count + (lineHasWord ? 1 : 0) + word.count > width
      {
        lines.append(lineHasWord ? line : trimmingTrailingSpaces(line))
        line = indent
        lineHasWord = false
      }
      line += (lineHasWord ? " " : "") + word
      lineHasWord = true
    }
    lines.append(lineHasWord || !firstIsHead ? line : trimmingTrailingSpaces(line))
    return lines
  }

  /// Wraps `text`, split at white space (runs of it, new lines included), as
  /// ``wrap(_:width:first:indent:firstIsHead:)`` wraps words.
  public static func wrap(
    _ text: String, width: Int?, first: String = "", indent: String = "",
    firstIsHead: Bool = false
  ) -> [String] {
    wrap(
      text.split(whereSeparator: { $0.isWhitespace }), width: width, first: first, indent: indent,
      firstIsHead: firstIsHead)
  }

  private static func trimmingTrailingSpaces(_ s: String) -> String {
    var s = s
    while s.last == " " { s.removeLast() }
    return s
  }
}
