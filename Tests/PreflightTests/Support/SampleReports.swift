import Foundation
import PermissionRules
import Preflight

/// Hand-built reports with realistic ids, steps, reasons and fixes from `permission-matrix.md`.
/// They use only the shared types: the real catalogue lives in another module.
enum Samples {
  struct Rule {
    var id: String
    var title: String
    var step: String
    var severity: Severity = .blocking
    var fix: String
  }

  static let path = "Settings > Roles and Permissions > (your group) > Manage Permissions"

  static func viewRule(_ id: String, _ section: String, _ step: String, _ label: String) -> Rule {
    Rule(
      id: id, title: "View \(section) sections", step: step,
      fix:
        "Step \(step): \(path) > Other Employees > People > \(label): click the red X next to "
        + "'View selected employees' \(section) sections' so that it turns into a green check, "
        + "then Save Changes (3.13).")
  }

  /// The catalogue's order.
  static let rules: [Rule] = [
    Rule(
      id: "credentials.format", title: "Credentials are well formed", step: "2.4, 4.3",
      fix:
        "Step 2.4: copy the service user's ID and token again from Hibob (Settings > "
        + "Integrations > Automation > Service Users) without quotes, spaces or a Basic/Bearer "
        + "prefix."),
    Rule(
      id: "credentials.authenticate", title: "Service user authenticates", step: "2",
      fix:
        "Step 2: create a service user in Settings > Integrations > Automation > Service Users "
        + "and use its ID and token, on the host of the environment it belongs to."),
    Rule(
      id: "company.employee_fields.manage", title: "Manage employee fields", step: "3.6",
      fix:
        "Step 3.6: \(path) > Company > Settings > Employee Fields: click the red X next to "
        + "'Manage Employee Field Settings' so that it turns into a green check, then Save "
        + "Changes (3.13)."),
    Rule(
      id: "company.lists.edit_all", title: "Edit all lists", step: "3.7",
      fix:
        "Step 3.7: \(path) > Company > People > Lists: click the red X next to 'Edit all lists "
        + "(sites, job titles, etc.)' so that it turns into a green check, then Save Changes "
        + "(3.13)."),
    viewRule("people.about.view", "About", "3.9.1", "About"),
    viewRule("people.basic_info.view", "Basic info", "3.9.2", "Basic Info"),
    viewRule("people.work.view", "Work", "3.9.3", "Work"),
    viewRule("people.work_contact.view", "Work contact details", "3.9.4", "Work Contact Details"),
    viewRule("people.address.view", "Address", "3.10.1", "Address"),
    viewRule("people.employment.view", "Employment", "3.10.2", "Employment"),
    Rule(
      id: "people.employment.history.view", title: "View Employment section histories",
      step: "3.10.3",
      fix:
        "Step 3.10.3: \(path) > Other Employees > People > Employment: click the red X next to "
        + "'View selected employees' Employment section histories' so that it turns into a "
        + "green check, then Save Changes (3.13)."),
    viewRule("people.home.view", "Home", "3.10.4", "Home"),
    viewRule("people.identification.view", "Identification", "3.10.5", "Identification"),
    viewRule("people.personal.view", "Personal", "3.10.6", "Personal"),
    viewRule(
      "people.personal_contact.view", "Personal contact details", "3.10.7",
      "Personal Contact Details"),
    viewRule("people.user_data.view", "User data", "3.10.8", "User Data"),
    Rule(
      id: "scope.lifecycle_status", title: "Applies to every lifecycle status",
      step: "3.11, 3.12",
      fix:
        "Steps 3.11-3.12: \(path) > Applies To: choose 'Select by condition', Edit, pick "
        + "'Lifecycle Status' and 'exists', Apply, then Save Changes (3.13)."),
    Rule(
      id: "sections.default_names", title: "Sections keep their default names",
      step: "before you start",
      fix:
        "Before you start: Settings > Employee Fields: rename the section back to its default "
        + "name (the evidence names it); the integration looks sections up by their default "
        + "names."),
    Rule(
      id: "sync_field.present", title: "Sync to Remote field exists", step: "sync 3",
      fix:
        "Sync step 3: add the Hibob integration in Remote (Integrations > Hibob > Add), which "
        + "creates the 'Sync to Remote' list field in the Work section with 'As employee' and "
        + "'As contractor'; do not move or rename it."),
    Rule(
      id: "sync_field.selection", title: "Employees selected for sync", step: "sync 1-4",
      severity: .advisory,
      fix:
        "Sync steps 1-4: People > Directory > (employee) > Work > edit: set 'Sync to Remote' "
        + "to 'As employee' or 'As contractor', then Done; repeat for every employee to sync."),
  ]

