import Foundation
import Testing

@testable import Common

@Suite struct UTCDateTests {
  @Test func calendarDaysAreRealDaysWrittenInFull() {
    for day in ["2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01", "2027-01-10"] {
      #expect(UTCDate.isCalendarDay(day), "\(day)")
    }
    for text in [
      "2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
      "2026-1-10", "2026-01-10T00:00:00Z", "２０２６-01-10", "2026/01/10", "", "abcd-ef-gh",
    ] {
      #expect(!UTCDate.isCalendarDay(text), "\(text)")
    }
    // Every day of a leap and a common year, against Foundation's calendar.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for offset in 0..<(366 + 365) {
      let date = Date(timeIntervalSince1970: 1_704_067_200 + Double(offset) * 86_400)
      #expect(UTCDate.isCalendarDay(UTCDate.day(date)))
      #expect(calendar.component(.year, from: date) >= 2024)
    }
  }

  private static func formatted(_ t: Double, fullDate: Bool) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = fullDate ? [.withFullDate] : [.withInternetDateTime]
    return formatter.string(from: Date(timeIntervalSince1970: t.rounded(.down)))
  }

  @Test(arguments: [
    0.0, 0.999, 59.5, 951_782_400, 1_795_536_000.75, 4_102_444_799, -1, -86_400.5, 1_709_210_096,
    -2_208_988_800, 253_402_300_799,
  ])
  func timestampIsWholeSecondsUTC(_ t: Double) {
    #expect(UTCDate.timestamp(Date(timeIntervalSince1970: t)) == Self.formatted(t, fullDate: false))
  }

  @Test(arguments: [0.0, 86_399.9, -0.5, 951_782_400, 1_709_210_096, 4_102_444_799, -2_208_988_800])
  func dayIsTheUTCDay(_ t: Double) {
    #expect(UTCDate.day(Date(timeIntervalSince1970: t)) == Self.formatted(t, fullDate: true))
  }

  @Test func daysSinceEpoch() {
    #expect(UTCDate.day(daysSinceEpoch: 0) == "1970-01-01")
    #expect(UTCDate.day(daysSinceEpoch: -1) == "1969-12-31")
    #expect(UTCDate.day(daysSinceEpoch: -25_567) == "1900-01-01")
    #expect(UTCDate.day(daysSinceEpoch: -25_567 + 59) == "1900-03-01")  // 1900 is not a leap year
    #expect(UTCDate.day(daysSinceEpoch: 11_016) == "2000-02-29")
  }

  @Test func daysSinceEpochOfADay() {
    #expect(UTCDate.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
    #expect(UTCDate.daysSinceEpoch(year: 1969, month: 12, day: 31) == -1)
    #expect(UTCDate.daysSinceEpoch(year: 2000, month: 2, day: 29) == 11_016)
    #expect(UTCDate.daysSinceEpoch(year: 1900, month: 3, day: 1) == -25_567 + 59)
    for days in stride(from: -719_000, through: 800_000, by: 997) {
      let parts = UTCDate.day(daysSinceEpoch: days).split(separator: "-").compactMap { Int($0) }
      #expect(UTCDate.daysSinceEpoch(year: parts[0], month: parts[1], day: parts[2]) == days)
    }
  }

  @Test func timestampsAreReadBack() {
    let t = 1_795_536_000.0
    #expect(UTCDate.date(fromTimestamp: "2026-11-24T16:00:00Z") == Date(timeIntervalSince1970: t))
    #expect(
      UTCDate.date(fromTimestamp: UTCDate.timestamp(Date(timeIntervalSince1970: t)))
        == Date(timeIntervalSince1970: t))
    #expect(
      UTCDate.date(fromTimestamp: "2026-11-24T16:00:00+01:00")
        == Date(timeIntervalSince1970: t - 3_600))
    let fraction = UTCDate.date(fromTimestamp: "2026-11-24T16:00:00.5Z")
    #expect(fraction.map { abs($0.timeIntervalSince1970 - (t + 0.5)) < 0.001 } == true)
    #expect(UTCDate.date(fromTimestamp: "yesterday") == nil)
    #expect(UTCDate.date(fromTimestamp: "2026-11-24T16:00:00") == nil)
  }

  @Test func yearsBeforeOneThousandArePadded() {
    // 0999-12-31T23:59:59Z
    #expect(
      UTCDate.timestamp(Date(timeIntervalSince1970: -30_610_224_001)) == "0999-12-31T23:59:59Z")
  }
}
