import Foundation

/// `--every DURATION`: rounds of the sync, each gated, until stopped.
public enum SyncSchedule {
  /// Parses `4h`, `30m`, `90s`, `1h30m`, `2d` (units d, h, m, s; each at most once, in that
  /// order) into seconds. Rejects 0, negatives, missing units and anything else.
  public static func parseDuration(_ text: String) throws(DurationError) -> TimeInterval {
    let s = text.trimmingCharacters(in: .whitespaces).lowercased()
    guard !s.isEmpty else { throw .invalid(text) }
    if s.hasPrefix("-") { throw .notPositive(text) }
    let units: [(Character, Double)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
    var total: Double = 0
    var digits = ""
    var nextUnit = 0
    for ch in s {
      if ch.isASCII && ch.isNumber {
        digits.append(ch)
        guard digits.count <= 9 else { throw .invalid(text) }
        continue
      }
      guard !digits.isEmpty, let index = units.firstIndex(where: { $0.0 == ch }),
        index >= nextUnit, let n = Double(digits)
      else { throw .invalid(text) }
      total += n * units[index].1
      nextUnit = index + 1
      digits = ""
    }
    guard digits.isEmpty else { throw .invalid(text) }
    guard total > 0 else { throw .notPositive(text) }
    return total
  }

  public enum DurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    case notPositive(String)

    public var description: String {
      switch self {
      case .invalid(let s):
        return "--every: '\(s.prefix(40))' is not a duration (like 4h, 30m, 90s or 1h30m)"
      case .notPositive(let s): return "--every: '\(s.prefix(40))' must be longer than zero"
      }
    }
  }

  /// What one round gave, for the loop's log.
  public enum RoundResult: Sendable {
    case result(SyncRunResult)
    case error(SyncError)
  }

  /// Runs `round` now, then again `interval` seconds after each round ends, until `stop` is
  /// set (checked before each round and during the wait) or `maxRounds` rounds ran. A round whose
  /// gate is refused or that fails is passed to `log` and the next one tries again. `sleep` is
  /// called with slices of at most `slice` seconds so that a stop is seen quickly.
  /// - Returns: the number of rounds run.
  @discardableResult
  public static func runEvery(
    interval: TimeInterval, maxRounds: Int? = nil, stop: SyncCancellation,
    slice: TimeInterval = 0.25,
    sleep: @Sendable (TimeInterval) async -> Void = { seconds in
      try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    },
    round: @Sendable (Int) async -> RoundResult,
    log: @Sendable (Int, RoundResult) -> Void
  ) async -> Int {
    var rounds = 0
    while !stop.isCancelled && !Task.isCancelled {
      if let maxRounds, rounds >= maxRounds { break }
      rounds += 1
      let result = await round(rounds)
      log(rounds, result)
      if let maxRounds, rounds >= maxRounds { break }
      var waited: TimeInterval = 0
      while waited < interval && !stop.isCancelled && !Task.isCancelled {
        let step = min(slice, interval - waited)
        await sleep(step)
        waited += step
      }
    }
    return rounds
  }
}
