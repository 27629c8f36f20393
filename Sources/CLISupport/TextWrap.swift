/// Word wrapping for help text: never inside a word, hanging indents.
public enum TextWrap {
  /// `text` split into lines of at most `width` columns (a word longer than a line stays whole on
  /// its own line). The first line starts with `first`, the others with `indent`. `width` nil:
  /// one line.
  public static func wrap(_ text: String, width: Int?, first: String = "", indent: String = "")
    -> [String]
  {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
    var lines: [String] = []
    var line = first
    var hasWord = false
    for word in words {
      if hasWord, let width, line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
        hasWord = false
      }
      line += (hasWord ? " " : "") + word
      hasWord = true
    }
    lines.append(line)
    return lines
  }
}
