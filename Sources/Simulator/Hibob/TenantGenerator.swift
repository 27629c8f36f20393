import Common
import Foundation

/// Builds large, deterministic, compliant tenants for load tests and benchmarks: a CEO, managers,
/// employed, hired (some without a work email yet) and terminated employees, multi-row employment
/// histories, and a share of active employees selected in "Sync to Remote".
public enum TenantGenerator {
  /// The sync field's id and list in generated tenants.
  public static let syncFieldId = "work.custom.field_1680187492413"
  public static let syncListName = "syncToRemote"
  public static let asEmployee = "500000001"
  public static let asContractor = "500000002"
  public static let asGlobalPayroll = "500000003"

  /// A compliant tenant with `employees` people (at least 1). The same `seed` gives the same
  /// tenant. `selectedFraction` (0...1) of the active employees with an email are selected in
  /// "Sync to Remote" (about 70% as employee, 30% as contractor).
  public static func generate(employees count: Int, seed: UInt64, selectedFraction: Double)
    -> Tenant
  {
    var random = SplitMix64(seed: seed)
    let departments = Tenant.defaultNamedLists[0].items.filter { !$0.archived }.map(\.id)
    let sites = Tenant.defaultNamedLists[1].items.map(\.id)
    let titles = Tenant.defaultNamedLists[2].items.map(\.id)
    let countries = ["Portugal", "Germany", "United Kingdom", "Spain", "France", "Netherlands"]
    let firstNames = ["Alex", "Sam", "Robin", "Kim", "Jordan", "Taylor", "Casey", "Morgan"]
    let todayDays = UTCDate.daysSinceEpoch(year: 2026, month: 11, day: 24)
    let earliest = UTCDate.daysSinceEpoch(year: 2012, month: 1, day: 1)
    var people: [Employee] = []
    people.reserveCapacity(max(1, count))
    var managers: [String] = []
    for n in 0..<max(1, count) {
      let id = "3980" + TenantGenerator.padded(n, width: 15)
      let roll = random.nextDouble()
      let status: LifecycleStatus =
        n == 0 ? .employed : roll < 0.05 ? .hired : roll < 0.15 ? .terminated : .employed
      let startDays =
        status == .hired
        ? todayDays + 7 + Int(random.next() % 120)
        : earliest + Int(random.next() % UInt64(todayDays - earliest - 30))
      let start = UTCDate.day(daysSinceEpoch: startDays)
      let first = firstNames[n % firstNames.count]
      let surname = "Sample-\(TenantGenerator.padded(n, width: 6))"
      let hasEmail = !(status == .hired && random.next() % 3 == 0)
      let country = countries[Int(random.next() % UInt64(countries.count))]
      var fields: [String: JSONValue] = [
        "root.firstName": .string(first), "root.surname": .string(surname),
        "root.displayName": .string("\(first) \(surname)"),
        "work.title": .string(titles[Int(random.next() % UInt64(titles.count))]),
        "work.department": .string(departments[Int(random.next() % UInt64(departments.count))]),
        "work.siteId": .string(sites[Int(random.next() % UInt64(sites.count))]),
        "work.startDate": .string(start),
        "work.workPhone": .string("+1 555 \(TenantGenerator.padded(n % 10_000, width: 4))"),
        "address.line1": .string("\(n + 1) Example Street"), "address.city": .string("Testville"),
        "address.country": .string(Tenant.countryId(country) ?? country),
        "payroll.employment.contract": .string("Full time"),
        "financial.passportNumber": .string("X\(TenantGenerator.padded(n, width: 8))"),
        "personal.nationality": .string(country),
        "home.privateEmail": .string("person\(n).private@example.com"),
        "root.state": .string(
          status == .employed ? "active" : status == .hired ? "invited" : "inactive"),
      ]
      if hasEmail { fields["root.email"] = .string("person\(n)@example.com") }
      if let manager = managers.isEmpty
        ? nil : managers[Int(random.next() % UInt64(managers.count))]
      {
        fields["work.reportsTo"] = .string(manager)
      }
      var lastDay = todayDays
      if status == .terminated {
        lastDay = min(todayDays - 1, startDays + 30 + Int(random.next() % 1500))
        fields["internal.terminationDate"] = .string(UTCDate.day(daysSinceEpoch: lastDay))
      }
      if status == .employed && hasEmail && random.nextDouble() < selectedFraction {
        fields[syncFieldId] = .string(random.nextDouble() < 0.7 ? asEmployee : asContractor)
      }
      var history: [String: [JSONValue]] = [:]
      let extraRows = status == .hired ? 0 : Int(random.next() % 4)
      if extraRows > 0 {
        var rows: [JSONValue] = []
        var day = startDays
        for row in 0...extraRows {
          rows.append(
            .object([
              ("effectiveDate", .string(UTCDate.day(daysSinceEpoch: day))),
              ("contract", .string(row % 2 == 0 && row < extraRows ? "Part time" : "Full time")),
              ("fte", .number(row < extraRows ? 0.8 : 1)),
            ]))
          day += 90 + Int(random.next() % 400)
          if day >= lastDay { break }
        }
        history["employment"] = rows
      }
      people.append(Employee(id: id, lifecycleStatus: status, fields: fields, history: history))
      if n == 0 || (status == .employed && n % 8 == 1) { managers.append(id) }
    }
    return Tenant(
      description: "Generated: \(count) employees, seed \(seed), selected \(selectedFraction).",
      serviceUser: ServiceUser(id: "SERVICE-USER-GENERATED", token: "generated-token-\(seed)"),
      permissionGroup: PermissionGroup(
        sections: Tenant.requiredSections, sectionHistories: ["employment"]),
      fields: [
        FieldDefinition(
          id: syncFieldId, name: "Sync to Remote", categoryId: "work", type: "list",
          listId: syncListName)
      ],
      namedLists: [
        NamedList(
          name: syncListName,
          items: [
            ListItem(id: asEmployee, value: "As employee"),
            ListItem(id: asContractor, value: "As contractor"),
            ListItem(id: asGlobalPayroll, value: "As global payroll employee"),
          ])
      ],
      employees: people, today: "2026-11-24")
  }

  /// Generates and writes a tenant file.
  public static func write(
    employees count: Int, seed: UInt64, selectedFraction: Double, to url: URL
  ) throws(TenantError) {
    try generate(employees: count, seed: seed, selectedFraction: selectedFraction).write(to: url)
  }

  // MARK: Helpers

  static func padded(_ n: Int, width: Int) -> String {
    let digits = String(n)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}

/// A small deterministic generator (SplitMix64): the generator's tenants and the tests' seeded
/// moments.
public struct SplitMix64: Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value in 0..<1.
  public mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
