import Foundation
import Testing

@testable import Common

@Suite struct JSONStringTests {
  /// What `JSONEncoder` writes for a string with `.withoutEscapingSlashes`: the contract.
  private static func encoded(_ s: String) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return String(decoding: try encoder.encode([s]), as: UTF8.self).dropFirst().dropLast()
      .description
  }

  @Test(arguments: [
    "", "plain", "a \"quoted\" word", "back\\slash", "a/b", "tab\there", "new\nline", "cr\rlf",
    "bell\u{07}", "backspace\u{08}", "form\u{0C}feed", "nul\u{00}", "unit\u{1F}", "é ✓ 😀",
    "\u{7F}del", "\u{2028}",
  ])
  func writesWhatJSONEncoderWrites(_ s: String) throws {
    #expect(JSONString.quoted(s) == (try Self.encoded(s)))
  }

  @Test func roundTripsThroughJSONSerialization() throws {
    let s = "\"\\\u{00}\u{01}\u{08}\u{0C}\n\r\t x ✓"
    let data = Data(("[" + JSONString.quoted(s) + "]").utf8)
    let parsed = try JSONSerialization.jsonObject(with: data) as? [String]
    #expect(parsed == [s])
  }

  @Test func appendsAfterWhatIsThere() {
    var out = Array("x:".utf8)
    JSONString.append("a\"b", to: &out)
    #expect(String(decoding: out, as: UTF8.self) == #"x:"a\"b""#)
  }
}
