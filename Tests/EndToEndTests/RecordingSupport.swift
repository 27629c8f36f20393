import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import Testing

/// What in a fixture tenant is personal, for the recording and bundle tests (the tenants
/// themselves come from ``Fixtures``).
enum RecordingFixtures {
  /// Every string value of the tenant's employee fields, except what a recording may keep:
  /// employee ids, list item ids and labels, lifecycle statuses, start dates, empty strings.
  static func personalStrings(_ tenant: Tenant) -> Set<String> {
    var allowed = Set<String>()
    for employee in tenant.employees {
      allowed.insert(employee.id)
      if let start = employee.fields["work.startDate"]?.stringValue { allowed.insert(start) }
    }
    for status in LifecycleStatus.allCases {
      allowed.insert(status.rawValue)
      allowed.insert(status.label)
    }
    func addItems(_ items: [ListItem]) {
      for item in items {
        allowed.formUnion([item.id, item.value, item.name])
        addItems(item.children)
      }
    }
    for list in tenant.namedLists + Tenant.defaultNamedLists { addItems(list.items) }
    var found = Set<String>()
    func collect(_ value: Simulator.JSONValue) {
      switch value {
      case .string(let s): found.insert(s)
      case .array(let a):
        for element in a { collect(element) }
      case .object(let o):
        for (_, element) in o { collect(element) }
      default: break
      }
    }
    for employee in tenant.employees {
      for value in employee.fields.values { collect(value) }
    }
    return found.filter {
      !allowed.contains($0) && !$0.trimmingCharacters(in: .whitespaces).isEmpty
    }
  }

  /// The personal strings of `tenant` (and its token) found in `data`: each value is looked for
  /// as a JSON string, and longer ones also inside other text.
  static func leaks(of tenant: Tenant, in data: Data) -> [String] {
    // Byte search: Swift's String.contains compares by Unicode rules and is far slower.
    func contains(_ needle: String) -> Bool { data.range(of: Data(needle.utf8)) != nil }
    var found: [String] = []
    if contains(tenant.serviceUser.token) { found.append("the token") }
    for value in personalStrings(tenant).sorted() {
      let quoted = String(decoding: HibobAPI.JSONValue.string(value).serialized(), as: UTF8.self)
      let longEnough = value.count >= 8 || value.contains(" ") || value.contains("@")
      if contains(quoted) || (longEnough && contains(value)) {
        found.append("a personal value of \(value.count) characters")
      }
    }
    return found
  }

  /// A retry policy that never waits, so rate-limited and failing fixtures run in milliseconds.
  static let noWait = RetryPolicy(
    jitter: { 0.5 }, clock: HibobClock(now: { Date() }, sleep: { _ in }))

  static func settings(_ tenant: Tenant, baseURL: URL, readOnly: Bool = false) -> CheckSettings {
    CheckSettings(
      baseURL: baseURL, environment: .custom,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      readOnly: readOnly, timeout: 10, deadline: 60, toolVersion: "0.1.0-test",
      transport: URLSessionTransport(), retryPolicy: noWait)
  }

  /// Records a check of `name` against an in-process simulated tenant.
  static func record(_ name: String, readOnly: Bool = false) async throws -> (
    Tenant, CheckOutcome, Recording
  ) {
    let tenant = try Fixtures.tenant(name)
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let (outcome, recording) = await PreflightRunner.record(
      settings(tenant, baseURL: hibob.baseURL, readOnly: readOnly))
    return (tenant, outcome, recording)
  }

  /// `(rule id, status)` in catalogue order.
  static func statuses(_ report: Report) -> [String] {
    report.results.map { "\($0.id)=\($0.status.rawValue)" }
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-support-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
