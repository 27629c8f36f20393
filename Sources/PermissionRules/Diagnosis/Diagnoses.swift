/// The diagnosis patterns of `permission-matrix.md` ("Diagnosis") and the ones a support
/// engineer asks about next. Each holds its own messages and examples.
enum Diagnoses {
  static let sectionRules = [
    "people.about.view", "people.basic_info.view", "people.work.view", "people.work_contact.view",
    "people.address.view", "people.employment.view", "people.home.view",
    "people.identification.view", "people.personal.view", "people.personal_contact.view",
    "people.user_data.view",
  ]
  static let step310Rules = [
    "people.address.view", "people.employment.view", "people.home.view",
    "people.identification.view", "people.personal.view", "people.personal_contact.view",
    "people.user_data.view",
  ]
  static let companyRules = ["company.employee_fields.manage", "company.lists.edit_all"]

  // MARK: 401 on one host: the other environment

  static let otherEnvironment = DiagnosisPattern(
    id: "other_environment",
    when: "credentials.authenticate failed with 401",
    examples: [
      DiagnosisExample(
        "401 on production",
        ExampleTenant.with { $0.fieldMetadata = .failed(.unauthorized, []) }, fires: true),
      DiagnosisExample(
        "401 on sandbox",
        ExampleTenant.with {
          $0.environment = .sandbox
          $0.fieldMetadata = .failed(.unauthorized, [])
        }, fires: true),
      DiagnosisExample("authenticated", ExampleTenant.passing, fires: false),
      DiagnosisExample(
        "503 on the metadata",
        ExampleTenant.with { $0.fieldMetadata = .failed(.httpStatus(503), []) }, fires: false),
    ],
    detect: { results, obs in
      guard results.status("credentials.authenticate") == .fail else { return nil }
      let (cause, fix): (String, String)
      switch obs.environment {
      case .production:
        (cause, fix) = (otherFromProduction, runSandbox)
      case .sandbox:
        (cause, fix) = (otherFromSandbox, runProduction)
      case .custom:
        (cause, fix) = (otherFromCustom, runEither)
      }
      return DiagnosisItem(cause: cause, rules: ["credentials.authenticate"], remediation: fix)
    })

  private static let otherFromProduction =
    "Production (api.hibob.com) refused the credentials with 401: they probably belong to a "
    + "sandbox tenant (api.sandbox.hibob.com), or the id or token is wrong."
  private static let otherFromSandbox =
    "The sandbox (api.sandbox.hibob.com) refused the credentials with 401: they probably belong "
    + "to the production tenant (api.hibob.com), or the id or token is wrong."
  private static let otherFromCustom =
    "The host behind --base-url refused the credentials with 401: they probably belong to "
    + "another tenant (production api.hibob.com or sandbox api.sandbox.hibob.com)."
  private static let runSandbox =
    "Run the check again with --environment sandbox. If that also answers 401, copy the user "
    + "ID and token again (step 2.4)."
  private static let runProduction =
    "Run the check again without --environment sandbox. If that also answers 401, copy the "
    + "user ID and token again (step 2.4)."
  private static let runEither =
    "Run the check with --environment production or --environment sandbox to see which tenant "
    + "accepts them; if neither does, copy the user ID and token again (step 2.4)."

  // MARK: 403 on the permission-free metadata: a firewall block

  static let firewallBlock = DiagnosisPattern(
    id: "firewall_block",
    when: "the field metadata, which needs no permission, answered 403",
    examples: [
      DiagnosisExample(
        "metadata 403", ExampleTenant.with { $0.fieldMetadata = .failed(.forbidden, []) },
        fires: true),
      DiagnosisExample("metadata 200", ExampleTenant.passing, fires: false),
    ],
    detect: { _, obs in
      guard obs.fieldMetadata.failure == .forbidden else { return nil }
      return DiagnosisItem(
        cause: blocked, rules: ["credentials.authenticate"], remediation: waitAndRetry)
    })

  private static let blocked =
    "Hibob refused even the field metadata, which needs no permission (403): its firewall "
    + "probably blocked this IP or Authorization header after many refused requests (50 in 10 "
    + "seconds), possibly from another tool using the same credentials, or the service user is "
    + "disabled."
  private static let waitAndRetry =
    "Wait 5 minutes, stop other tools using these credentials, and run again. If it persists, "
    + "check the service user under Settings > Integrations > Automation > Service Users (step "
    + "2.1)."

  // MARK: HTML or 404 instead of the API: wrong base URL

