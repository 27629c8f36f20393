import Foundation
import PermissionRules

/// Remote's employment types, as the "Sync to Remote" labels name them.
public enum EmploymentType: String, Codable, Sendable, CaseIterable {
  case employee
  case contractor
  /// [assumed name] Remote's reference documents `employee` and `contractor` only.
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

/// The body of `POST /v1/employments` inside `{"employment": ...}`. Optional keys are left out
/// when nil.
public struct EmploymentPayload: Codable, Sendable, Equatable {
  public struct BasicInformation: Codable, Sendable, Equatable {
    public var email: String
    public var name: String
    public var jobTitle: String?
    public var provisionalStartDate: String

    public init(email: String, name: String, jobTitle: String?, provisionalStartDate: String) {
      self.email = email
      self.name = name
      self.jobTitle = jobTitle
      self.provisionalStartDate = provisionalStartDate
    }

    enum CodingKeys: String, CodingKey {
      case email, name
      case jobTitle = "job_title"
      case provisionalStartDate = "provisional_start_date"
    }
  }

  public var basicInformation: BasicInformation
  public var companyId: String?
  public var countryCode: String
  public var externalId: String
  public var type: EmploymentType

  public init(
    basicInformation: BasicInformation, companyId: String?, countryCode: String,
    externalId: String, type: EmploymentType
  ) {
    self.basicInformation = basicInformation
    self.companyId = companyId
    self.countryCode = countryCode
    self.externalId = externalId
    self.type = type
  }

  enum CodingKeys: String, CodingKey {
    case type
    case basicInformation = "basic_information"
    case companyId = "company_id"
    case countryCode = "country_code"
    case externalId = "external_id"
  }

  /// Canonical JSON: sorted keys, no whitespace, slashes unescaped. Byte-stable.
  public func canonicalJSON() -> Data {
    // Encoding plain strings and an enum cannot fail.
    (try? Self.canonicalEncoder.encode(self)) ?? Data()
  }

  /// SHA-256 (hex) of the canonical JSON: the state file's `payload_hash`.
  public var hash: String { SHA256.hex(canonicalJSON()) }

  static var canonicalEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// The keys of `self` whose values differ from what Remote holds in `current`: the body of a
  /// PATCH. Nil when nothing differs.
  public func changes(from current: RemoteEmployment) -> EmploymentPatch? {
    var patch = EmploymentPatch()
    var basic = EmploymentPatch.BasicInformation()
    let cur = current.basicInformation
    if cur?.email != basicInformation.email { basic.email = basicInformation.email }
    if cur?.name != basicInformation.name { basic.name = basicInformation.name }
    if let title = basicInformation.jobTitle, cur?.jobTitle != title { basic.jobTitle = title }
    if cur?.provisionalStartDate != basicInformation.provisionalStartDate {
      basic.provisionalStartDate = basicInformation.provisionalStartDate
    }
    if basic != EmploymentPatch.BasicInformation() { patch.basicInformation = basic }
    if let company = companyId, current.companyId != company { patch.companyId = company }
    if current.countryCode != countryCode { patch.countryCode = countryCode }
    if current.externalId != externalId { patch.externalId = externalId }
    if current.type != type.rawValue { patch.type = type }
    return patch == EmploymentPatch() ? nil : patch
  }
}

/// The body of `PATCH /v1/employments/{id}` inside `{"employment": ...}`: only the keys that
/// change (and inside `basic_information`, only the sub-keys that change).
public struct EmploymentPatch: Codable, Sendable, Equatable {
  public struct BasicInformation: Codable, Sendable, Equatable {
    public var email: String?
    public var name: String?
    public var jobTitle: String?
    public var provisionalStartDate: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
      case email, name
      case jobTitle = "job_title"
      case provisionalStartDate = "provisional_start_date"
    }
  }

  public var basicInformation: BasicInformation?
  public var companyId: String?
  public var countryCode: String?
  public var externalId: String?
  public var type: EmploymentType?

  public init() {}

  enum CodingKeys: String, CodingKey {
    case type
    case basicInformation = "basic_information"
    case companyId = "company_id"
    case countryCode = "country_code"
    case externalId = "external_id"
  }

  /// The top-level keys the patch sends (for tests and logs; never the values).
  public var keys: [String] {
    var keys: [String] = []
    if let b = basicInformation {
      if b.email != nil { keys.append("basic_information.email") }
      if b.name != nil { keys.append("basic_information.name") }
      if b.jobTitle != nil { keys.append("basic_information.job_title") }
      if b.provisionalStartDate != nil { keys.append("basic_information.provisional_start_date") }
    }
    if companyId != nil { keys.append("company_id") }
    if countryCode != nil { keys.append("country_code") }
    if externalId != nil { keys.append("external_id") }
    if type != nil { keys.append("type") }
    return keys
  }
}

/// An employment as Remote answers it. Decoded leniently: every key but `id` may be missing.
public struct RemoteEmployment: Decodable, Sendable, Equatable {
  public struct BasicInformation: Decodable, Sendable, Equatable {
    public var email: String?
    public var name: String?
    public var jobTitle: String?
    public var provisionalStartDate: String?

    public init(
      email: String? = nil, name: String? = nil, jobTitle: String? = nil,
      provisionalStartDate: String? = nil
    ) {
      self.email = email
      self.name = name
      self.jobTitle = jobTitle
      self.provisionalStartDate = provisionalStartDate
    }

    enum CodingKeys: String, CodingKey {
      case email, name
      case jobTitle = "job_title"
      case provisionalStartDate = "provisional_start_date"
    }
  }

  public var id: String
  public var status: String?
  public var type: String?
  public var countryCode: String?
  public var externalId: String?
  public var companyId: String?
  public var basicInformation: BasicInformation?

  public init(
    id: String, status: String? = nil, type: String? = nil, countryCode: String? = nil,
    externalId: String? = nil, companyId: String? = nil, basicInformation: BasicInformation? = nil
  ) {
    self.id = id
    self.status = status
    self.type = type
    self.countryCode = countryCode
    self.externalId = externalId
    self.companyId = companyId
    self.basicInformation = basicInformation
  }

  enum CodingKeys: String, CodingKey {
    case id, status, type
    case countryCode = "country_code"
    case externalId = "external_id"
    case companyId = "company_id"
    case basicInformation = "basic_information"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    status = try? c.decodeIfPresent(String.self, forKey: .status)
    type = try? c.decodeIfPresent(String.self, forKey: .type)
    countryCode = try? c.decodeIfPresent(String.self, forKey: .countryCode)
    externalId = try? c.decodeIfPresent(String.self, forKey: .externalId)
    companyId = try? c.decodeIfPresent(String.self, forKey: .companyId)
    basicInformation = try? c.decodeIfPresent(BasicInformation.self, forKey: .basicInformation)
  }
}
