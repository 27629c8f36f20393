import Testing

@testable import PermissionRules

/// `fail` (proven missing) and `error` (could not tell) never merge: a probe failure that proves
/// nothing turns the rules that use the probe into `error`, and never into pass, fail or warn.
@Suite struct UndecidedTests {
  static let undecidable: [ProbeFailure] = [
    .notFound, .badRequest(status: 400), .rateLimited, .httpStatus(500), .httpStatus(302),
    .invalidResponse("text/html"), .network("connection refused"), .deadline,
  ]

  /// Sets one probe of `obs` to `failure`.
  static func failing(_ probe: Int, _ failure: ProbeFailure, _ obs: Observations) -> Observations {
    var o = obs
    switch probe {
    case 0: o.fieldMetadata = .failed(failure, [])
    case 1: o.searchAll = .failed(failure, [])
    case 2: o.searchActive = .failed(failure, [])
    case 3: o.employmentHistory = .failed(failure, [])
    case 4: o.syncFieldList = .failed(failure, [])
    case 5: o.fieldSettingsWrite = .failed(failure, [])
    default: o.listsWrite = .failed(failure, [])
    }
    return o
  }

  @Test(arguments: undecidable)
  func oneUndecidedProbeOnlyEverGivesError(_ failure: ProbeFailure) {
    for probe in 0..<7 {
      let obs = Self.failing(probe, failure, ExampleTenant.passing)
      for rule in Catalogue.rules {
        let status = rule.evaluate(obs).status
        #expect(status == .pass || status == .error, "probe \(probe), \(rule.id): \(status)")
      }
      #expect(Catalogue.evaluate(obs).allSatisfy { $0.status != .fail && $0.status != .warn })
    }
  }

  @Test(arguments: undecidable)
  func everyProbeUndecidedGivesErrorEverywhereButTheOfflineRule(_ failure: ProbeFailure) {
    var obs = ExampleTenant.passing
    for probe in 0..<7 { obs = Self.failing(probe, failure, obs) }
    for rule in Catalogue.rules where rule.id != "credentials.format" {
      #expect(rule.evaluate(obs).status == .error, "\(rule.id)")
    }
  }
}
