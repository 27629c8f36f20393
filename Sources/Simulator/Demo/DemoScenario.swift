import Common
import Foundation

/// The tenants `hibob-remote demo` checks: one generated company of made-up people, set up as the
/// article says, then changed the way admins most often get it wrong. Built in code, so the
/// demo needs no file and no network.
public struct DemoScenario: Sendable {
  public var name: String
  /// One line: what was set up wrong (or right).
  public var summary: String
  /// What the admin would do about it, shown after the report.
  public var lesson: String
  public var tenant: Tenant
  /// The token the demo's check sends; the tenant's own unless the scenario is about a wrong one.
  public var tokenSent: String
  /// After the check, sync the selected employees to a simulated Remote (twice: the second round
  /// sends nothing).
  public var syncsToRemote = false

  /// The scenario `demo` runs without `--scenario`: a realistic misconfiguration and its fix.
  public static let defaultName = "forgot-red-x"

  public static func named(_ name: String) -> DemoScenario? {
    all.first { $0.name == name }
  }

  /// Every scenario, the default first.
  public static var all: [DemoScenario] {
    [
      make(
        "forgot-red-x",
        "Two of step 3.10's red X items were never clicked (Identification, Personal contact "
          + "details).",
        "Click the two red X icons so that they turn green, then Save Changes."
      ) {
        $0.permissionGroup.sections.removeAll { $0 == "identification" || $0 == "personalContact" }
      },
      make("compliant", "Everything as the article says.", "Nothing to fix: the sync may run.") {
        _ in
      },
      make(
        "not-in-group",
        "The permission group exists, but the service user was never added to it (step 3.4).",
        "Add the service user under Select Who's In This Group, then Save Changes (3.13)."
      ) { $0.permissionGroup.serviceUserIsMember = false },
      make(
        "applies-to-department",
        "\"Applies to\" is a department instead of Lifecycle Status exists (step 3.11-3.12).",
        "Set Applies To to Select by condition: Lifecycle Status exists."
      ) {
        let department = Tenant.defaultNamedLists[0].items.first { !$0.archived }?.id ?? ""
        $0.permissionGroup.appliesTo = .condition(field: "work.department", equals: department)
      },
      make(
        "active-only",
        "\"Applies to\" lists the Employed status only: hired and terminated people vanish.",
        "Set Applies To to Lifecycle Status exists, so every status is covered."
      ) { $0.permissionGroup.appliesTo = .lifecycleStatuses([.employed]) },
      make(
        "renamed-section",
        "Someone renamed the Identification section to \"ID documents\".",
        "Rename it back to Identification: the integration finds sections by their default names."
      ) { $0.sections["identification"] = "ID documents" },
      make(
        "no-company-permissions",
        "Steps 3.6 and 3.7 were skipped: no Company permissions.",
        "Grant Manage Employee Field Settings and Edit all lists, then Save Changes."
      ) {
        $0.permissionGroup.manageEmployeeFieldSettings = false
        $0.permissionGroup.editAllLists = false
      },
      syncing(),
      make(
        "wrong-token",
        "The token pasted is not the one Hibob showed (or belongs to the sandbox).",
        "Copy the user ID and token again from the service user (step 2.4)."
      ) { _ in },
    ]
  }

  /// A compliant company whose selected employees are new hires starting in a few weeks (Remote
  /// needs a future start date for someone new to it): check, gate, sync, and a second sync.
  private static func syncing() -> DemoScenario {
    var scenario = make(
      "sync",
      "Everything as the article says, and new hires selected in 'Sync to Remote': check, gate, "
        + "a dry run (which employees Remote's country forms will refuse, and why), the sync to "
        + "a simulated Remote, then a second sync.",
      "Fill in the missing form properties in Hibob (or map them with --mapping) and run again; "
        + "the second round sent nothing because nothing changed."
    ) { tenant in
      let day: Double = 86_400
      let countries = ["Portugal", "Germany", "France", "United Kingdom", "Spain", "Netherlands"]
      var selected = 0
      for index in tenant.employees.indices {
        guard case .string = tenant.employees[index].fields[TenantGenerator.syncFieldId] else {
          continue
        }
        let start = Date().addingTimeInterval(Double(21 + index) * day)
        tenant.employees[index].fields["work.startDate"] = .string(UTCDate.day(start))
        tenant.employees[index].fields["address.postCode"] = .string("1000-\(100 + index)")
        tenant.employees[index].fields["address.country"] = .string(
          countries[selected % countries.count])
        selected += 1
      }
    }
    scenario.syncsToRemote = true
    return scenario
  }

  private static func make(
    _ name: String, _ summary: String, _ lesson: String, _ change: (inout Tenant) -> Void
  ) -> DemoScenario {
    var tenant = TenantGenerator.generate(employees: 24, seed: 2026, selectedFraction: 0.3)
    tenant.description = "hibob-remote demo: \(name)"
    change(&tenant)
    let token = name == "wrong-token" ? "not-the-token-hibob-showed" : tenant.serviceUser.token
    return DemoScenario(
      name: name, summary: summary, lesson: lesson, tenant: tenant, tokenSent: token)
  }
}