  static let search = Evidence(
    method: "POST", path: "/v1/people/search", status: 200, durationMs: 412, attempts: 1,
    note: "showInactive true; 212 employees; asked 3 fields of every required section")
  static let activeSearch = Evidence(
    method: "POST", path: "/v1/people/search", status: 200, durationMs: 188, attempts: 1,
    note: "showInactive false; 190 employees")
  static let metadata = Evidence(
    method: "GET", path: "/v1/company/people/fields", status: 200, durationMs: 96, attempts: 1,
    note: nil)

  static func evidence(for id: String) -> [Evidence] {
    switch id {
    case "credentials.format": []
    case "credentials.authenticate", "sections.default_names": [metadata]
    case "company.employee_fields.manage":
      [
        Evidence(
          method: "PUT", path: "/v1/company/people/fields/work.custom.syncToRemote", status: 304,
          durationMs: 140, attempts: 1, note: "no-op: the field's current name")
      ]
    case "company.lists.edit_all":
      [
        Evidence(
          method: "PUT", path: "/v1/company/named-lists/site/2041736", status: 304,
          durationMs: 131, attempts: 1, note: "no-op: the item's current name")
      ]
    case "people.employment.history.view":
      [
        Evidence(
          method: "GET", path: "/v1/bulk/people/employment", status: 200, durationMs: 233,
          attempts: 1, note: "sample of 200 longest-serving employees")
      ]
    case "scope.lifecycle_status": [search, activeSearch]
    default: [search]
    }
  }

  static func result(
    _ id: String, _ status: Status, _ reason: String, evidence: [Evidence]? = nil
  ) -> RuleResult {
    guard let rule = rules.first(where: { $0.id == id }) else {
      preconditionFailure("no sample rule \(id)")
    }
    return RuleResult(
      id: rule.id, title: rule.title, step: rule.step, severity: rule.severity, status: status,
      reason: reason, evidence: evidence ?? Self.evidence(for: id),
      remediation: [.fail, .warn, .manual].contains(status) ? rule.fix : nil)
  }

  static let passReasons: [String: String] = [
    "credentials.format": "The service user id and token are well formed.",
    "credentials.authenticate": "Hibob accepted the credentials (200 from the field metadata).",
    "company.employee_fields.manage": "A no-op update of an employee field was allowed (304).",
    "company.lists.edit_all": "A no-op update of a list item was allowed (304).",
    "people.employment.history.view": "131 of 200 sampled employees show more than one row.",
    "scope.lifecycle_status":
      "Every required section is visible for every visible employee; 22 inactive employees are "
      + "visible.",
    "sections.default_names": "All 11 required sections exist with their default names.",
    "sync_field.present":
      "'Sync to Remote' is a list field in Work with 'As employee' and 'As contractor'.",
    "sync_field.selection": "48 employees are selected for sync.",
  ]

  static func passing(_ id: String) -> RuleResult {
    result(id, .pass, passReasons[id] ?? "Visible for all 212 visible employees.")
  }

  static let manualChecks = [
    ManualCheck(
      step: "before you start",
      text: "The person setting up the integration is a Hibob administrator."),
    ManualCheck(
      step: "3.13",
      text:
        "The permission group was saved: Save Changes, then Apply in the review pop-up. An "
        + "unsaved group grants nothing."),
  ]

