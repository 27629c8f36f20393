import Foundation
import PermissionRules

/// The report, exactly as `cli-and-report.md` gives it (schema version 1). Every key is always
/// present (`null` where there is nothing); keys are snake case; results in catalogue order.
public struct Report: Codable, Sendable, Equatable {
  public static let currentSchemaVersion = 1

  public var schemaVersion: Int
  public var tool: Tool
  public var rulesVersion: String
  /// ISO 8601, whole seconds, UTC (`2026-11-24T16:00:00Z`). For a replayed report, the time the
  /// recording was made, not the time of the replay.
  public var generatedAt: String
  /// Where the observations came from: `live` (this run probed the tenant) or `replay` (a
  /// recording evaluated offline). Nil only in a report read from a file written before the key
  /// existed; such a report is not taken as live (`sync --report` refuses it).
  public var source: Source?
  public var target: Target
  public var verdict: Verdict
  public var summary: Summary
  public var results: [Result]
  public var diagnosis: [Diagnosis]
  public var manualChecks: [Manual]
  public var requests: Requests

  public init(
    schemaVersion: Int = Report.currentSchemaVersion, tool: Tool, rulesVersion: String,
    generatedAt: String, source: Source? = .live, target: Target, verdict: Verdict,
    summary: Summary, results: [Result], diagnosis: [Diagnosis], manualChecks: [Manual],
    requests: Requests
  ) {
    self.schemaVersion = schemaVersion
    self.tool = tool
    self.rulesVersion = rulesVersion
    self.generatedAt = generatedAt
    self.source = source
    self.target = target
    self.verdict = verdict
    self.summary = summary
    self.results = results
    self.diagnosis = diagnosis
    self.manualChecks = manualChecks
    self.requests = requests
  }

  enum CodingKeys: String, CodingKey {
    case tool, source, target, verdict, summary, results, diagnosis, requests
    case schemaVersion = "schema_version"
    case rulesVersion = "rules_version"
    case generatedAt = "generated_at"
    case manualChecks = "manual_checks"
  }

  /// Every key, `source` included (`null` for a report read from an older file).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(schemaVersion, forKey: .schemaVersion)
    try c.encode(tool, forKey: .tool)
    try c.encode(rulesVersion, forKey: .rulesVersion)
    try c.encode(generatedAt, forKey: .generatedAt)
    try c.encode(source, forKey: .source)
    try c.encode(target, forKey: .target)
    try c.encode(verdict, forKey: .verdict)
    try c.encode(summary, forKey: .summary)
    try c.encode(results, forKey: .results)
    try c.encode(diagnosis, forKey: .diagnosis)
    try c.encode(manualChecks, forKey: .manualChecks)
    try c.encode(requests, forKey: .requests)
  }

  /// Where a report's observations came from.
  public enum Source: String, Codable, Sendable, Equatable {
    /// The tenant was probed by the run that wrote the report.
    case live
    /// A recording was evaluated offline (`check --replay`, `bundle --recording`).
    case replay
  }

  public struct Tool: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public init(name: String = "hibob-remote", version: String) {
      self.name = name
      self.version = version
    }
  }

  public struct Target: Codable, Sendable, Equatable {
    public var baseURL: String
    /// `production`, `sandbox` or `custom`.
    public var environment: String
    public var serviceUserId: String?
    /// The first 8 hex digits of SHA-256(token); never the token.
    public var tokenSHA256Prefix: String?
    public var readOnly: Bool

    public init(
      baseURL: String, environment: String, serviceUserId: String?, tokenSHA256Prefix: String?,
      readOnly: Bool
    ) {
      self.baseURL = baseURL
      self.environment = environment
      self.serviceUserId = serviceUserId
      self.tokenSHA256Prefix = tokenSHA256Prefix
      self.readOnly = readOnly
    }

    enum CodingKeys: String, CodingKey {
      case environment
      case baseURL = "base_url"
      case serviceUserId = "service_user_id"
      case tokenSHA256Prefix = "token_sha256_prefix"
      case readOnly = "read_only"
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(baseURL, forKey: .baseURL)
      try c.encode(environment, forKey: .environment)
      try c.encode(serviceUserId, forKey: .serviceUserId)
      try c.encode(tokenSHA256Prefix, forKey: .tokenSHA256Prefix)
      try c.encode(readOnly, forKey: .readOnly)
    }
  }

  public struct Summary: Codable, Sendable, Equatable {
    public var pass = 0
    public var fail = 0
    public var warn = 0
    public var error = 0
    public var manual = 0
    public var skipped = 0

    public init(
      pass: Int = 0, fail: Int = 0, warn: Int = 0, error: Int = 0, manual: Int = 0, skipped: Int = 0
    ) {
      self.pass = pass
      self.fail = fail
      self.warn = warn
      self.error = error
      self.manual = manual
      self.skipped = skipped
    }

    /// Counts of each status among `results`.
    public init(counting results: [Result]) {
      for r in results {
        switch r.status {
        case .pass: pass += 1
        case .fail: fail += 1
        case .warn: warn += 1
        case .error: error += 1
        case .manual: manual += 1
        case .skipped: skipped += 1
        }
      }
    }
  }

  /// One rule's result: the rules module's type, which encodes with the report's keys.
  public typealias Result = RuleResult
  /// A likely root cause explaining several results.
  public typealias Diagnosis = DiagnosisItem
  /// A requirement to check by hand.
  public typealias Manual = ManualCheck

  public struct Requests: Codable, Sendable, Equatable {
    public var count: Int
    public var retries: Int
    public var rateLimited: Int
    public var durationMs: Int

    public init(count: Int, retries: Int, rateLimited: Int, durationMs: Int) {
      self.count = count
      self.retries = retries
      self.rateLimited = rateLimited
      self.durationMs = durationMs
    }

    enum CodingKeys: String, CodingKey {
      case count, retries
      case rateLimited = "rate_limited"
      case durationMs = "duration_ms"
    }
  }
}

extension Report {
  /// The verdict rule of `permission-matrix.md`: `fail` if a blocking rule fails; else
  /// `inconclusive` if a blocking rule is `error`, `skipped` or `manual`; else `pass`. Under
  /// `strict`, any `warn` and any advisory `fail` also make it `fail`.
  public static func verdict(of results: [Result], strict: Bool) -> Verdict {
    let blocking = results.filter { $0.severity == .blocking }
    if blocking.contains(where: { $0.status == .fail }) { return .fail }
    if strict && results.contains(where: { $0.status == .warn || $0.status == .fail }) {
      return .fail
    }
    if blocking.contains(where: { [.error, .skipped, .manual].contains($0.status) }) {
      return .inconclusive
    }
    return .pass
  }

  /// The JSON encoding: pretty, sorted keys, slashes unescaped; byte-stable for the same report.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