  static let wrongBaseURL = DiagnosisPattern(
    id: "wrong_base_url",
    when: "the field metadata answered HTML, non-JSON or 404",
    examples: [
      DiagnosisExample(
        "HTML page",
        ExampleTenant.with { $0.fieldMetadata = .failed(.invalidResponse("text/html"), []) },
        fires: true),
      DiagnosisExample(
        "404", ExampleTenant.with { $0.fieldMetadata = .failed(.notFound, []) }, fires: true),
      DiagnosisExample("JSON", ExampleTenant.passing, fires: false),
    ],
    detect: { _, obs in
      switch obs.fieldMetadata.failure {
      case .invalidResponse, .notFound:
        return DiagnosisItem(
          cause: notTheAPI, rules: ["credentials.authenticate"], remediation: fixBaseURL)
      default:
        return nil
      }
    })

  private static let notTheAPI =
    "The host did not answer like Hibob's API (an HTML page, a non-JSON answer or a 404 on "
    + "/company/people/fields): the base URL is probably wrong."
  private static let fixBaseURL =
    "Use --environment production or --environment sandbox, or a --base-url that ends in /v1 "
    + "(https://api.hibob.com/v1)."

  // MARK: Nobody visible: not in the group, or never saved

  static let notInGroup = DiagnosisPattern(
    id: "service_user_not_in_group",
    when: "credentials pass but no employee is visible (or the search answered 403)",
    examples: [
      DiagnosisExample(
        "no employee returned", ExampleTenant.editingEmployees { _ in [] }, fires: true),
      DiagnosisExample(
        "search 403", ExampleTenant.with { $0.searchAll = .failed(.forbidden, []) }, fires: true),
      DiagnosisExample(
        "search 503", ExampleTenant.with { $0.searchAll = .failed(.httpStatus(503), []) },
        fires: false),
      DiagnosisExample("employees visible", ExampleTenant.passing, fires: false),
    ],
    detect: { results, obs in
      guard results.status("credentials.authenticate") == .pass,
        results.status("people.basic_info.view") == .fail
      else { return nil }
      let nobody: Bool
      switch obs.searchAll {
      case .failed(.forbidden, _): nobody = true
      case .ok(let search, _): nobody = search.employees.isEmpty
      default: nobody = false
      }
      guard nobody else { return nil }
      let affected = results.ids {
        $0.id.hasPrefix("people.") || $0.id == "scope.lifecycle_status"
          || ($0.id.hasPrefix("company.") && $0.status == .fail)
      }
      return DiagnosisItem(cause: notMember, rules: affected, remediation: addToGroup)
    })

  private static let notMember =
    "The credentials work but the service user sees no employee at all: it is probably not a "
    + "member of the permission group, or the group was never saved."
  private static let addToGroup =
    "Step 3.4: Settings > Roles and Permissions > (your group) > Select Who's In This Group > "
    + "Select > Add Specific Employees > Service Users: check the service user created in step "
    + "2, click Apply, then Apply on the Group members selector; then Select Save Changes and "
    + "click Apply in the pop-up (3.13)."

  // MARK: Every Company write refused

  static let companyPermissionsMissing = DiagnosisPattern(
    id: "company_permissions_missing",
    when: "both Company write probes answered 403 while employees are visible",
    examples: [
      DiagnosisExample(
        "both writes 403",
        ExampleTenant.with {
          $0.fieldSettingsWrite = .ok(WriteProbe(kind: .noOpPut, status: 403), [])
          $0.listsWrite = .ok(WriteProbe(kind: .invalidPost, status: 403), [])
        }, fires: true),
      DiagnosisExample(
        "one write 403",
        ExampleTenant.with { $0.listsWrite = .ok(WriteProbe(kind: .noOpPut, status: 403), []) },
        fires: false),
      DiagnosisExample(
        "both writes 403 and nobody visible",
        ExampleTenant.with {
          $0.fieldSettingsWrite = .failed(.forbidden, [])
          $0.listsWrite = .failed(.forbidden, [])
          $0.searchAll = .failed(.forbidden, [])
        }, fires: false),
    ],
    detect: { results, _ in
      guard companyRules.allSatisfy({ results.status($0) == .fail }),
        results.status("people.basic_info.view") != .fail
      else { return nil }
      return DiagnosisItem(cause: noCompanyTab, rules: companyRules, remediation: grantCompany)
    })

  private static let noCompanyTab =
    "Every Company write was refused (403) while employee data is visible: the Company tab of "
    + "the group's permissions (steps 3.5-3.7) was not edited, or not saved."
  private static let grantCompany =
    "Steps 3.5-3.7: \(Wording.groupPath) > Company: under Settings > Employee Fields click the "
    + "red X next to 'Manage Employee Field Settings', and under People > Lists the red X next "
    + "to 'Edit all lists (sites, job titles, etc.)', so both turn into green checkmarks, "
    + Wording.save

  // MARK: Step 3.10 not done at all

