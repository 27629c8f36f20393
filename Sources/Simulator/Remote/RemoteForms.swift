import Foundation

/// The country forms the simulated Remote serves (`GET /v1/countries/{code}/{form}`), modelled on
/// the required properties seen in Remote's SDK fixtures (`remote-api.md`): Portugal v3
/// (`has_seniority_date`, `tax_servicing_countries`, `tax_job_category`; `seniority_date` required
/// when `has_seniority_date` is "yes"; `additionalProperties: false`), Germany v3 (also
/// `mobile_number`), France (`ack_non_eligible_job_titles`), and a plain form (name, email, job
/// title, start date) for the other countries it supports. The enums' values are our own
/// [assumed]; the shapes (titles, `x-jsf-*` presentation keys) follow Remote's.
public struct RemoteCountryForm: Sendable {
  public var schema: JSONValue
  public var version: Int
  /// Answer `{"data": S}` instead of `{"data": {"schema": S, "version": N}}` (one of Remote's
  /// fixtures does).
  public var bare: Bool

  public init(schema: JSONValue, version: Int, bare: Bool = false) {
    self.schema = schema
    self.version = version
    self.bare = bare
  }
}

public enum RemoteForms {
  /// Countries with the plain form.
  public static let plainCountries = [
    "GBR", "ESP", "NLD", "IRL", "BEL", "ITA", "POL", "SWE", "USA", "CAN", "AUS",
  ]

  /// Country -> form name -> form.
  public static let standard: [String: [String: RemoteCountryForm]] = {
    var all: [String: [String: RemoteCountryForm]] = [:]
    all["PRT"] = ["employment_basic_information": portugal(), "address_details": address()]
    all["DEU"] = ["employment_basic_information": germany(), "address_details": address()]
    all["FRA"] = ["employment_basic_information": france(), "address_details": address()]
    for code in plainCountries {
      all[code] = ["employment_basic_information": plain(), "address_details": address()]
    }
    for code in globalPayrollCountries {
      all[code]?["global_payroll_basic_information"] = globalPayroll()
    }
    return all
  }()

  /// A mapping file (`--mapping`) with the constants Portugal's, Germany's and France's forms
  /// require that Hibob has no field for. Germany's `mobile_number` is not in it: an employee
  /// without a mobile phone in Hibob is skipped, naming it. The demo, the benchmark and the
  /// tests sync with it.
  public static let constantsMapping = """
    {
      "PRT": {"has_seniority_date": "no", "tax_servicing_countries": ["PRT"],
              "tax_job_category": "employee"},
      "DEU": {"has_seniority_date": "no", "tax_servicing_countries": ["DEU"],
              "tax_job_category": "employee"},
      "FRA": {"ack_non_eligible_job_titles": true}
    }
    """

  /// Countries that also serve `global_payroll_basic_information`; the others answer it 404,
  /// so the sync's fallback to the EOR form is exercised too.
  public static let globalPayrollCountries = ["PRT", "DEU", "GBR", "USA"]

  static func property(
    _ type: String, _ title: String, format: String? = nil, extra: [(String, JSONValue)] = []
  ) -> JSONValue {
    var p: [(String, JSONValue)] = [("type", .string(type)), ("title", .string(title))]
    if let format { p.append(("format", .string(format))) }
    p.append(
      ("x-jsf-presentation", .object([("inputType", .string(type == "string" ? "text" : type))])))
    return .object(p + extra)
  }

  static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

  static var common: [(String, JSONValue)] {
    [
      ("name", property("string", "Full name", extra: [("minLength", .number(1))])),
      ("email", property("string", "Personal email", format: "email")),
      ("work_email", property("string", "Work email", format: "email")),
      ("job_title", property("string", "Job title", extra: [("minLength", .number(1))])),
      ("provisional_start_date", property("string", "Provisional start date", format: "date")),
      ("department", property("string", "Department")),
    ]
  }

  static let commonRequired = ["name", "email", "job_title", "provisional_start_date"]

  static func form(
    _ props: [(String, JSONValue)], required: [String], closed: Bool,
    extra: [(String, JSONValue)] = []
  ) -> JSONValue {
    var s: [(String, JSONValue)] = [
      ("type", .string("object")), ("properties", .object(props)), ("required", strings(required)),
    ]
    if closed { s.append(("additionalProperties", .bool(false))) }
    return .object(s + extra)
  }

  static var taxProps: [(String, JSONValue)] {
    [
      (
        "has_seniority_date",
        property(
          "string", "Does the employee have a seniority date?",
          extra: [("enum", strings(["yes", "no"]))])
      ),
      ("seniority_date", property("string", "Seniority date", format: "date")),
      (
        "tax_servicing_countries",
        property(
          "array", "Tax servicing countries",
          extra: [("items", .object([("type", .string("string"))])), ("minItems", .number(1))])
      ),
      (
        "tax_job_category",
        property(
          "string", "Tax job category",
          extra: [("enum", strings(["employee", "manager", "director", "executive"]))])
      ),
    ]
  }

  static func portugal() -> RemoteCountryForm {
    let required =
      commonRequired + ["has_seniority_date", "tax_servicing_countries", "tax_job_category"]
    let conditional: JSONValue = .object([
      ("properties", .object([("has_seniority_date", .object([("const", .string("yes"))]))])),
      ("required", strings(["has_seniority_date"])),
    ])
    return RemoteCountryForm(
      schema: form(
        common + taxProps, required: required, closed: true,
        extra: [
          ("if", conditional), ("then", .object([("required", strings(["seniority_date"]))])),
          ("else", .object([])),
        ]), version: 3)
  }

  static func germany() -> RemoteCountryForm {
    let required =
      commonRequired + [
        "has_seniority_date", "tax_servicing_countries", "tax_job_category", "mobile_number",
      ]
    let props = common + taxProps + [("mobile_number", property("string", "Mobile number"))]
    return RemoteCountryForm(schema: form(props, required: required, closed: true), version: 3)
  }

  static func france() -> RemoteCountryForm {
    let props =
      common + [
        (
          "ack_non_eligible_job_titles",
          property(
            "boolean", "I confirm the job title is not on the list of non-eligible job titles",
            extra: [("const", .bool(true))])
        )
      ]
    return RemoteCountryForm(
      schema: form(
        props, required: commonRequired + ["ack_non_eligible_job_titles"], closed: false),
      version: 1, bare: true)
  }

  /// Global payroll's basic information: Remote's SDK reads this form for global payroll
  /// employees [RF]; its properties here are our own [assumed]: the common ones, none of the
  /// EOR tax properties (the customer runs the payroll), closed.
  static func globalPayroll() -> RemoteCountryForm {
    RemoteCountryForm(schema: form(common, required: commonRequired, closed: true), version: 1)
  }

  static func plain() -> RemoteCountryForm {
    RemoteCountryForm(schema: form(common, required: commonRequired, closed: false), version: 1)
  }

  static func address() -> RemoteCountryForm {
    let props: [(String, JSONValue)] = [
      ("address", property("string", "Address", extra: [("minLength", .number(1))])),
      ("address_line_2", property("string", "Address line 2")),
      ("city", property("string", "City", extra: [("minLength", .number(1))])),
      ("postal_code", property("string", "Postal code", extra: [("minLength", .number(1))])),
    ]
    return RemoteCountryForm(
      schema: form(props, required: ["address", "city", "postal_code"], closed: true), version: 1)
  }
}
