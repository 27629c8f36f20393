import Foundation

/// Why a document is not JSON. `offset` is a byte offset into the document.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
  public var reason: String
  public var offset: Int

  public var description: String { "\(reason) at byte \(offset)" }
}

/// A strict JSON parser (RFC 8259) over UTF-8 bytes, written because `JSONSerialization` on
/// Linux is slow on documents of tens of megabytes. Rejects invalid UTF-8, trailing content,
/// leading zeros, lone surrogates in escapes, and nesting deeper than `maxDepth`.
public enum JSONParser {
  public static let maxDepth = 512

  public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
    let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
      var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
      do throws(JSONParseError) {
        let value = try reader.parseDocument()
        return .success(value)
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Data(text.utf8))
  }

  /// What the top level of a document read by `forEachElement` was.
  enum StreamedTop: Equatable {
    /// An object without the key.
    case objectWithoutKey
    /// An object whose (last) value for the key was an array: its elements were handed over.
    case objectWithArray
    /// An object whose (last) value for the key was not an array.
    case objectWithOther(JSONValue)
    /// Not an object.
    case notObject(JSONValue)
  }

  /// Parses `data` as `parse` does (same errors, same offsets) but, when the top level is an
  /// object, hands each element of the array under `key` to `element` as soon as it is parsed
  /// instead of keeping a tree of the whole document: only one element's tree exists at a time.
  /// Other members are parsed (validated) and dropped. When the key appears twice, the elements
  /// of every array under it are handed over.
  static func forEachElement(
    ofArray key: String, in data: Data, _ element: (JSONValue) -> Void
  ) throws(JSONParseError) -> StreamedTop {
    let result: Result<StreamedTop, JSONParseError> = data.withUnsafeBytes { raw in
      var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
      do throws(JSONParseError) {
        return .success(try reader.streamDocument(key: key, element))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

private struct Reader {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  var depth = 0
  /// Members of the objects being parsed, one reusable buffer per depth: each object's
  /// dictionary is then allocated once at its final size, instead of growing (and rehashing)
  /// member by member. A search answer has hundreds of thousands of objects.
  var scratch: [[(String, JSONValue)]] = []

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue()
    skipWhitespace()
    if index != bytes.count { throw fail("unexpected content after the JSON value") }
    return value
  }

  /// `parseDocument` handing the elements of the top-level object's array under `key` to
  /// `element` one by one (see `JSONParser.forEachElement`).
  mutating func streamDocument(
    key: String, _ element: (JSONValue) -> Void
  ) throws(JSONParseError) -> JSONParser.StreamedTop {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
      return .notObject(try parseDocument())
    }
    try enter()
    index += 1
    skipWhitespace()
    var outcome = JSONParser.StreamedTop.objectWithoutKey
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
    } else {
      members: while true {
        let name = try parseMemberName()
        if name == key, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
          try streamArray(element)
          outcome = .objectWithArray
        } else if name == key {
          outcome = .objectWithOther(try parseValue())
        } else {
          _ = try parseValue()
        }
        if try closes(UInt8(ascii: "}")) { break members }
      }
    }
    skipWhitespace()
    if index != bytes.count { throw fail("unexpected content after the JSON value") }
    return outcome
  }

  /// `parseArray` handing each element to `element` instead of collecting them.
  mutating func streamArray(_ element: (JSONValue) -> Void) throws(JSONParseError) {
    try enter()
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return
    }
    while true {
      skipWhitespace()
      element(try parseValue())
      if try closes(UInt8(ascii: "]")) { return }
    }
  }

  func fail(_ reason: String) -> JSONParseError {
    JSONParseError(reason: reason, offset: index)
  }

  func truncatedOr(_ reason: String) -> JSONParseError {
    index >= bytes.count
      ? JSONParseError(reason: "truncated JSON", offset: index) : fail(reason)
  }

  /// `"name":` with the white space around it; returns the name, the reader at the value.
  mutating func parseMemberName() throws(JSONParseError) -> String {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
      throw truncatedOr("expected a member name")
    }
    let name = try parseString()
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
      throw truncatedOr("expected ':'")
    }
    index += 1
    skipWhitespace()
    return name
  }

  /// After a member or an element: consumes a `,` (false: more follow) or the closing `close`
  /// (true: the container ends, one level up); anything else is an error.
  mutating func closes(_ close: UInt8) throws(JSONParseError) -> Bool {
    skipWhitespace()
    guard index < bytes.count else { throw truncatedOr("") }
    if bytes[index] == UInt8(ascii: ",") {
      index += 1
      return false
    }
    guard bytes[index] == close else {
      throw fail(close == UInt8(ascii: "}") ? "expected ',' or '}'" : "expected ',' or ']'")
    }
    index += 1
    depth -= 1
    return true
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw truncatedOr("") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw fail("unexpected character")
    }
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let count = literal.utf8CodeUnitCount
    let start = literal.utf8Start
    for i in 0..<count {
      guard index < bytes.count else { throw truncatedOr("") }
      guard bytes[index] == start[i] else { throw fail("invalid literal") }
      index += 1
    }
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object([:])
    }
    let level = depth
    while scratch.count < level { scratch.append([]) }
    var members = scratch[level - 1]
    scratch[level - 1] = []
    members.removeAll(keepingCapacity: true)
    defer {
      members.removeAll(keepingCapacity: true)
      scratch[level - 1] = members
    }
    while true {
      let key = try parseMemberName()
      members.append((key, try parseValue()))
      if try closes(UInt8(ascii: "}")) {
        var object = [String: JSONValue](minimumCapacity: members.count)
        // A repeated name keeps its last value, as assigning member by member did.
        for (key, value) in members { object[key] = value }
        return .object(object)
      }
    }
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      if try closes(UInt8(ascii: "]")) { return .array(elements) }
    }
  }

  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw truncatedOr("") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if isDigit(bytes[index]) {
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    } else {
      throw fail("invalid number")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw truncatedOr("invalid number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else { throw truncatedOr("invalid number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let text = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    return .number(text)
  }

  func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// Parses a string starting at its opening quote. The fast path (no escapes) validates the
  /// UTF-8 of the slice in one go.
  mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    let start = index
    var hasEscapes = false
    var isASCII = true
    while true {
      guard index < bytes.count else { throw truncatedOr("") }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { break }
      if byte == UInt8(ascii: "\\") {
        hasEscapes = true
        index += 2
        continue
      }
      if byte < 0x20 { throw fail("control character in a string") }
      if byte >= 0x80 { isASCII = false }
      index += 1
    }
    if !hasEscapes {
      let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
      index += 1
      // ASCII is valid UTF-8: skip the validating initialiser, which is far slower.
      if isASCII { return String(decoding: slice, as: UTF8.self) }
      guard let text = String(validating: slice, as: UTF8.self) else {
        throw JSONParseError(reason: "invalid UTF-8 in a string", offset: start)
      }
      return text
    }
    index = start
    return try parseEscapedString()
  }

  mutating func parseEscapedString() throws(JSONParseError) -> String {
    var buffer: [UInt8] = []
    var rawIsASCII = true
    while true {
      guard index < bytes.count else { throw truncatedOr("") }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        break
      }
      if byte != UInt8(ascii: "\\") {
        if byte < 0x20 { throw fail("control character in a string") }
        if byte >= 0x80 { rawIsASCII = false }
        buffer.append(byte)
        index += 1
        continue
      }
      index += 1
      guard index < bytes.count else { throw truncatedOr("") }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""): buffer.append(0x22)
      case UInt8(ascii: "\\"): buffer.append(0x5C)
      case UInt8(ascii: "/"): buffer.append(0x2F)
      case UInt8(ascii: "b"): buffer.append(0x08)
      case UInt8(ascii: "f"): buffer.append(0x0C)
      case UInt8(ascii: "n"): buffer.append(0x0A)
      case UInt8(ascii: "r"): buffer.append(0x0D)
      case UInt8(ascii: "t"): buffer.append(0x09)
      case UInt8(ascii: "u"):
        let scalar = try parseUnicodeEscape()
        appendUTF8(scalar, to: &buffer)
      default:
        index -= 1
        throw fail("invalid escape")
      }
    }
    // Escapes always encode valid scalars: with ASCII raw bytes the buffer is valid UTF-8.
    if rawIsASCII { return String(decoding: buffer, as: UTF8.self) }
    guard let text = String(validating: buffer, as: UTF8.self) else {
      throw fail("invalid UTF-8 in a string")
    }
    return text
  }

  mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard index < bytes.count else { throw truncatedOr("") }
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      default: throw fail("invalid \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// Reads the four hex digits after `\u` (and a low surrogate's escape when the first is a
  /// high surrogate).
  mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
    let first = try parseHex4()
    if (0xD800...0xDBFF).contains(first) {
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
        bytes[index + 1] == UInt8(ascii: "u")
      else { throw truncatedOr("lone surrogate in a \\u escape") }
      index += 2
      let second = try parseHex4()
      guard (0xDC00...0xDFFF).contains(second) else {
        throw fail("lone surrogate in a \\u escape")
      }
      let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
      guard let scalar = Unicode.Scalar(combined) else { throw fail("invalid \\u escape") }
      return scalar
    }
    guard let scalar = Unicode.Scalar(first) else { throw fail("lone surrogate in a \\u escape") }
    return scalar
  }

  func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
    for unit in UTF8.encode(scalar)! { buffer.append(unit) }
  }
}
