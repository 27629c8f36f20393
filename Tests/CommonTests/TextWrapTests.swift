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
    let lines = TextWrap.wrap("one two three four five six", width: 13, first: "  ", indent: "  ")
    #expect(lines == ["  one two", "  three four", "  five six"])
    #expect(lines.allSatisfy { $0.count <= 13 })
  }

  @Test func firstStartsTheFirstLineOnly() {
    let lines = TextWrap.wrap("alpha beta gamma", width: 12, first: "  • ", indent: "    ")
    #expect(lines == ["  • alpha", "    beta", "    gamma"])
  }

  @Test func aLongWordStaysWholeOnItsOwnLine() {
    let word = String(repeating: "x", count: 30)
    let lines = TextWrap.wrap("a \(word) b", width: 10)
    #expect(lines == ["a", word, "b"])
  }

  @Test func whiteSpaceRunsAndNewLinesCollapse() {
    #expect(TextWrap.wrap("a \n\t  b", width: 80) == ["a b"])
  }

  @Test func emptyTextIsOneIndentLine() {
    #expect(TextWrap.wrap("", width: 80, first: "  ", indent: "  ") == ["  "])
    #expect(TextWrap.wrap([String](), width: 80, first: "- ", indent: "> ") == ["- "])
  }

  @Test func givenWordsAreKeptAsGiven() {
    #expect(TextWrap.wrap(["a b", "c"], width: 80) == ["a b c"])
  }

  @Test func aHeadCountsAsAWordAndMayStandAlone() {
    let head = "  ✗ fail    rule.id  "
    #expect(
      TextWrap.wrap("a b", width: 40, first: head, indent: "    ", firstIsHead: true)
        == [head + "a b"])
    #expect(
      TextWrap.wrap("alpha beta", width: 24, first: head, indent: "    ", firstIsHead: true)
        == ["  ✗ fail    rule.id", "    alpha beta"])
    #expect(
      TextWrap.wrap("", width: 24, first: head, indent: "    ", firstIsHead: true)
        == ["  ✗ fail    rule.id"])
    #expect(
      TextWrap.wrap("alpha beta", width: nil, first: head, indent: "    ", firstIsHead: true)
        == [head + "alpha beta"])
  }

  @Test func withoutAHeadTheFirstWordStaysOnTheFirstLine() {
    let lines = TextWrap.wrap("alphabet b", width: 6, first: "> ", indent: "  ")
    #expect(lines == ["> alphabet", "  b"])
  }
}
