import Foundation

/// Every figure printed with its target and PASS or MISS; remembers the misses.
final class Scorecard {
  private(set) var misses: [String] = []
  private(set) var unenforcedMisses: [String] = []
  /// Time-dependent targets are enforced only outside `--smoke`.
  let enforceTiming: Bool

  init(enforceTiming: Bool) { self.enforceTiming = enforceTiming }

  /// A figure with no target.
  func info(_ name: String, _ figure: String) {
    print("  " + pad(name, 30) + figure)
  }

  /// A figure and its target; `timing` marks targets that depend on the machine's speed.
  func check(_ name: String, _ figure: String, target: String, met: Bool, timing: Bool = false) {
    let enforced = !timing || enforceTiming
    let mark = met ? "PASS" : (enforced ? "MISS" : "MISS (not enforced in --smoke)")
    print("  " + pad(name, 30) + pad(figure, 24) + pad("target " + target, 44) + mark)
    if !met {
      if enforced { misses.append(name) } else { unenforcedMisses.append(name) }
    }
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}

enum Format {
  static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
  static func megabytes(_ value: Double) -> String { String(format: "%.1f MB", value) }
  static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
  static func count(_ value: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.groupingSeparator = ","
    formatter.usesGroupingSeparator = true
    return formatter.string(from: NSNumber(value: value)) ?? String(value)
  }
}
