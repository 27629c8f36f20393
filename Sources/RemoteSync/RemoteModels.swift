import Foundation
import HibobAPI

/// Remote's employment types, as the "Sync to Remote" labels name them.
public enum EmploymentType: String, Codable, Sendable, CaseIterable {
  case employee
  case contractor
  case globalPayrollEmployee = "global_payroll_employee"

  /// The type a "Sync to Remote" label selects, or nil when the label selects nothing. Labels are
  /// compared ignoring case and surrounding spaces.
  public init?(syncLabel: String) {
    switch syncLabel.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
    case "as employee": self = .employee
    case "as contractor": self = .contractor
    case "as global payroll employee": self = .globalPayrollEmployee
    default: return nil
    }
  }
}

/// An item of `GET /v1/employments` (Remote's MinimalEmployment): no `basic_information`.
public struct RemoteEmploymentItem: Sendable, Equatable {
  public var id: String
  public var loginEmail: String?
  public var personalEmail: String?
  public var workEmail: String?
  public var externalId: String?
  public var status: String?
  public var type: String?

  public init(
    id: String, loginEmail: String? = nil, personalEmail: String? = nil, workEmail: String? = nil,
    externalId: String? = nil, status: String? = nil, type: String? = nil
  ) {
    self.id = id
    self.loginEmail = loginEmail
    self.personalEmail = personalEmail
    self.workEmail = workEmail
    self.externalId = externalId
    self.status = status
    self.type = type
  }

  init?(json: JSONValue) {
    guard let id = json["id"]?.idString, !id.isEmpty else { return nil }
    self.id = id
    loginEmail = json["login_email"]?.stringValue
    personalEmail = json["personal_email"]?.stringValue
    workEmail = json["work_email"]?.stringValue
    externalId = json["external_id"]?.idString
    status = json["status"]?.stringValue
    type = json["type"]?.stringValue
  }

  /// Whether this item is the employment of `hibobId` with one of `emails`: its login, personal
  /// or work email equals one of them ignoring case, or its `external_id` is the Hibob id.
  public func matches(hibobId: String, emails: [String]) -> Bool {
    if externalId == hibobId { return true }
    let wanted = Set(emails.map { $0.lowercased() })
    return [loginEmail, personalEmail, workEmail].contains {
      $0.map { wanted.contains($0.lowercased()) } ?? false
    }
  }
}

/// An employment as `GET /v1/employments/{id}` (and create, update) answers it.
public struct RemoteEmployment: Sendable, Equatable {
  public var id: String
  public var status: String?
  public var type: String?
  /// `country.code` (alpha-3).
  public var countryCode: String?
  public var externalId: String?
  /// The form sections Remote holds (`basic_information`, `address_details`, ...), as objects.
  public var sections: [String: JSONValue]

  public init(
    id: String, status: String? = nil, type: String? = nil, countryCode: String? = nil,
    externalId: String? = nil, sections: [String: JSONValue] = [:]
  ) {
    self.id = id
    self.status = status
    self.type = type
    self.countryCode = countryCode
    self.externalId = externalId
    self.sections = sections
  }

  init?(json: JSONValue) {
    guard let id = json["id"]?.idString, !id.isEmpty else { return nil }
    self.id = id
    status = json["status"]?.stringValue
    type = json["type"]?.stringValue
    countryCode = json["country"]?["code"]?.stringValue ?? json["country_code"]?.stringValue
    externalId = json["external_id"]?.idString
    var sections: [String: JSONValue] = [:]
    for name in FormName.sectionForms.map(\.section) {
      if case .object? = json[name] { sections[name] = json[name] }
    }
    self.sections = sections
  }
}

/// The country forms the sync reads (`GET /v1/countries/{code}/{form}`), and the section of the
/// employment each fills.
public enum FormName: String, Sendable, CaseIterable, Codable {
  case basicInformation = "employment_basic_information"
  case addressDetails = "address_details"
  case personalDetails = "personal_details"
  case emergencyContactDetails = "emergency_contact_details"
  /// A global payroll employee's basic information. Remote's own SDK (`remoteoss/remote-flows`,
  /// `useGPFormSchema`) reads it instead of `employment_basic_information`, whose EOR fields
  /// (tax category, tax servicing countries) do not apply to an employee on the customer's own
  /// payroll. Read only for countries with global payroll employees; a Remote that does not
  /// serve it (404) leaves them on `employment_basic_information`.
  case globalPayrollBasicInformation = "global_payroll_basic_information"

  /// One form per employment section, in the order the sync reads them.
  public static let sectionForms: [FormName] = [
    .basicInformation, .addressDetails, .personalDetails, .emergencyContactDetails,
  ]

  /// The employment's key for this form.
  public var section: String {
    switch self {
    case .basicInformation, .globalPayrollBasicInformation: return "basic_information"
    case .addressDetails: return "address_details"
    case .personalDetails: return "personal_details"
    case .emergencyContactDetails: return "emergency_contact_details"
    }
  }

  /// The form of an employment section (the EOR one for `basic_information`).
  public init?(section: String) {
    guard let form = Self.sectionForms.first(where: { $0.section == section }) else { return nil }
    self = form
  }
}

/// A country form's JSON Schema and version.
public struct RemoteForm: Sendable, Equatable {
  public var schema: JSONValue
  public var version: Int?

  public init(schema: JSONValue, version: Int? = nil) {
    self.schema = schema
    self.version = version
  }

  /// The names of the form's top-level properties.
  public var propertyNames: Set<String> {
    Set((schema["properties"]?.objectValue ?? [:]).keys)
  }

  /// A property's `title`, when the form gives one.
  public func title(of property: String) -> String? {
    schema["properties"]?[property]?["title"]?.stringValue
  }
}
