import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one UTC date helper: ISO 8601 timestamps in whole seconds and `yyyy-MM-dd` days, with the
/// C library's `gmtime_r` (no formatter per call, no locale, no time zone database).
public enum UTCDate {
  /// `date` as `2026-11-24T16:00:00Z`: UTC, whole seconds, fractions truncated (what
  /// `ISO8601DateFormatter` gives with `.withInternetDateTime`).
  public static func timestamp(_ date: Date) -> String {
    let t = fields(date)
    return day(t) + "T" + two(t.tm_hour) + ":" + two(t.tm_min) + ":" + two(t.tm_sec) + "Z"
  }

  /// `date`'s day in UTC as `2026-11-24`.
  public static func day(_ date: Date) -> String { day(fields(date)) }

  /// The day `days` after 1970-01-01 (before it when negative) as `yyyy-MM-dd`.
  public static func day(daysSinceEpoch days: Int) -> String {
    day(Date(timeIntervalSince1970: Double(days) * 86_400))
  }

  private static func fields(_ date: Date) -> tm {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var t = tm()
    guard gmtime_r(&seconds, &t) != nil else { return tm() }
    return t
  }

  private static func day(_ t: tm) -> String {
    let year = String(Int(t.tm_year) + 1900)
    return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(t.tm_mon + 1)
      + "-" + two(t.tm_mday)
  }

  private static func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
