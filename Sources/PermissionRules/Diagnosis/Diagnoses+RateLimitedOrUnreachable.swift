/// Diagnosis pattern: Rate limits and an unreachable host: undecided, not failed.
/// Holds its messages and examples.
extension Diagnoses {
  static let rateLimited = DiagnosisPattern(
    id: "rate_limited",
    when: "a probe was rate-limited past the retry budget",
    examples: [
      DiagnosisExample(
        "history 429", ExampleTenant.with { $0.employmentHistory = .failed(.rateLimited, []) },
        fires: true),
      DiagnosisExample("no 429", ExampleTenant.passing, fires: false),
    ],
    detect: { results, obs in
      guard obs.failures.contains(.rateLimited) else { return nil }
      return DiagnosisItem(
        cause: throttled, rules: results.ids { $0.status == .error }, remediation: waitAMinute)
    })

  private static let throttled =
    "Hibob rate-limited the run past its retry budget (429): the rules marked error are "
    + "undecided, not failed. Other tools using the same credentials share the limit."
  private static let waitAMinute =
    "Wait a minute (the people search allows 50 requests a minute) and run the check again."

  static let unreachable = DiagnosisPattern(
    id: "hibob_unreachable",
    when: "a probe hit a network failure, the deadline or a 5xx",
    examples: [
      DiagnosisExample(
        "search timed out",
        ExampleTenant.with { $0.searchAll = .failed(.network("timed out"), []) },
        fires: true),
      DiagnosisExample(
        "history 502", ExampleTenant.with { $0.employmentHistory = .failed(.httpStatus(502), []) },
        fires: true),
      DiagnosisExample(
        "deadline", ExampleTenant.with { $0.listsWrite = .failed(.deadline, []) }, fires: true),
      DiagnosisExample(
        "a 403 is an answer", ExampleTenant.with { $0.employmentHistory = .failed(.forbidden, []) },
        fires: false),
      DiagnosisExample("all answered", ExampleTenant.passing, fires: false),
    ],
    detect: { results, obs in
      let hit = obs.failures.contains { failure in
        switch failure {
        case .network, .deadline: return true
        case .httpStatus(let status): return status >= 500
        default: return false
        }
      }
      guard hit else { return nil }
      return DiagnosisItem(
        cause: noAnswer, rules: results.ids { $0.status == .error }, remediation: checkNetwork)
    })

  private static let noAnswer =
    "Hibob could not be reached, did not answer in time, or answered with server errors: the "
    + "rules marked error are undecided, not failed."
  private static let checkNetwork =
    "Check the network path to Hibob (proxy, firewall, DNS) and Hibob's status, then run the "
    + "check again; --timeout raises the per-request limit."
}
