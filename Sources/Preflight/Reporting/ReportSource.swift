/// How every format says that a report does not come from a live check, so that none of them
/// claims one.
struct NotLive: Equatable {
  /// A few words for headings and the summary line: `replayed from a recording`.
  var short: String
  /// One sentence with the time the observations were made.
  var sentence: String
}

extension ReportFormatting {
  /// Nil for a live report; otherwise what the formats say instead of claiming a live check.
  static func notLive(_ report: Report) -> NotLive? {
    switch report.source {
    case .live?:
      return nil
    case .replay?:
      return NotLive(
        short: "replayed from a recording",
        sentence: "replayed from a recording made at \(oneLine(report.generatedAt)); not a live "
          + "check of the tenant")
    case nil:
      return NotLive(
        short: "source not stated",
        sentence: "the report does not say where its observations came from (an older "
          + "hibob-remote wrote it); not taken as a live check")
    }
  }
}
