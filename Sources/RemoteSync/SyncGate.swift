import Common
import Foundation
import PermissionRules
import Preflight

/// One rule that kept the gate shut, with its fix.
public struct GateFailure: Codable, Sendable, Equatable {
  public var ruleId: String
  public var status: String
  public var reason: String
  public var remediation: String?

  public init(ruleId: String, status: String, reason: String, remediation: String?) {
    self.ruleId = ruleId
    self.status = status
    self.reason = reason
    self.remediation = remediation
  }

  enum CodingKeys: String, CodingKey {
    case status, reason, remediation
    case ruleId = "rule_id"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(ruleId, forKey: .ruleId)
    try c.encode(status, forKey: .status)
    try c.encode(reason, forKey: .reason)
    try c.encode(remediation, forKey: .remediation)
  }
}

/// What the gate decided.
public enum GateDecision: Sendable, Equatable {
  case pass
  /// `reason` is one line (the verdict, or why a `--report` was not accepted); `failures` the
  /// rules that did not pass.
  case refused(reason: String, failures: [GateFailure])

  /// The decision a report's verdict gives: `pass` only for verdict `pass`.
  public init(report: Report) {
    if report.verdict == .pass {
      self = .pass
    } else {
      self = .refused(
        reason: "the check's verdict is \(report.verdict.rawValue), not pass",
        failures: Self.failures(in: report))
    }
  }

  /// The results that kept a report from passing: every fail and error, and blocking results
  /// that are skipped or manual.
  public static func failures(in report: Report) -> [GateFailure] {
    report.results.filter { r in
      r.status == .fail || r.status == .error
        || (r.severity == .blocking && (r.status == .skipped || r.status == .manual))
    }.map {
      GateFailure(
        ruleId: $0.id, status: $0.status.rawValue, reason: $0.reason, remediation: $0.remediation)
    }
  }
}

/// The check that runs before every sync round (and before anything is read or written in
/// Remote).
public protocol SyncGate: Sendable {
  func check() async -> GateDecision
}

/// A gate from a closure: the command line runs the real check inside it, tests pass a fixed
/// decision.
public struct ClosureGate: SyncGate {
  private let body: @Sendable () async -> GateDecision

  public init(_ body: @escaping @Sendable () async -> GateDecision) {
    self.body = body
  }

  public func check() async -> GateDecision { await body() }
}

/// `--report PATH` in place of a fresh check: accepted only for a passing report of a live check
/// (`"source": "live"`) at most 15 minutes old, made for the same Hibob base URL and service user
/// id under the same rules version. Pure: the caller decodes the report and passes the clock.
public enum ReportGate {
  public static let maxAge: TimeInterval = 15 * 60
  /// A report dated this far in the future (clock skew) is still accepted.
  public static let allowedSkew: TimeInterval = 60

  public static func decision(
    for report: Report, now: Date, baseURL: String, serviceUserId: String, rulesVersion: String
  ) -> GateDecision {
    // Only a live check proves the tenant's setup now: a replayed recording, or a report that
    // does not say where it came from, is no evidence of it.
    switch report.source {
    case .live?: break
    case .replay?:
      return .refused(
        reason: "the report was replayed from a recording (\"source\": \"replay\"), not made by "
          + "a live check; run the check against the tenant instead",
        failures: [])
    case nil:
      return .refused(
        reason: "the report does not say it was made by a live check (no \"source\" key: an "
          + "older hibob-remote wrote it); run the check again",
        failures: [])
    }
    if report.verdict != .pass {
      return .refused(
        reason: "the report's verdict is \(report.verdict.rawValue), not pass",
        failures: GateDecision.failures(in: report))
    }
    guard let generated = UTCDate.date(fromTimestamp: report.generatedAt) else {
      return .refused(reason: "the report's generated_at is not an ISO 8601 time", failures: [])
    }
    let age = now.timeIntervalSince(generated)
    if age > maxAge {
      return .refused(
        reason: "the report is \(Int(age / 60)) minutes old; at most 15 minutes is accepted",
        failures: [])
    }
    if age < -allowedSkew {
      return .refused(reason: "the report's generated_at is in the future", failures: [])
    }
    if normalized(report.target.baseURL) != normalized(baseURL) {
      return .refused(
        reason: "the report is for another Hibob base URL (\(report.target.baseURL))",
        failures: [])
    }
    if report.target.serviceUserId != serviceUserId {
      return .refused(reason: "the report is for another service user", failures: [])
    }
    if report.rulesVersion != rulesVersion {
      return .refused(
        reason:
          "the report was made under rules \(report.rulesVersion), this tool has \(rulesVersion)",
        failures: [])
    }
    return .pass
  }

  /// The same over the bytes of a `--report` file: a file that is not a readable report of this
  /// schema version is refused with the reason.
  public static func decision(
    forReportData data: Data, now: Date, baseURL: String, serviceUserId: String,
    rulesVersion: String
  ) -> GateDecision {
    let report: Report
    do {
      report = try Report.decode(data)
    } catch {
      return .refused(reason: "the --report file is not usable: \(error.description)", failures: [])
    }
    return decision(
      for: report, now: now, baseURL: baseURL, serviceUserId: serviceUserId,
      rulesVersion: rulesVersion)
  }

  static func normalized(_ url: String) -> String {
    var s = url.trimmingCharacters(in: .whitespaces)
    while s.hasSuffix("/") { s.removeLast() }
    return s.lowercased()
  }
}
