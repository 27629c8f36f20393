import Foundation
import HibobAPI

/// SplitMix64: a small seeded generator, so every failing case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A JSON document as the fuzzer edits it: objects keep their member order and may repeat a key,
/// and strings may hold raw (invalid) UTF-8.
indirect enum FuzzNode: Equatable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case rawString([UInt8])
  case array([FuzzNode])
  case object([(String, FuzzNode)])

  static func == (lhs: FuzzNode, rhs: FuzzNode) -> Bool {
    lhs.bytes() == rhs.bytes()
  }

  init(_ value: JSONValue) {
    switch value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let n): self = .number(n)
    case .string(let s): self = .string(s)
    case .array(let a): self = .array(a.map(FuzzNode.init))
    case .object(let o):
      self = .object(o.keys.sorted().map { ($0, FuzzNode(o[$0]!)) })
    }
  }

  /// The document's bytes: duplicate keys and raw strings are written as they are.
  func bytes() -> [UInt8] {
    var out: [UInt8] = []
    write(into: &out)
    return out
  }

  private func write(into out: inout [UInt8]) {
    switch self {
    case .null: out += Array("null".utf8)
    case .bool(let b): out += Array((b ? "true" : "false").utf8)
    case .number(let n): out += Array(n.utf8)
    case .string(let s): out += Array(JSONValue.string(s).serialized())
    case .rawString(let raw):
      out.append(0x22)
      out += raw
      out.append(0x22)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        item.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out += Array(JSONValue.string(key).serialized())
        out.append(UInt8(ascii: ":"))
        value.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  var typeIndex: Int {
    switch self {
    case .null: return 0
    case .bool: return 1
    case .number: return 2
    case .string, .rawString: return 3
    case .array: return 4
    case .object: return 5
    }
  }

  /// Paths (child indexes) of every node, the root included.
  func paths(prefix: [Int] = []) -> [[Int]] {
    var all = [prefix]
    switch self {
    case .array(let items):
      for (i, item) in items.enumerated() { all += item.paths(prefix: prefix + [i]) }
    case .object(let members):
      for (i, member) in members.enumerated() { all += member.1.paths(prefix: prefix + [i]) }
    default: break
    }
    return all
  }

  func node(at path: [Int]) -> FuzzNode {
    guard let first = path.first else { return self }
    switch self {
    case .array(let items): return items[first].node(at: Array(path.dropFirst()))
    case .object(let members): return members[first].1.node(at: Array(path.dropFirst()))
    default: return self
    }
  }

  func replacing(at path: [Int], with transform: (FuzzNode) -> FuzzNode) -> FuzzNode {
    guard let first = path.first else { return transform(self) }
    let rest = Array(path.dropFirst())
    switch self {
    case .array(var items):
      items[first] = items[first].replacing(at: rest, with: transform)
      return .array(items)
    case .object(var members):
      members[first].1 = members[first].1.replacing(at: rest, with: transform)
      return .object(members)
    default: return self
    }
  }
}

/// The mutations of the property test.
enum Mutation: String, CaseIterable {
  case dropKey, swapType, truncate, duplicateKey, invalidUTF8
}

enum FuzzMutator {
  /// A value of another type than `node`'s.
  static func otherType(than node: FuzzNode, using rng: inout SeededGenerator) -> FuzzNode {
    let candidates: [FuzzNode] = [
      .null, .bool(Bool.random(using: &rng)),
      .number(["0", "-1", "1.5e3", "99999999999999999999"].randomElement(using: &rng)!),
      .string(
        ["", "x", "As employee", "3980342332732990001", "\u{0}\u{1F600}"].randomElement(
          using: &rng)!),
      .array([]), .array([.string("x")]), .object([]), .object([("id", .number("1"))]),
    ]
    let others = candidates.filter { $0.typeIndex != node.typeIndex }
    return others.randomElement(using: &rng)!
  }

  /// Invalid UTF-8 byte sequences: a lone continuation byte, an overlong form, a surrogate, a
  /// truncated sequence, bytes that never occur.
  static let invalidSequences: [[UInt8]] = [
    [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF], [0xFE, 0xFE],
  ]

  /// Applies one mutation; returns the mutated bytes.
  static func mutate(
    _ document: FuzzNode, _ mutation: Mutation, using rng: inout SeededGenerator
  ) -> [UInt8] {
    let paths = document.paths()
    switch mutation {
    case .dropKey:
      let objects = paths.filter {
        if case .object(let m) = document.node(at: $0) { return !m.isEmpty }
        return false
      }
      guard let path = objects.randomElement(using: &rng) else { return document.bytes() }
      return document.replacing(at: path) { node in
        guard case .object(var members) = node else { return node }
        members.remove(at: Int.random(in: 0..<members.count, using: &rng))
        return .object(members)
      }.bytes()
    case .swapType:
      let path = paths.randomElement(using: &rng)!
      return document.replacing(at: path) { otherType(than: $0, using: &rng) }.bytes()
    case .truncate:
      let bytes = document.bytes()
      return Array(bytes.prefix(Int.random(in: 0..<max(1, bytes.count), using: &rng)))
    case .duplicateKey:
      let objects = paths.filter {
        if case .object(let m) = document.node(at: $0) { return !m.isEmpty }
        return false
      }
      guard let path = objects.randomElement(using: &rng) else { return document.bytes() }
      return document.replacing(at: path) { node in
        guard case .object(var members) = node else { return node }
        let index = Int.random(in: 0..<members.count, using: &rng)
        let (key, value) = members[index]
        let copy: FuzzNode =
          Bool.random(using: &rng) ? value : otherType(than: value, using: &rng)
        // Before or after the original: a parser keeping the first or the last sees the change.
        members.insert((key, copy), at: Bool.random(using: &rng) ? index : index + 1)
        return .object(members)
      }.bytes()
    case .invalidUTF8:
      let strings = paths.filter {
        if case .string = document.node(at: $0) { return true }
        return false
      }
      let bad = invalidSequences.randomElement(using: &rng)!
      guard let path = strings.randomElement(using: &rng) else {
        var bytes = document.bytes()
        if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = 0xFF }
        return bytes
      }
      return document.replacing(at: path) { node in
        guard case .string(let s) = node else { return node }
        var raw = Array(s.utf8)
        raw.insert(contentsOf: bad, at: Int.random(in: 0...raw.count, using: &rng))
        return .rawString(raw)
      }.bytes()
    }
  }

  /// One to three mutations in a row (the later ones on a re-parsed document where it parses).
  static func mutate(_ body: Data, using rng: inout SeededGenerator) -> (Data, [Mutation]) {
    guard let parsed = try? JSONParser.parse(body) else { return (body, []) }
    var document = FuzzNode(parsed)
    var applied: [Mutation] = []
    var bytes = document.bytes()
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
      let mutation = Mutation.allCases.randomElement(using: &rng)!
      applied.append(mutation)
      bytes = mutate(document, mutation, using: &rng)
      guard let reparsed = try? JSONParser.parse(Data(bytes)) else { break }
      document = FuzzNode(reparsed)
    }
    return (Data(bytes), applied)
  }
}
