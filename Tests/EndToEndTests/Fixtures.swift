import Foundation
import Simulator

/// The fixture tenants of `fixtures/tenants/` and what the check must say of each.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let tenants = root.appendingPathComponent("fixtures/tenants")
  static let schema = root.appendingPathComponent("docs/report.schema.json")

  static func tenant(_ name: String) throws -> Tenant {
    try Tenant.load(contentsOf: tenants.appendingPathComponent("\(name).json"))
  }

  /// Every fixture file's name, without `.json`.
  static var allNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: tenants.path)) ?? [])
      .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// The environment a run of the tool gets: the tenant's service user, nothing else.
  static func credentials(_ tenant: Tenant) -> [String: String] {
    [
      "HIBOB_SERVICE_USER_ID": tenant.serviceUser.id,
      "HIBOB_SERVICE_USER_TOKEN": tenant.serviceUser.token,
    ]
  }

  /// Field ids whose values are personal data (names, emails, phones, addresses, identity
  /// numbers, birth dates, free text about the person).
  static func isPersonal(_ fieldId: String) -> Bool {
    let prefixes = [
      "root.firstName", "root.surname", "root.displayName", "root.email", "root.fullName",
      "address.", "home.", "financial.", "personal.", "about.", "identification.",
      "work.workPhone", "work.workMobile", "work.workEmail",
    ]
    return prefixes.contains { fieldId.hasPrefix($0) }
  }

  /// Every personal string of the tenant's employees, and the token: none may appear in output.
  static func secrets(of tenant: Tenant) -> [String] {
    var found: Set<String> = [tenant.serviceUser.token]
    for employee in tenant.employees {
      for (fieldId, value) in employee.fields where isPersonal(fieldId) {
        collectStrings(value, into: &found)
      }
    }
    // All-digit values (post codes, list item ids) are left out: they collide with Hibob's
    // employee ids, which reports may list.
    return found.filter { $0.count >= 4 && !$0.allSatisfy(\.isNumber) }.sorted()
  }

  private static func collectStrings(_ value: some Encodable, into found: inout Set<String>) {
    guard let data = try? JSONEncoder().encode(value),
      let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return }
    walk(object, into: &found)
  }

  private static func walk(_ object: Any, into found: inout Set<String>) {
    switch object {
    case let s as String: found.insert(s)
    case let a as [Any]: for x in a { walk(x, into: &found) }
    case let d as [String: Any]: for x in d.values { walk(x, into: &found) }
    default: break
    }
  }

  /// Which of `secrets` appear in `text` (by kind only: the test message never quotes them).
  static func leaks(in text: String, secrets: [String]) -> [Int] {
    secrets.indices.filter { text.contains(secrets[$0]) }
  }
}
