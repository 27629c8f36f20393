import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one UTC date helper: ISO 8601 timestamps in whole seconds and `yyyy-MM-dd` days, written
/// with the C library's `gmtime_r` and counted with its `timegm` (no formatter per call, no
/// locale, no time zone database), and timestamps read back.
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

  /// True for a real calendar day written `yyyy-MM-dd` (RFC 3339 `full-date`): ASCII digits,
  /// a month 1-12 and a day of that month, Gregorian leap years included.
  public static func isCalendarDay(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return false
    }
    func number(_ range: Range<Int>) -> Int? {
      var n = 0
      for b in bytes[range] {
        guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
        n = n * 10 + Int(b - UInt8(ascii: "0"))
      }
      return n
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), day >= 1
    else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days
  }

  /// The days from 1970-01-01 to `year`-`month`-`day` (negative before it), in the proleptic
  /// Gregorian calendar.
  public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    var t = tm()
    t.tm_year = Int32(year - 1900)
    t.tm_mon = Int32(month - 1)
    t.tm_mday = Int32(day)
    return Int(timegm(&t)) / 86_400
  }

  /// The time an ISO 8601 internet date-time names (`2026-11-24T16:00:00Z`, with an offset or
  /// fractional seconds too), or nil. Read as `ISO8601DateFormatter` reads it, with
  /// `.withInternetDateTime` and then with `.withFractionalSeconds` as well (its leniency
  /// included).
  public static func date(fromTimestamp text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
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
