/// `people.employment.history.view` (step 3.10.3): the group may see Employment section
/// histories, not just the current row. "View ... sections" alone shows only the current row, so
/// history is proven only by an employee with more than one row.
///
/// Choices where the matrix is silent: employees listed under `errors` are left out; employees
/// with zero rows count like one row (nothing to tell history from); an empty sample, or one
/// where every employee is listed under `errors`, is `error` (nothing could be asked).
enum EmploymentHistoryView {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "people.employment.history.view", title: "View Employment section histories",
      step: "3.10.3", part: .otherEmployees, severity: .blocking,
      summary:
        "The service user can see every row of the Employment history table, not just the "
        + "current one.",
      probe:
        "GET /bulk/people/employment?employeeIds=<at most 200 visible employees, longest-serving "
        + "first>: counts rows per employee and reads restricted_columns.",
      remediation: remediation,
      dependsOn: ["credentials.authenticate", "people.basic_info.view"]),
    statuses: [.pass, .fail, .warn, .error],
    needs:
      "The bulk employment-history answer for a sample of visible employees, longest-serving "
      + "first (they are the likeliest to have history).",
    statusMeanings: [
      .pass: "at least one sampled employee shows more than one employment row",
      .fail:
        "the table answered 403, or restricted_columns.no_view_history_permission is not empty",
      .warn:
        "every sampled employee shows at most one row: history cannot be told from its absence",
      .error:
        "no usable answer (network, 5xx, 429, bad JSON), or every sampled employee refused as "
        + "out of scope (with no employee to sample the rule is skipped below "
        + "people.basic_info.view)",
    ],
    examples: examples,
    evaluate: evaluate)

  private static let remediation =
    "Step 3.10.3: \(Wording.groupPath) > Other Employees > People > Employment: click the red X "
    + "next to 'View selected employees' Employment section histories' so that it turns into a "
    + "green check, \(Wording.save)"

  private static let forbidden =
    "The employment history table answered 403: the service user may not read Employment "
    + "histories."
  private static let emptySample =
    "Could not be decided: no employee was sampled, so the history table was not asked about "
    + "anyone."

  private static func restricted(_ columns: [String]) -> String {
    "Hibob hides the history of these Employment columns (no_view_history_permission): "
      + columns.prefix(20).joined(separator: ", ") + "."
  }
  private static func allRefused(_ count: Int) -> String {
    "Could not be decided: Hibob listed all \(Wording.employees(count)) sampled under errors "
      + "(outside the service user's scope), though the search showed them."
  }
  private static func proven(_ withHistory: Int, _ sampled: Int) -> String {
    "\(withHistory) of \(sampled) sampled employees show more than one employment row: "
      + "histories are visible."
  }
  private static func unconfirmable(_ sampled: Int, _ withoutRows: Int) -> String {
    var text =
      "Every one of the \(Wording.employees(sampled)) sampled shows at most one employment row, "
      + "which is what 'sections' without 'section histories' also shows: history cannot be "
      + "confirmed."
    if withoutRows > 0 {
      text += " \(withoutRows) show no row at all."
    }
    return text
  }
  private static func hiddenColumns(_ columns: [String]) -> String {
    " Some current Employment columns are hidden (no_view_permission): "
      + columns.prefix(20).joined(separator: ", ") + "."
  }

  static func evaluate(_ obs: Observations) -> Evaluation {
    switch obs.employmentHistory {
    case .notRun:
      return Evaluation(.error, Wording.notProbed(Wording.historyProbe))
    case .failed(.forbidden, let evidence):
      return Evaluation(.fail, forbidden, evidence)
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.historyProbe, failure), evidence)
    case .ok(let history, let evidence):
      if !history.noViewHistoryPermission.isEmpty {
        return Evaluation(.fail, restricted(history.noViewHistoryPermission), evidence)
      }
      if history.sampledIds.isEmpty {
        return .blocked(by: BasicInfoSectionView.rule.id, emptySample, evidence)
      }
      let refused = Set(history.errorIds)
      let inScope = history.sampledIds.filter { !refused.contains($0) }
      if inScope.isEmpty {
        return Evaluation(.error, allRefused(history.sampledIds.count), evidence)
      }
      let hidden = history.noViewPermission.isEmpty ? "" : hiddenColumns(history.noViewPermission)
      let rows = { (id: String) in history.rowsPerEmployee[id] ?? 0 }
      let withHistory = inScope.filter { rows($0) > 1 }.count
      if withHistory > 0 {
        return Evaluation(.pass, proven(withHistory, inScope.count) + hidden, evidence)
      }
      let withoutRows = inScope.filter { rows($0) == 0 }.count
      return Evaluation(.warn, unconfirmable(inScope.count, withoutRows) + hidden, evidence)
    }
  }

  private static func history(_ value: HistoryObservation) -> Observations {
    ExampleTenant.with { $0.employmentHistory = .ok(value, ExampleTenant.historyEvidence) }
  }

  private static let ids = ExampleTenant.employeeIds

  private static let examples = [
    RuleExample("one employee has three rows", ExampleTenant.passing, .pass),
    RuleExample(
      "every employee has exactly one row",
      history(
        HistoryObservation(
          sampledIds: ids,
          rowsPerEmployee: [
            "1001": 1, "1002": 1,
            "1003": 1, "1004": 1, "1005": 1,
          ])), .warn),
    RuleExample(
      "no employee has any row",
      history(HistoryObservation(sampledIds: ids, rowsPerEmployee: [:])), .warn),
    RuleExample(
      "history columns restricted",
      history(
        HistoryObservation(
          sampledIds: ids, rowsPerEmployee: ["1001": 1], noViewHistoryPermission: ["contract"])),
      .fail),
    RuleExample(
      "table answered 403",
      ExampleTenant.with {
        $0.employmentHistory = ExampleTenant.failed(
          .forbidden, "GET", "/v1/bulk/people/employment", 403)
      }, .fail),
    RuleExample(
      "table answered 500",
      ExampleTenant.with { $0.employmentHistory = .failed(.httpStatus(500), []) }, .error),
    RuleExample(
      "rate-limited", ExampleTenant.with { $0.employmentHistory = .failed(.rateLimited, []) },
      .error),
    RuleExample(
      "empty sample", history(HistoryObservation(sampledIds: [], rowsPerEmployee: [:])), .error),
    RuleExample(
      "every sampled employee listed under errors",
      history(HistoryObservation(sampledIds: ["1001"], rowsPerEmployee: [:], errorIds: ["1001"])),
      .error),
    RuleExample(
      "rows of an employee listed under errors do not count",
      history(
        HistoryObservation(
          sampledIds: ["1001", "1002"], rowsPerEmployee: ["1001": 4, "1002": 1],
          errorIds: ["1001"])), .warn),
    RuleExample("not sent", ExampleTenant.with { $0.employmentHistory = .notRun }, .error),
  ]
}
