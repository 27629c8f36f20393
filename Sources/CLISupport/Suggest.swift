/// "Did you mean" for a mistyped command, flag or value.
public enum Suggest {
  /// The candidate closest to `word`, when it is close enough to be what was meant: a unique
  /// candidate that `word` is a prefix of, else the nearest by edit distance (a swap of two
  /// neighbours counts as one edit) within about a third of its length.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    guard !word.isEmpty else { return nil }
    let stem = strip(word).lowercased()
    guard !stem.isEmpty else { return nil }
    let prefixed = candidates.filter { strip($0).lowercased().hasPrefix(stem) }
    if prefixed.count == 1, stem.count >= 2 { return prefixed[0] }
    var best: (distance: Int, candidate: String)?
    for candidate in candidates {
      let other = strip(candidate).lowercased()
      let d = distance(stem, other)
      let limit = max(1, min(3, max(stem.count, other.count) / 3))
      guard d <= limit, d < max(stem.count, other.count) else { continue }
      if let current = best, current.distance <= d { continue }
      best = (d, candidate)
    }
    return best?.candidate
  }

  /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
  /// transpositions each cost one.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }

  private static func strip(_ s: String) -> String {
    String(s.drop { $0 == "-" })
  }
}
