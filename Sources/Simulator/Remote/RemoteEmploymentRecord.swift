import Foundation

/// One employment the simulated Remote holds. Holds made-up personal data only.
public struct RemoteEmploymentRecord: Sendable, Equatable {
  public var id: String
  public var type: String
  /// `created`, `invited`, `active`, ...
  public var status: String
  public var countryCode: String
  public var externalId: String?
  public var legalEntityId: String?
  /// Form sections as sent: `basic_information`, `address_details`, ...
  public var sections: [String: JSONValue]
  /// The work email when set by a PATCH of `work_email` (else `basic_information.work_email`).
  public var workEmailOverride: String?
  public var createdAt: String
  public var updatedAt: String

  public init(
    id: String = UUID().uuidString.lowercased(), type: String, status: String = "created",
    countryCode: String, externalId: String?, legalEntityId: String? = nil,
    sections: [String: JSONValue], createdAt: String = "2026-01-01T00:00:00Z",
    updatedAt: String = "2026-01-01T00:00:00Z"
  ) {
    self.id = id
    self.type = type
    self.status = status
    self.countryCode = countryCode
    self.externalId = externalId
    self.legalEntityId = legalEntityId
    self.sections = sections
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  /// A record with a plain `basic_information` (for seeding tests).
  public init(
    id: String = UUID().uuidString.lowercased(), type: String, status: String = "created",
    countryCode: String, externalId: String?, email: String, name: String,
    jobTitle: String? = nil, provisionalStartDate: String? = nil, workEmail: String? = nil
  ) {
    var basic: [(String, JSONValue)] = [("email", .string(email)), ("name", .string(name))]
    if let jobTitle { basic.append(("job_title", .string(jobTitle))) }
    if let provisionalStartDate {
      basic.append(("provisional_start_date", .string(provisionalStartDate)))
    }
    if let workEmail { basic.append(("work_email", .string(workEmail))) }
    self.init(
      id: id, type: type, status: status, countryCode: countryCode, externalId: externalId,
      sections: ["basic_information": .object(basic)])
  }

  /// The login email (`basic_information.email`): Remote's unique key.
  public var loginEmail: String { sections["basic_information"]?["email"]?.stringValue ?? "" }
  public var workEmail: String? {
    workEmailOverride ?? sections["basic_information"]?["work_email"]?.stringValue
  }
  public var name: String { sections["basic_information"]?["name"]?.stringValue ?? "" }
  public var jobTitle: String? { sections["basic_information"]?["job_title"]?.stringValue }

  private var country: JSONValue {
    .object([("code", .string(countryCode)), ("name", .string(countryCode))])
  }

  /// `E` of Remote's show, create and update answers.
  var json: JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("id", .string(id)), ("status", .string(status)), ("type", .string(type)),
      ("country", country), ("external_id", externalId.map { .string($0) } ?? .null),
      ("personal_email", .string(loginEmail)),
      ("work_email", workEmail.map { .string($0) } ?? .null),
      ("job_title", jobTitle.map { .string($0) } ?? .null),
      ("created_at", .string(createdAt)), ("updated_at", .string(updatedAt)),
    ]
    for key in sections.keys.sorted() { pairs.append((key, sections[key]!)) }
    return .object(pairs)
  }

  /// `M` of Remote's list answer (MinimalEmployment): no `basic_information`.
  var listItem: JSONValue {
    .object([
      ("id", .string(id)), ("login_email", .string(loginEmail)),
      ("personal_email", .string(loginEmail)),
      ("work_email", workEmail.map { .string($0) } ?? .null),
      ("external_id", externalId.map { .string($0) } ?? .null), ("full_name", .string(name)),
      ("status", .string(status)), ("type", .string(type)), ("country", country),
    ])
  }
}
