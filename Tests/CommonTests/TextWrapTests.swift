import Testing

@testable import Common

@Suite struct TextWrapTests {
  @Test func wrapWithoutAWidthKeepsOneLine() {
    #expect(TextWrap.wrap("a  b\nc", width: nil, first: "> ") == ["> a b c"])
  }

  @Test func wrapHangsItsIndentUnderTheFirstLine() {
    let lines = TextWrap.wrap("one two three four", width: 10, first: "- ", indent: "  ")
    #expect(lines == ["- one two", "  three", "  four"])
  }

  @Test func wrapsGreedilyAtTheWidth() {
    let lines = TextWrap.lines("one two three four five six", width: 13, indent: "  ")
    #expect(lines == ["  one two", "  three four", "  five six"])
    #expect(lines.allSatisfy { $0.count <= 13 })
  }

  @Test func firstIndentStartsTheFirstLineOnly() {
    let lines = TextWrap.lines("alpha beta gamma", width: 12, indent: "    ", firstIndent: "  • ")
    #expect(lines == ["  • alpha", "    beta", "    gamma"])
  }

  @Test func aLongWordStaysWholeOnItsOwnLine() {
    let word = String(repeating: "x", count: 30)
    let lines = TextWrap.lines("a \(word) b", width: 10, indent: "")
    #expect(lines == ["a", word, "b"])
  }

  @Test func whiteSpaceRunsAndNewLinesCollapse() {
    #expect(TextWrap.lines("a \n\t  b", width: 80, indent: "") == ["a b"])
  }

  @Test func emptyTextIsOneIndentLine() {
    #expect(TextWrap.lines("", width: 80, indent: "  ") == ["  "])
    #expect(TextWrap.lines([String](), width: 80, indent: "> ", firstIndent: "- ") == ["- "])
  }

  @Test func givenWordsAreKeptAsGiven() {
    #expect(TextWrap.lines(["a b", "c"], width: 80, indent: "") == ["a b c"])
  }
}
