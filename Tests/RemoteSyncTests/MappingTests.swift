import Foundation
import RemoteSync
import Testing

@Suite struct MappingTests {
  @Test(arguments: [
    ("United Kingdom", "GBR"), ("UK", "GBR"), ("gb", "GBR"), ("GBR", "GBR"), ("gbr", "GBR"),
    ("England", "GBR"), ("United States", "USA"), ("US", "USA"), ("USA", "USA"),
    ("United States of America", "USA"), ("Germany", "DEU"), ("DE", "DEU"),
    ("Deutschland", "DEU"), ("France", "FRA"), ("  france ", "FRA"), ("Côte d'Ivoire", "CIV"),
    ("Cote d'Ivoire", "CIV"), ("Ivory Coast", "CIV"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("The Netherlands", "NLD"), ("Netherlands", "NLD"), ("NL", "NLD"), ("Czech Republic", "CZE"),
    ("Czechia", "CZE"), ("South Korea", "KOR"), ("Korea, Republic of", "KOR"),
    ("Viet Nam", "VNM"), ("Vietnam", "VNM"), ("Åland Islands", "ALA"), ("Aland Islands", "ALA"),
    ("Bosnia & Herzegovina", "BIH"), ("Guinea-Bissau", "GNB"), ("Israel", "ISR"),
    ("Australia", "AUS"), ("AU", "AUS"), ("Réunion", "REU"), ("Curaçao", "CUW"),
  ])
  func countriesResolveToAlpha3(_ input: String, _ expected: String) {
    #expect(CountryResolver.alpha3(for: input) == expected)
  }

  @Test(arguments: ["Atlantis", "", "  ", "XX", "XXX", "Europe", "U", "12"])
  func unknownCountriesDoNotResolve(_ input: String) {
    #expect(CountryResolver.alpha3(for: input) == nil)
  }

  @Test func everyAlpha3CodeResolvesToItself() {
    for code in [
      "AFG", "ALA", "ZWE", "USA", "GBR", "BES", "SXM", "SSD", "PSE", "TWN", "XKX",
    ] where code != "XKX" {
      #expect(CountryResolver.alpha3(for: code) == code)
    }
    #expect(CountryResolver.alpha3(for: "XKX") == nil, "Kosovo's code is not an ISO assignment")
  }

  @Test(arguments: [
    ("As employee", EmploymentType.employee), ("as employee", .employee),
    (" As contractor ", .contractor), ("As global payroll employee", .globalPayrollEmployee),
  ])
  func syncLabelsSelectTypes(_ label: String, _ type: EmploymentType) {
    #expect(EmploymentType(syncLabel: label) == type)
  }

  @Test(arguments: ["", "Yes", "employee", "Do not sync", "As employees"])
  func otherLabelsSelectNothing(_ label: String) {
    #expect(EmploymentType(syncLabel: label) == nil)
  }

  @Test func aFullRecordMaps() throws {
    let record = HibobEmployeeRecord(
      id: "3980342332732998349", email: " jane@example.com ", displayName: "Jane Smith",
      firstName: "Jane", surname: "Smith", jobTitle: "Engineer", startDate: "2027-02-01",
      workCountry: "Australia", addressCountry: "United Kingdom", syncLabel: "As employee")
    let payload = try EmployeeMapper(companyId: "company-1").payload(for: record, type: .employee)
      .get()
    #expect(payload.basicInformation.email == "jane@example.com")
    #expect(payload.basicInformation.name == "Jane Smith")
    #expect(payload.basicInformation.jobTitle == "Engineer")
    #expect(payload.basicInformation.provisionalStartDate == "2027-02-01")
    #expect(payload.countryCode == "AUS", "the work country wins over the address")
    #expect(payload.externalId == "3980342332732998349")
    #expect(payload.companyId == "company-1")
    #expect(payload.type == .employee)
    let json = String(decoding: payload.canonicalJSON(), as: UTF8.self)
    #expect(
      json
        == #"{"basic_information":{"email":"jane@example.com","job_title":"Engineer","#
        + #""name":"Jane Smith","provisional_start_date":"2027-02-01"},"#
        + #""company_id":"company-1","country_code":"AUS","external_id":"3980342332732998349","#
        + #""type":"employee"}"#)
    #expect(payload.hash.count == 64)
    #expect(
      payload.hash
        == (try EmployeeMapper(companyId: "company-1").payload(
          for: record, type: .employee
        ).get()).hash)
  }

