import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Scans outputs for the fixture tenants' secrets (tokens, the encoded Authorization value) and
/// every personal string of their employees. A hit records an issue naming the source, the kind
/// of string and where, never the string itself.
final class FixtureLeakScanner: Sendable {
  struct Needle: Sendable {
    var text: String
    var kind: String
    /// Personal words are matched as whole words (a first name inside a longer word is not it).
    var wholeWord: Bool
  }

  /// Personal fields of the fixtures: names, emails, addresses, phones, identity numbers, free
  /// text about the person. Short birth dates (`01-02`) are left out: five characters match
  /// ordinary dates; full birth dates would be scanned under `birth`.
  static let personalFields: Set<String> = [
    "root.firstName", "root.surname", "root.displayName", "root.email", "home.privateEmail",
    "address.line1", "address.city", "address.postCode", "home.mobilePhone", "work.workPhone",
    "work.workMobile", "financial.passportNumber", "financial.identificationNumber",
    "about.about", "root.birthDate", "personal.birthDate",
  ]

  static let shared = FixtureLeakScanner(tenantsDirectory: HardeningFixtures.tenantsDirectory)

  let needles: [Needle]

  init(tenantsDirectory: URL) {
    var needles: [String: Needle] = [:]
    let files =
      (try? FileManager.default.contentsOfDirectory(atPath: tenantsDirectory.path)) ?? []
    for file in files where file.hasSuffix(".json") {
      guard
        let data = FileManager.default.contents(
          atPath: tenantsDirectory.appendingPathComponent(file).path),
        let tenant = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else { continue }
      if let user = tenant["serviceUser"] as? [String: Any], let token = user["token"] as? String,
        let id = user["id"] as? String
      {
        needles[token] = Needle(text: token, kind: "token", wholeWord: false)
        let encoded = Data("\(id):\(token)".utf8).base64EncodedString()
        needles[encoded] = Needle(text: encoded, kind: "Authorization value", wholeWord: false)
      }
      for case let employee as [String: Any] in tenant["employees"] as? [Any] ?? [] {
        for (field, value) in employee["fields"] as? [String: Any] ?? [:] {
          guard Self.personalFields.contains(field) || field.lowercased().contains("birth"),
            let text = value as? String, text.count >= 3
          else { continue }
          needles[text] = Needle(text: text, kind: field, wholeWord: true)
        }
      }
    }
    self.needles = needles.values.sorted { $0.text < $1.text }
  }

  /// The kinds of needle found in `text` (empty when clean). Byte search with `memchr` and `memcmp`: the
  /// scanner runs over every output of the suite, and must not hold a thread for long.
  func hits(in text: String) -> [String] {
    let haystack = Array(text.utf8)
    return needles.compactMap { needle in
      Self.contains(haystack, Array(needle.text.utf8), wholeWord: needle.wholeWord)
        ? needle.kind : nil
    }
  }

  /// Records an issue for every secret or personal string in `text`.
  func check(
    _ text: String, source: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let found = hits(in: text)
    if !found.isEmpty {
      Issue.record(
        "\(source) leaks: \(found.joined(separator: ", "))", sourceLocation: sourceLocation)
    }
  }

  func check(_ data: Data, source: String, sourceLocation: SourceLocation = #_sourceLocation) {
    check(String(decoding: data, as: UTF8.self), source: source, sourceLocation: sourceLocation)
  }

  /// Every regular file under `directory`, recursively.
  func checkFiles(
    under directory: URL, source: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    while let relative = enumerator?.nextObject() as? String {
      let path = directory.appendingPathComponent(relative).path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path)
      else { continue }
      check(data, source: "\(source): \(relative)", sourceLocation: sourceLocation)
    }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8], wholeWord: Bool) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    return haystack.withUnsafeBytes { hay in
      needle.withUnsafeBytes { pin in
        var offset = 0
        while offset <= hay.count - pin.count {
          // memchr for the first byte, memcmp for the rest.
          guard
            let found = memchr(
              hay.baseAddress! + offset, Int32(pin[0]), hay.count - offset - pin.count + 1)
          else { return false }
          let start = hay.baseAddress!.distance(to: UnsafeRawPointer(found))
          guard memcmp(found, pin.baseAddress!, pin.count) == 0 else {
            offset = start + 1
            continue
          }
          let end = start + pin.count
          if !wholeWord { return true }
          let before = start > 0 ? hay[start - 1] : UInt8(ascii: " ")
          let after = end < hay.count ? hay[end] : UInt8(ascii: " ")
          if !isWordByte(before) && !isWordByte(after) { return true }
          offset = start + 1
        }
        return false
      }
    }
  }

  /// Letters, digits, `_`, and any byte of a non-ASCII character.
  private static func isWordByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39)
      || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
  }
}
