import Foundation
import HibobAPI
import PermissionRules

/// Everything one check needs. The transport and the clock are injected so tests are
/// deterministic and can run against the simulator.
public struct CheckSettings: Sendable {
  public var baseURL: URL
  public var environment: PermissionRules.Environment
  public var credentials: Credentials
  /// No write probes: the two Company rules report `manual`.
  public var readOnly: Bool
  /// A `warn` or an advisory `fail` makes the verdict `fail`.
  public var strict: Bool
  /// Per request, seconds.
  public var timeout: Double
  /// For the whole run, seconds: probes still open then become `error`.
  public var deadline: Double
  public var toolVersion: String
  public var transport: any HTTPTransport
  public var retryPolicy: RetryPolicy
  public var now: @Sendable () -> Date

  public init(
    baseURL: URL, environment: PermissionRules.Environment, credentials: Credentials,
    readOnly: Bool = false, strict: Bool = false, timeout: Double = 30, deadline: Double = 120,
    toolVersion: String, transport: any HTTPTransport = URLSessionTransport(),
    retryPolicy: RetryPolicy = RetryPolicy(), now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.baseURL = baseURL
    self.environment = environment
    self.credentials = credentials
    self.readOnly = readOnly
    self.strict = strict
    self.timeout = timeout
    self.deadline = deadline
    self.toolVersion = toolVersion
    self.transport = transport
    self.retryPolicy = retryPolicy
    self.now = now
  }
}

/// What a check produced: the report, and the observations it was evaluated from.
public struct CheckOutcome: Sendable {
  public var report: Report
  public var observations: Observations

  public init(report: Report, observations: Observations) {
    self.report = report
    self.observations = observations
  }
}