  static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_536_000.75) }

  static func builder() -> ReportBuilder {
    ReportBuilder(toolVersion: "0.1.0", rulesVersion: "9f2c61d0", clock: clock)
  }

  static func target(readOnly: Bool = false) -> Report.Target {
    Report.Target(
      baseURL: "https://api.hibob.com/v1", environment: "production",
      serviceUserId: "SERVICE-1234", tokenSHA256Prefix: "3c9a07e1", readOnly: readOnly)
  }

  /// Every rule passes.
  static func allPass() -> Report {
    builder().build(
      results: rules.map { passing($0.id) }, diagnosis: [], manualChecks: manualChecks,
      target: target(),
      requests: Report.Requests(count: 7, retries: 0, rateLimited: 0, durationMs: 640),
      strict: false)
  }

  /// Identification and Home not granted, a warn on history, an advisory warn, a diagnosis.
  static func failing() -> Report {
    let results = rules.map { rule -> RuleResult in
      switch rule.id {
      case "people.identification.view":
        result(
          rule.id, .fail, "No visible employee shows any Identification field (0 of 212).")
      case "people.home.view":
        result(rule.id, .fail, "No visible employee shows any Home field (0 of 212).")
      case "people.employment.history.view":
        result(
          rule.id, .warn,
          "Every sampled employee shows exactly one employment row (200 of 200): history "
            + "cannot be told from its absence.")
      case "sync_field.selection":
        result(
          rule.id, .warn,
          "3 selected employees lack a start date: ids 3332883884017713238, "
            + "3332883884017713239, 3332883884017713240.")
      default:
        passing(rule.id)
      }
    }
    let diagnosis = [
      DiagnosisItem(
        cause:
          "The group's Other Employees permissions stop at the sections of step 3.9: the "
          + "sections of step 3.10 were never switched on.",
        rules: ["people.home.view", "people.identification.view"],
        remediation:
          "Step 3.10: \(path) > Other Employees > People: click the red X next to each item of "
          + "3.10 so that it turns into a green check, then Save Changes (3.13).")
    ]
    return builder().build(
      results: results, diagnosis: diagnosis, manualChecks: manualChecks, target: target(),
      requests: Report.Requests(count: 7, retries: 1, rateLimited: 1, durationMs: 2_350),
      strict: false)
  }

  /// Read-only, a timeout on the search: errors, manual write probes and skipped dependants.
  static func inconclusive() -> Report {
    let timeout = Evidence(
      method: "POST", path: "/v1/people/search", status: nil, durationMs: 30_000, attempts: 1,
      note: "timed out after 30 s")
    let results = rules.map { rule -> RuleResult in
      switch rule.id {
      case "company.employee_fields.manage", "company.lists.edit_all":
        result(rule.id, .manual, "Write probes are off (--read-only).", evidence: [])
      case "people.basic_info.view":
        result(
          rule.id, .error, "The people search timed out after 30 s; nothing was decided.",
          evidence: [timeout])
      case "people.employment.history.view":
        result(
          rule.id, .error,
          "Hibob answered 503 three times (the retry budget); nothing was decided.",
          evidence: [
            Evidence(
              method: "GET", path: "/v1/bulk/people/employment", status: 503, durationMs: 5_200,
              attempts: 3, note: "HTML error page <title>Service Unavailable</title> & retry")
          ])
      case "credentials.format", "credentials.authenticate", "sections.default_names",
        "sync_field.present":
        passing(rule.id)
      default:
        result(rule.id, .skipped, "Not probed: people.basic_info.view did not pass.", evidence: [])
      }
    }
    return builder().build(
      results: results, diagnosis: [], manualChecks: manualChecks,
      target: Report.Target(
        baseURL: "http://127.0.0.1:8080/v1", environment: "custom", serviceUserId: nil,
        tokenSHA256Prefix: nil, readOnly: true),
      requests: Report.Requests(count: 6, retries: 2, rateLimited: 0, durationMs: 41_950),
      strict: false)
  }

  static let all: [(name: String, report: @Sendable () -> Report)] = [
    ("all-pass", allPass), ("failing", failing), ("inconclusive", inconclusive),
  ]
}