  @Test func nameFallsBackToFirstNameAndSurname() throws {
    var record = HibobEmployeeRecord(
      id: "1", email: "a@example.com", displayName: "  ", firstName: "Ana", surname: "Lopez",
      startDate: "2027-01-01", addressCountry: "ES")
    #expect(
      try EmployeeMapper().payload(for: record, type: .contractor).get()
        .basicInformation.name == "Ana Lopez")
    record.surname = nil
    #expect(
      try EmployeeMapper().payload(for: record, type: .contractor).get()
        .basicInformation.name == "Ana")
    record.firstName = nil
    #expect(EmployeeMapper().payload(for: record, type: .contractor) == .failure(.noName))
  }

  @Test func addressCountryIsUsedWithoutAWorkCountry() throws {
    let record = HibobEmployeeRecord(
      id: "1", email: "a@example.com", displayName: "A", startDate: "2027-01-01",
      addressCountry: "Portugal")
    #expect(try EmployeeMapper().payload(for: record, type: .employee).get().countryCode == "PRT")
  }

  @Test func unmappableRecordsSayWhy() {
    let base = HibobEmployeeRecord(
      id: "1", email: "a@example.com", displayName: "A", startDate: "2027-01-01",
      addressCountry: "Portugal")
    func reason(_ change: (inout HibobEmployeeRecord) -> Void) -> SkipReason? {
      var r = base
      change(&r)
      if case .failure(let why) = EmployeeMapper().payload(for: r, type: .employee) { return why }
      return nil
    }
    #expect(reason { _ in } == nil)
    #expect(reason { $0.email = nil } == .noEmail)
    #expect(reason { $0.email = "not-an-email" } == .malformedEmail)
    #expect(reason { $0.email = "a b@example.com" } == .malformedEmail)
    #expect(reason { $0.addressCountry = nil } == .noCountry)
    #expect(reason { $0.addressCountry = "Narnia" } == .unknownCountry)
    #expect(reason { $0.workCountry = "Narnia" } == .unknownCountry)
    #expect(reason { $0.startDate = nil } == .noStartDate)
    #expect(reason { $0.startDate = "01/02/2027" } == .malformedStartDate)
    #expect(reason { $0.startDate = "2027-02-30" } == .malformedStartDate)
    #expect(reason { $0.startDate = "2027-02-01T00:00:00Z" } == nil)
    for r in SkipReason.allCases {
      #expect(!r.description.isEmpty)
    }
  }

  @Test func terminationIsReadFromStatusOrDate() {
    var r = HibobEmployeeRecord(id: "1")
    #expect(!r.isTerminated(today: "2026-11-24"))
    r.lifecycleStatus = "Terminated"
    #expect(r.isTerminated(today: "2026-11-24"))
    r.lifecycleStatus = "Employed"
    r.terminationDate = "2026-12-31"
    #expect(!r.isTerminated(today: "2026-11-24"), "a future termination is not yet one")
    r.terminationDate = "2026-11-24"
    #expect(r.isTerminated(today: "2026-11-24"))
  }

  @Test func changesListOnlyWhatDiffers() throws {
    let record = HibobEmployeeRecord(
      id: "7", email: "a@example.com", displayName: "A B", jobTitle: "Eng",
      startDate: "2027-01-01", addressCountry: "PT")
    let payload = try EmployeeMapper().payload(for: record, type: .employee).get()
    let same = RemoteEmployment(
      id: "r1", type: "employee", countryCode: "PRT", externalId: "7",
      basicInformation: .init(
        email: "a@example.com", name: "A B", jobTitle: "Eng", provisionalStartDate: "2027-01-01"))
    #expect(payload.changes(from: same) == nil)
    var other = same
    other.countryCode = "ESP"
    other.basicInformation?.name = "A C"
    #expect(payload.changes(from: other)?.keys == ["basic_information.name", "country_code"])
  }

  @Test func calendarDates() {
    #expect(EmployeeMapper.isCalendarDate("2028-02-29"))
    #expect(!EmployeeMapper.isCalendarDate("2027-02-29"))
    #expect(!EmployeeMapper.isCalendarDate("2027-13-01"))
    #expect(!EmployeeMapper.isCalendarDate("27-01-01"))
    #expect(EmployeeMapper.isoDay(Date(timeIntervalSince1970: 0)) == "1970-01-01")
  }
}
