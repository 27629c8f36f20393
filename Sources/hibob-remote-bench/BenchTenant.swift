import Foundation
import Simulator

/// Generates a compliant tenant of any size, deterministically (the same size gives the same
/// tenant): every rule of a check passes, so the benchmark measures a full, successful check.
/// Every name, email and number in it is made up.
enum BenchTenant {
  static let serviceUser = ServiceUser(
    id: "SERVICE-USER-BENCH-0001", token: "bench-token-fake-0001")
  static let syncFieldId = "work.custom.field_1680187492413"
  static let today = "2026-11-24"

  /// `size` employees: about 92% employed, 3% on leave, 3% terminated, 2% hired; everyone but
  /// the first reports to an earlier employee; the first `selected` employees (all of them when
  /// nil) are selected for the sync, alternately as employee and as contractor.
  /// With `allActive`, everyone is employed (the sync benchmark: every employee selectable).
  static func make(size: Int, selected: Int? = nil, allActive: Bool = false) -> Tenant {
    let selectedCount = min(size, selected ?? size)
    var employees: [Employee] = []
    employees.reserveCapacity(size)
    let titles = ["402000001", "402000002", "402000003", "402000004", "402000005", "402000006"]
    let departments = ["209192163", "209192164", "209192165", "209192166", "209192167"]
    let sites = ["301000001", "301000002", "301000003", "301000004"]
    let countries = ["United Kingdom", "Portugal", "Germany", "Spain", "France", "Netherlands"]
    for index in 0..<size {
      let id = String(3_980_342_332_700_000_000 + index)
      let status: LifecycleStatus
      switch allActive ? 0 : index % 100 {
      case 97, 98, 99: status = .terminated
      case 95, 96: status = .hired
      case 92, 93, 94: status = .leave
      default: status = .employed
      }
      let year = 2005 + (index * 7919) % 20
      let month = 1 + (index * 31) % 12
      let day = 1 + (index * 13) % 28
      let start = String(format: "%04d-%02d-%02d", year, month, day)
      let name = "Person\(index)"
      var fields: [String: JSONValue] = [
        "root.firstName": .string(name),
        "root.surname": .string("Bench"),
        "root.displayName": .string("\(name) Bench"),
        "root.email": .string("person\(index)@bench.example.com"),
        "about.about": .string("Made-up person for the benchmark."),
        "about.hobbies": .null,
        "about.superpowers": .null,
        "work.title": .string(titles[index % titles.count]),
        "work.department": .string(departments[index % departments.count]),
        "work.siteId": .string(sites[index % sites.count]),
        "work.startDate": .string(start),
        "work.reportsTo": index == 0
          ? .null : .string(String(3_980_342_332_700_000_000 + index / 8)),
        "work.workPhone": .string("+1 555 \(1000 + index % 9000)"),
        "work.workMobile": .null,
        "address.line1": .string("\(index) Example Street"),
        "address.city": .string("Testville"),
        "address.postCode": .string(String(format: "%05d", index % 100_000)),
        "address.country": .string(
          Tenant.countryId(countries[index % countries.count]) ?? countries[index % countries.count]
        ),
        "payroll.employment.contract": .string("Full time"),
        "payroll.employment.type": .string("Permanent"),
        "payroll.employment.weeklyHours": .number(40),
        "home.legalGender": .null,
        "home.numberOfChildren": .null,
        "financial.passportNumber": .string("X\(1_000_000 + index)"),
        "financial.identificationNumber": .string("FAKE-ID-\(index)"),
        "personal.pronouns": .null,
        "personal.nationality": .string(countries[(index / 3) % countries.count]),
        "personal.shortBirthDate": .string(String(format: "%02d-%02d", month, day)),
        "home.privateEmail": .string("person\(index)@private.example.com"),
        "home.mobilePhone": .string("+1 555 \(2000 + index % 8000)"),
        "root.state": .string("active"),
        "root.creationDate": .string(start),
      ]
      if index < selectedCount && status.isActive {
        fields[syncFieldId] = .string(index % 2 == 0 ? "500000001" : "500000002")
      } else {
        fields[syncFieldId] = .null
      }
      var history: [String: [JSONValue]] = [:]
      if index % 10 == 0 {
        history["employment"] = [
          .object([
            ("effectiveDate", .string(start)), ("contract", .string("Part time")),
            ("fte", .number(0.6)),
          ]),
          .object([
            ("effectiveDate", .string("2025-01-01")), ("contract", .string("Full time")),
            ("fte", .number(1)),
          ]),
        ]
      }
      employees.append(
        Employee(id: id, lifecycleStatus: status, fields: fields, history: history))
    }
    return Tenant(
      description: "Benchmark tenant of \(size) made-up employees; every rule passes.",
      serviceUser: serviceUser,
      permissionGroup: PermissionGroup(
        sections: [
          "root", "about", "work", "workContact", "address", "employment", "home",
          "identification", "personal", "personalContact", "userData",
        ],
        sectionHistories: ["employment"]),
      fields: [
        FieldDefinition(
          id: syncFieldId, name: "Sync to Remote", categoryId: "work", type: "list",
          listId: "syncToRemote", description: "Added by Remote's integration")
      ],
      namedLists: [
        NamedList(
          name: "syncToRemote",
          items: [
            ListItem(id: "500000001", value: "As employee"),
            ListItem(id: "500000002", value: "As contractor"),
            ListItem(id: "500000003", value: "As global payroll employee"),
          ])
      ],
      employees: employees, today: today)
  }
}
