import Foundation
import HibobAPI
import RemoteSync
import Testing

@Suite struct MappingTests {
  static let exampleFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/mappings/example.json")

  @Test func theExampleFileParses() throws {
    let m = try SyncMapping.load(path: Self.exampleFile.path)
    #expect(m.legalEntityId == "le-0000-example")
    #expect(m.legalEntity(country: "DEU") == "le-0000-example-de")
    let prt = m.sources(country: "PRT")
    #expect(prt["basic_information"]?["email"] == .field("home.privateEmail"))
    #expect(prt["basic_information"]?["has_seniority_date"] == .constant(.string("no")))
    #expect(
      prt["basic_information"]?["tax_servicing_countries"] == .constant(.array([.string("PRT")])))
    #expect(prt["address_details"]?["address_line_2"] == nil, "null removes a built-in")
    #expect(
      m.sources(country: "FRA")["basic_information"]?["ack_non_eligible_job_titles"]
        == .constant(.bool(true)))
    #expect(m.sources(country: "GBR")["basic_information"]?["tax_job_category"] == nil)
  }

  @Test(arguments: [
    ("[]", "top level"),
    ("{\"basic_information\": 3}", "basic_information"),
    ("{\"shoes\": {}}", "unknown key"),
    ("{\"XYZ\": {}}", "XYZ"),
    ("{\"countries\": {\"GB\": {}}}", "GB"),
    ("{\"basic_information\": {\"job_title\": {\"field\": \"not a field\"}}}", "field id"),
    ("{\"legal_entity_id\": \"two words\"}", "legal_entity_id"),
    ("{\"version\": 7}", "version"),
    ("{\"basic_information\": {", "not JSON"),
  ])
  func badMappingsAreOneLineErrors(_ text: String, _ mentions: String) {
    do {
      _ = try SyncMapping.parse(Data(text.utf8))
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.description.contains(mentions), "\(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }

  static func form(_ json: String) throws -> RemoteForm {
    RemoteForm(schema: try JSONParser.parse(json))
  }

  static let portugal = """
    {"type": "object", "additionalProperties": false,
     "required": ["name", "email", "job_title", "provisional_start_date", "tax_job_category"],
     "properties": {"name": {"type": "string", "title": "Full name"},
       "email": {"type": "string", "title": "Personal email"},
       "work_email": {"type": "string", "title": "Work email"},
       "job_title": {"type": "string", "title": "Job title"},
       "provisional_start_date": {"type": "string", "format": "date", "title": "Start date"},
       "tax_job_category": {"type": "string", "title": "Tax job category",
                            "enum": ["employee", "manager"]}}}
    """

  @Test func payloadsFollowTheFormAndNameWhatIsMissingNeverTheValues() throws {
    let builder = PayloadBuilder(mapping: .builtIn)
    let forms = ["basic_information": try Self.form(Self.portugal)]
    let record = employee(1, country: "Portugal", start: "2027-03-01T00:00:00Z")
    let skip: SkipDetail
    switch builder.payload(for: record, type: .employee, country: "PRT", forms: forms) {
    case .success:
      Issue.record("validated without tax_job_category")
      return
    case .failure(let s): skip = s
    }
    #expect(skip.problems.map(\.property) == ["tax_job_category"])
    #expect(skip.reason.contains("tax_job_category (\"Tax job category\")"))
    #expect(!skip.reason.contains("person1@example.com"))
    #expect(!skip.reason.contains("First1"))

    let mapping = try testMapping(#"{"PRT": {"tax_job_category": "manager"}}"#)
    let ok = PayloadBuilder(mapping: mapping).payload(
      for: record, type: .employee, country: "PRT", forms: forms)
    let payload = try ok.get()
    let basic = try #require(payload.sections["basic_information"])
    #expect(basic["name"] == .string("First1 Last1"))
    #expect(basic["provisional_start_date"] == .string("2027-03-01"), "a timestamp fits a date")
    #expect(basic["mobile_number"] == nil, "a built-in the form lacks is left out")
    #expect(payload.sections["address_details"] == nil, "no address form was given")
    let body = payload.createBody()
    #expect(body["external_id"] == .string(employeeId(1)))
    #expect(body["country_code"] == .string("PRT"))
    #expect(body["employment"] == nil)

    let wrong = try testMapping(#"{"PRT": {"tax_job_category": "astronaut"}}"#)
    switch PayloadBuilder(mapping: wrong).payload(
      for: record, type: .employee, country: "PRT", forms: forms)
    {
    case .success: Issue.record("an enum value outside the form passed")
    case .failure(let s):
      #expect(s.problems.map(\.problem) == ["invalid"])
      #expect(!s.reason.contains("astronaut"), "never the value")
    }
  }

  @Test func aReferenceToAnotherEmployeeBecomesThatEmployeesRemoteEmployment() throws {
    let form = RemoteForm(
      schema: try JSONParser.parse(
        #"{"type": "object", "properties": {"name": {}, "email": {}, "line_manager": {"type": "string"}}}"#
      ))
    let mapping = SyncMapping(sections: [
      "basic_information": [
        "name": .fullName, "email": .field("root.email"),
        "line_manager": .field("work.reportsTo"),
      ]
    ])
    var record = employee(2, extra: ["work.reportsTo": .string(employeeId(1))])
    record.references = ["work.reportsTo"]
    let builder = PayloadBuilder(mapping: mapping)
    let known = try builder.payload(
      for: record, type: .employee, country: "GBR", forms: ["basic_information": form],
      remoteIds: [employeeId(1): "emp-0042"]
    ).get()
    #expect(known.sections["basic_information"]?["line_manager"] == .string("emp-0042"))
    // Not in Remote yet: left out (never the Hibob id), and a later run fills it in.
    let unknown = try builder.payload(
      for: record, type: .employee, country: "GBR", forms: ["basic_information": form]
    ).get()
    #expect(unknown.sections["basic_information"]?["line_manager"] == nil)
    #expect(unknown.hash != known.hash)
  }

  @Test func countriesResolveToAlpha3() throws {
    #expect(try PayloadBuilder.country(of: employee(1, country: "Portugal")).get() == "PRT")
    #expect(try PayloadBuilder.country(of: employee(1, country: "DE")).get() == "DEU")
    #expect(try PayloadBuilder.country(of: employee(1, country: "FRA")).get() == "FRA")
    #expect((try? PayloadBuilder.country(of: employee(1, country: "Atlantis")).get()) == nil)
    #expect((try? PayloadBuilder.country(of: employee(1, country: nil)).get()) == nil)
  }

  @Test func aChangeChangesOnlyItsFingerprint() throws {
    let forms = ["basic_information": try Self.form(Self.portugal)]
    let mapping = try testMapping(#"{"PRT": {"tax_job_category": "manager"}}"#)
    let builder = PayloadBuilder(mapping: mapping)
    let a = try builder.payload(
      for: employee(1, country: "PRT"), type: .employee, country: "PRT", forms: forms
    ).get()
    let b = try builder.payload(
      for: employee(1, country: "PRT", title: "Lead"), type: .employee, country: "PRT",
      forms: forms
    ).get()
    let fa = a.fingerprints()
    let fb = b.fingerprints()
    #expect(fa.keys.filter { fa[$0] != fb[$0] } == ["basic_information.job_title"])
    #expect(a.hash != b.hash)
    #expect(
      a.hash
        == (try builder.payload(
          for: employee(1, country: "PRT"), type: .employee, country: "PRT", forms: forms
        ).get()).hash)
  }
}
