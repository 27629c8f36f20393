import Foundation
import Testing

@testable import RemoteSync

/// The literal-prefix shortcut must never change a pattern's answer: it only skips ICU when a text
/// cannot match.
@Suite("SchemaPatternPrefix")
struct SchemaPatternPrefixTests {
  @Test(arguments: [
    (#"^(\+351)[0-9]{9}$"#, "+351"),
    (#"^(\+1)(684)[0-9]{6,}$"#, "+1684"),
    (#"^(\+1)(204|226|236)[0-9]{6,}$"#, "+1"),
    (#"^(\+599)(3|4|7)[0-9]{6,}$"#, "+599"),
    (#"^PT-[0-9]+"#, "PT-"),
    (#"^abc?"#, "ab"),
    (#"^(ab)?c"#, ""),
    (#"^a{2}"#, ""),
    (#"^a|b"#, ""),
    (#"^(a)|b"#, ""),
    (#"^[|]a"#, ""),
    (#"^[a|b]x"#, ""),
    (#"\S"#, ""),
    (#"abc"#, ""),
    (#"^(?i)abc"#, ""),
    (#"^\d+"#, ""),
    (#"^a\Qb\E"#, "a"),
    (#"^x[]|]"#, ""),
    (#"^(a"#, ""),
  ])
  func literalPrefix(_ pattern: String, _ prefix: String) {
    #expect(SchemaPatternPrefix.literalPrefix(of: pattern) == prefix)
  }

  @Test func theShortcutAgreesWithTheRegularExpression() throws {
    let patterns = [
      #"^(\+351)[0-9]{9}$"#, #"^(\+1)(684)[0-9]{6,}$"#, #"^(\+1)(204|226)[0-9]{6,}$"#,
      #"^abc?"#, #"^a|b"#, #"^[a|b]x"#, #"^PT-[0-9]+"#, #"\S"#, #"^ab\.c"#,
    ]
    let texts = [
      "+351912345678", "+35191234567", "+1684123456", "+1204123456", "+1300123456", "ab", "abc",
      "xb", "b", "ax", "|x", "PT-12", "pt-12", "ab.c", "abxc", "", " ", "+351 912345678",
    ]
    for pattern in patterns {
      let regex = try NSRegularExpression(pattern: pattern)
      let patterns = SchemaPatterns(compiling: ["pattern": .string(pattern)])
      for text in texts {
        let expected =
          regex.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text))
          != nil
        #expect(patterns.matches(pattern, text) == expected, "\(pattern) on \(text)")
      }
    }
  }
}