  static let step310NotGranted = DiagnosisPattern(
    id: "step_3_10_not_granted",
    when: "Basic info is visible but every section of step 3.10 fails",
    examples: [
      DiagnosisExample(
        "every 3.10 section hidden",
        ExampleTenant.with { obs in
          for section in Section.required where !section.grantedByDefault {
            obs.searchAll = ExampleTenant.hide(section.id, for: nil, in: obs.searchAll)
          }
        }, fires: true),
      DiagnosisExample("one 3.10 section hidden", ExampleTenant.hiding("home"), fires: false),
      DiagnosisExample("all visible", ExampleTenant.passing, fires: false),
    ],
    detect: { results, _ in
      guard let basic = results.status("people.basic_info.view"), basic == .pass || basic == .warn,
        step310Rules.allSatisfy({ results.status($0) == .fail })
      else { return nil }
      var rules = step310Rules
      if results.status("people.employment.history.view") == .fail {
        rules.append("people.employment.history.view")
      }
      return DiagnosisItem(cause: redXNotClicked, rules: rules, remediation: clickEveryRedX)
    })

  private static let redXNotClicked =
    "The default sections of step 3.9 are visible but none of step 3.10's: its red X items "
    + "were not clicked, or the group was not saved afterwards."
  private static let clickEveryRedX =
    "Step 3.10: \(Wording.groupPath) > Other Employees > People: click the red X next to each "
    + "of 'View selected employees' Address sections', 'Employment sections', 'Employment "
    + "section histories', 'Home sections', 'Identification sections', 'Personal sections', "
    + "'Personal contact details sections' and 'User data sections' so that each turns into a "
    + "green check, \(Wording.save)"

  // MARK: Visible for some only: Applies to

  static let appliesTo = DiagnosisPattern(
    id: "applies_to_not_lifecycle_status",
    when:
      "a section is visible for some employees only, or a referenced employee is not visible",
    examples: [
      DiagnosisExample(
        "sections hidden for the inactive employee",
        ExampleTenant.with { obs in
          for section in Section.required {
            obs.searchAll = ExampleTenant.hide(section.id, for: ["1005"], in: obs.searchAll)
          }
        }, fires: true),
      DiagnosisExample(
        "a manager not visible",
        ExampleTenant.editingEmployees { employees in
          employees.map { e in
            var copy = e
            copy.referencedEmployeeIds = ["4242"]
            return copy
          }
        }, fires: true),
      DiagnosisExample("everyone the same", ExampleTenant.passing, fires: false),
      DiagnosisExample(
        "a section hidden for everyone", ExampleTenant.hiding("address"), fires: false),
    ],
    detect: { results, _ in
      let partial = results.ids { sectionRules.contains($0.id) && $0.status == .warn }
      let scopeFailed = results.status("scope.lifecycle_status") == .fail
      guard !partial.isEmpty || scopeFailed else { return nil }
      return DiagnosisItem(
        cause: notLifecycle, rules: partial + ["scope.lifecycle_status"],
        remediation: LifecycleStatusScope.rule.metadata.remediation)
    })

  private static let notLifecycle =
    "Some employees show sections others lack, or employees named by a reference are not "
    + "visible: the group's Applies to is probably not 'Lifecycle Status exists' (step 3.11), "
    + "so it leaves some employees out."

  // MARK: Only the history is missing

  static let historyOnly = DiagnosisPattern(
    id: "history_only",
    when: "Employment sections pass but their histories fail, and nothing else blocks",
    examples: [
      DiagnosisExample(
        "history 403 only",
        ExampleTenant.with { $0.employmentHistory = .failed(.forbidden, []) }, fires: true),
      DiagnosisExample(
        "history 403 and Employment hidden",
        ExampleTenant.with {
          $0.employmentHistory = .failed(.forbidden, [])
          $0.searchAll = ExampleTenant.hide("employment", for: nil, in: $0.searchAll)
        }, fires: false),
      DiagnosisExample("history visible", ExampleTenant.passing, fires: false),
    ],
    detect: { results, _ in
      let history = "people.employment.history.view"
      guard results.status(history) == .fail,
        results.status("people.employment.view") == .pass,
        !results.contains(where: {
          $0.id != history && $0.severity == .blocking && $0.status == .fail
        })
      else { return nil }
      return DiagnosisItem(
        cause: historyMissing, rules: [history],
        remediation: EmploymentHistoryView.rule.metadata.remediation)
    })

  private static let historyMissing =
    "Only the Employment history is missing: 'View selected employees' Employment sections' "
    + "(3.10.2) is granted but the separate 'Employment section histories' item below it "
    + "(3.10.3) is not; it is easy to miss."

  // MARK: Rate limits and an unreachable host: undecided, not failed

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
