import Foundation

/// One Hibob employee as the sync reads it: plain strings, already taken out of the people
/// search (labels for list fields, ISO dates for date fields). Holds personal data: never log it.
public struct HibobEmployeeRecord: Sendable, Equatable {
  public var id: String
  /// `root.email`, the work email. Never a personal email.
  public var email: String?
  public var displayName: String?
  public var firstName: String?
  public var surname: String?
  /// `work.title`.
  public var jobTitle: String?
  /// `work.startDate`, `yyyy-MM-dd`.
  public var startDate: String?
  /// The work country, when the tenant has such a field (see `HibobSyncFields`).
  public var workCountry: String?
  /// `address.country`.
  public var addressCountry: String?
  /// The label of the "Sync to Remote" field ("As employee", ...), nil when empty.
  public var syncLabel: String?
  /// The lifecycle status label (`Employed`, `Hired`, `Terminated`, ...), when visible.
  public var lifecycleStatus: String?
  /// The termination date, `yyyy-MM-dd`, when visible.
  public var terminationDate: String?

  public init(
    id: String, email: String? = nil, displayName: String? = nil, firstName: String? = nil,
    surname: String? = nil, jobTitle: String? = nil, startDate: String? = nil,
    workCountry: String? = nil, addressCountry: String? = nil, syncLabel: String? = nil,
    lifecycleStatus: String? = nil, terminationDate: String? = nil
  ) {
    self.id = id
    self.email = email
    self.displayName = displayName
    self.firstName = firstName
    self.surname = surname
    self.jobTitle = jobTitle
    self.startDate = startDate
    self.workCountry = workCountry
    self.addressCountry = addressCountry
    self.syncLabel = syncLabel
    self.lifecycleStatus = lifecycleStatus
    self.terminationDate = terminationDate
  }

  /// The Remote type the sync field selects, nil when the employee is not selected.
  public var selectedType: EmploymentType? { syncLabel.flatMap(EmploymentType.init(syncLabel:)) }

  /// Terminated in Hibob: lifecycle status "Terminated", or a termination date on or before
  /// `today`.
  public func isTerminated(today: String) -> Bool {
    if lifecycleStatus?.trimmingCharacters(in: .whitespaces).lowercased() == "terminated" {
      return true
    }
    if let date = terminationDate.flatMap(EmployeeMapper.isoDate), date <= today { return true }
    return false
  }
}

/// Why an employee could not be mapped (or, for `pastStartDate`, could not be created).
public enum SkipReason: String, Codable, Sendable, CaseIterable, Error {
  case noEmail = "no_email"
  case malformedEmail = "malformed_email"
  case noName = "no_name"
  case noCountry = "no_country"
  case unknownCountry = "unknown_country"
  case noStartDate = "no_start_date"
  case malformedStartDate = "malformed_start_date"
  case pastStartDate = "past_start_date"

  /// A sentence for the summary; never any of the employee's data.
  public var description: String {
    switch self {
    case .noEmail: return "no work email (root.email) in Hibob"
    case .malformedEmail: return "the work email in Hibob is not a valid address"
    case .noName: return "no display name, first name or surname in Hibob"
    case .noCountry: return "no work country and no address country in Hibob"
    case .unknownCountry: return "the country in Hibob is not an ISO 3166 country this tool knows"
    case .noStartDate: return "no start date (work.startDate) in Hibob"
    case .malformedStartDate: return "the start date in Hibob is not a yyyy-MM-dd date"
    case .pastStartDate:
      return "new to Remote with a start date in the past; Remote needs a future start date"
    }
  }
}

/// Maps a Hibob employee to a Remote employment, per `sync.md`. Pure.
public struct EmployeeMapper: Sendable {
  /// Remote's `company_id`, sent when set.
  public var companyId: String?

  public init(companyId: String? = nil) {
    self.companyId = companyId
  }

  /// The payload for a selected employee, or why there is none. `type` is the selected type.
  public func payload(for record: HibobEmployeeRecord, type: EmploymentType) -> Result<
    EmploymentPayload, SkipReason
  > {
    guard let email = Self.nonBlank(record.email) else { return .failure(.noEmail) }
    guard Self.isEmail(email) else { return .failure(.malformedEmail) }
    let name: String
    if let display = Self.nonBlank(record.displayName) {
      name = display
    } else {
      let parts = [record.firstName, record.surname].compactMap(Self.nonBlank)
      guard !parts.isEmpty else { return .failure(.noName) }
      name = parts.joined(separator: " ")
    }
    let country: String
    if let work = Self.nonBlank(record.workCountry) {
      guard let code = CountryResolver.alpha3(for: work) else {
        return .failure(.unknownCountry)
      }
      country = code
    } else if let address = Self.nonBlank(record.addressCountry) {
      guard let code = CountryResolver.alpha3(for: address) else {
        return .failure(.unknownCountry)
      }
      country = code
    } else {
      return .failure(.noCountry)
    }
    guard let rawStart = Self.nonBlank(record.startDate) else { return .failure(.noStartDate) }
    guard let start = Self.isoDate(rawStart) else { return .failure(.malformedStartDate) }
    return .success(
      EmploymentPayload(
        basicInformation: .init(
          email: email, name: name, jobTitle: Self.nonBlank(record.jobTitle),
          provisionalStartDate: start),
        companyId: Self.nonBlank(companyId), countryCode: country, externalId: record.id,
        type: type))
  }

  static func nonBlank(_ s: String?) -> String? {
    guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else {
      return nil
    }
    return t
  }

  /// `local@domain.tld`, no spaces, one `@`.
  static func isEmail(_ s: String) -> Bool {
    let parts = s.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !s.contains(where: \.isWhitespace) else {
      return false
    }
    let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
  }

  /// `yyyy-MM-dd` (a longer ISO timestamp is cut to its date), checked for a real calendar date.
  static func isoDate(_ s: String) -> String? {
    let t = s.trimmingCharacters(in: .whitespaces)
    guard t.count >= 10 else { return nil }
    let date = String(t.prefix(10))
    if t.count > 10, t[t.index(t.startIndex, offsetBy: 10)] != "T" { return nil }
    return isCalendarDate(date) ? date : nil
  }

  /// True for a real `yyyy-MM-dd` date (leap years included).
  public static func isCalendarDate(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m)
    else { return false }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return (1...days).contains(d)
  }

  /// Today's date in UTC as `yyyy-MM-dd`.
  public static func isoDay(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
  }
}
