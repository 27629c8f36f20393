import Foundation

/// One employment the simulated Remote holds.
public struct RemoteEmploymentRecord: Sendable, Equatable {
  public var id: String
  public var type: String
  public var status: String
  public var countryCode: String
  public var externalId: String?
  public var companyId: String?
  public var email: String
  public var name: String
  public var jobTitle: String?
  public var provisionalStartDate: String?
  public var createdAt: String
  public var updatedAt: String

  public init(
    id: String = UUID().uuidString.lowercased(), type: String, status: String = "created",
    countryCode: String, externalId: String?, companyId: String? = nil, email: String,
    name: String, jobTitle: String?, provisionalStartDate: String?,
    createdAt: String = "2026-01-01T00:00:00Z", updatedAt: String = "2026-01-01T00:00:00Z"
  ) {
    self.id = id
    self.type = type
    self.status = status
    self.countryCode = countryCode
    self.externalId = externalId
    self.companyId = companyId
    self.email = email
    self.name = name
    self.jobTitle = jobTitle
    self.provisionalStartDate = provisionalStartDate
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  /// The `E` of Remote's answers.
  var json: [String: Any] {
    var basic: [String: Any] = ["email": email, "name": name]
    basic["job_title"] = jobTitle ?? NSNull()
    basic["provisional_start_date"] = provisionalStartDate ?? NSNull()
    return [
      "id": id, "type": type, "status": status, "country_code": countryCode,
      "external_id": externalId ?? NSNull(), "company_id": companyId ?? NSNull(),
      "basic_information": basic, "created_at": createdAt, "updated_at": updatedAt,
    ]
  }
}
