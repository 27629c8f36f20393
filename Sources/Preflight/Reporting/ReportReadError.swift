/// Why a file could not be read as a report. Every description is one line and never quotes the
/// file's contents.
public enum ReportReadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The bytes are not JSON at all.
  case notJSON
  /// JSON, but not an object with an integer `schema_version`.
  case notAReport(String)
  /// A report of a schema version this tool does not read.
  case unsupportedSchemaVersion(Int)
  /// Schema version 1, but a key is missing or has the wrong type or value.
  case wrongShape(String)

  public var description: String {
    switch self {
    case .notJSON:
      "not a hibob-remote report: the file is not JSON"
    case .notAReport(let why):
      "not a hibob-remote report: \(why)"
    case .unsupportedSchemaVersion(let v):
      "report schema version \(v) is not supported (this tool reads \(Report.currentSchemaVersion))"
    case .wrongShape(let why):
      "not a valid hibob-remote report (schema version \(Report.currentSchemaVersion)): \(why)"
    }
  }
}
