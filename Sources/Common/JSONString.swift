/// The one JSON string escaper: a string as `JSONEncoder` writes it with `.withoutEscapingSlashes`
/// (`"` and `\` escaped, `\b \t \n \f \r` short, other control characters as `\u00XX` in lower-case
/// hex, everything else as its UTF-8 bytes), for the hand-written serialisers that must be
/// byte-stable and fast.
public enum JSONString {
  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `s`, quoted and escaped, to `out`.
  public static func append(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let utf8 = s.utf8
    guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
      out.append(contentsOf: utf8)
      out.append(UInt8(ascii: "\""))
      return
    }
    for byte in utf8 {
      switch byte {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x08: out += [0x5C, UInt8(ascii: "b")]
      case 0x09: out += [0x5C, UInt8(ascii: "t")]
      case 0x0A: out += [0x5C, UInt8(ascii: "n")]
      case 0x0C: out += [0x5C, UInt8(ascii: "f")]
      case 0x0D: out += [0x5C, UInt8(ascii: "r")]
      case 0..<0x20:
        out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// `s` quoted and escaped, as a string.
  public static func quoted(_ s: String) -> String {
    var out: [UInt8] = []
    append(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}
