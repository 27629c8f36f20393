import Foundation
import Testing

@testable import HibobAPI

@Suite struct JSONParserTests {
  @Test func parsesEveryValueKind() throws {
    let value = try JSONParser.parse(
      #" { "a": [1, -2.5e3, true, false, null, "x\"\\\/\n\u00e9\ud83d\ude00"], "b": {}, "c": [] } "#
    )
    #expect(
      value
        == .object([
          "a": .array([
            .number("1"), .number("-2.5e3"), true, false, .null, .string("x\"\\/\n\u{e9}\u{1F600}"),
          ]),
          "b": .object([:]), "c": .array([]),
        ]))
  }

  @Test func keepsLargeIdsExactly() throws {
    let value = try JSONParser.parse(#"{"id":3980342332732998349}"#)
    #expect(value["id"]?.idString == "3980342332732998349")
    #expect(value["id"]?.intValue == 3_980_342_332_732_998_349)
  }

  @Test func parsesUTF8Text() throws {
    #expect(try JSONParser.parse("\"Zoë 東京\"") == .string("Zoë 東京"))
  }

  @Test(arguments: [
    "", "{", "[1,", #"{"a":"#, #"{"a":1"#, #""abc"#, "tru", #"{"employees":[{"id":"1"}"#, "-",
  ])
  func reportsTruncation(_ text: String) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    do {
      _ = try JSONParser.parse(text)
    } catch {
      #expect(error.reason == "truncated JSON")
    }
  }

  @Test(arguments: [
    "01", "1.", "1e", "+1", "[1,]", #"{"a":1,}"#, "{a:1}", "'x'", "[1] x", "nul", "\"\u{01}\"",
    #""\x""#, #""\ud800""#, #""\ud800\u0041""#, "<html>", "NaN",
  ])
  func rejectsInvalidJSON(_ text: String) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
  }

  @Test func rejectsInvalidUTF8() {
    let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
    #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(bytes)) }
    let escaped: [UInt8] = Array(#""\n"#.utf8) + [0xFF, 0x22]
    #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(escaped)) }
  }

  @Test func limitsNesting() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect((try? JSONParser.parse(fine)) != nil)
  }

  @Test func serializesSortedAndRoundTrips() throws {
    let value: JSONValue = ["b": [1, "x\"y\u{01}"], "a": nil, "c": ["d": true]]
    let text = String(decoding: value.serialized(), as: UTF8.self)
    #expect(text == #"{"a":null,"b":[1,"x\"y\u0001"],"c":{"d":true}}"#)
    #expect(try JSONParser.parse(value.serialized()) == value)
  }

  @Test func agreesWithJSONSerializationOnASample() throws {
    let text = #"{"employees":[{"id":"1","work":{"site":"London","fte":0.5,"x":[null,1e2]}}]}"#
    let ours = try JSONParser.parse(text)
    let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let employee = (theirs?["employees"] as? [[String: Any]])?.first
    #expect(ours["employees"]?.arrayValue?.first?["work"]?["site"] == "London")
    #expect((employee?["work"] as? [String: Any])?["site"] as? String == "London")
    #expect(ours["employees"]?.arrayValue?.first?["work"]?["fte"]?.doubleValue == 0.5)
  }
}
