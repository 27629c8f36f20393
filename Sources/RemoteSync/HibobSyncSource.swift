import Foundation
import HibobAPI

/// The Hibob fields the sync reads, and how it finds the tenant-specific ones.
public struct HibobSyncFields: Sendable, Equatable {
  /// The "Sync to Remote" list field (found by name in the field metadata).
  public var syncField: FieldMetadata
  /// A work-country field, when the tenant has one (see `HibobSyncSource.workCountryNames`).
  public var workCountryField: FieldMetadata?

  public static let email = "root.email"
  public static let displayName = "root.displayName"
  public static let firstName = "root.firstName"
  public static let surname = "root.surname"
  public static let jobTitle = "work.title"
  public static let startDate = "work.startDate"
  public static let addressCountry = "address.country"
  public static let lifecycleStatus = "internal.lifecycleStatus"
  public static let terminationDate = "internal.terminationDate"

  /// Every field id of the one search.
  public var searchFields: [String] {
    [
      "root.id", Self.email, Self.displayName, Self.firstName, Self.surname, Self.jobTitle,
      Self.startDate, Self.addressCountry, Self.lifecycleStatus, Self.terminationDate,
      syncField.id,
    ] + (workCountryField.map { [$0.id] } ?? [])
  }
}

/// Why the Hibob side of a sync could not be read.
public enum HibobSyncSourceError: Error, Equatable, Sendable, CustomStringConvertible {
  case noSyncField
  case workCountryFieldNotFound(String)

  public var description: String {
    switch self {
    case .noSyncField:
      return
        "the tenant has no \"Sync to Remote\" field in its Work section; Remote's integration "
        + "creates it (article step 2)"
    case .workCountryFieldNotFound(let id):
      return "the work-country field \(id) is not in the tenant's field metadata"
    }
  }
}

/// Reads the employees for a sync from Hibob: the field metadata (no permission needed), the
/// named lists of the list fields read, then **one** people search with `showInactive: true` and
/// machine values (ISO dates); list item ids are turned into labels through their lists (an
/// unknown id is kept as it came, so a label passes through too).
public struct HibobSyncSource: SyncEmployeeSource {
  /// Names (compared ignoring case) that mark a tenant's work-country field, looked for in the
  /// Work section. [Our choice: Hibob has no built-in work country in people search; sites carry
  /// a country that search does not return.]
  public static let workCountryNames = ["work country", "country of work", "work location country"]
  public static let syncFieldName = "sync to remote"

  public let client: HibobClient
  /// Overrides the work-country lookup by name with a field id.
  public let workCountryFieldId: String?

  public init(client: HibobClient, workCountryFieldId: String? = nil) {
    self.client = client
    self.workCountryFieldId = workCountryFieldId
  }

  public func employees() async throws -> [HibobEmployeeRecord] {
    let metadata = try await client.fieldMetadata().value
    let fields = try Self.fields(in: metadata, workCountryFieldId: workCountryFieldId)
    // Every list field read (the sync field, job title, countries, ...) is turned into labels.
    let wanted = Set(fields.searchFields)
    var labels: [String: [String: String]] = [:]
    for field in metadata where wanted.contains(field.id) {
      guard let listId = field.listId, labels[listId] == nil else { continue }
      // A list Hibob says is not there (404) or not readable (403) leaves its values as they
      // came. Any other failure (5xx, 429, timeout, a broken answer) stops the round: raw item
      // ids would read as "nobody selected" for the sync field, and as job titles in Remote.
      guard let list = try await Self.readableList(listId, client: client) else { continue }
      var map: [String: String] = [:]
      for item in list.allItems {
        if let label = item.name ?? item.value { map[item.id] = label }
      }
      labels[listId] = map
    }
    let result = try await client.searchPeople(fields: fields.searchFields, showInactive: true)
      .value
    return result.employees.map {
      Self.record($0, fields: fields, metadata: metadata, labels: labels)
    }
  }

  /// The list, or `nil` when Hibob answers that it is not there (404) or not readable (403).
  static func readableList(_ listId: String, client: HibobClient) async throws -> NamedList? {
    do {
      return try await client.namedList(listId).value
    } catch {
      switch error.kind {
      case .notFound, .forbidden: return nil
      default: throw error
      }
    }
  }

  /// Finds the sync field (by name, preferring the Work section) and the work-country field.
  public static func fields(in metadata: [FieldMetadata], workCountryFieldId: String? = nil)
    throws(HibobSyncSourceError) -> HibobSyncFields
  {
    let named = metadata.filter {
      $0.name?.trimmingCharacters(in: .whitespaces).lowercased() == syncFieldName
    }
    guard let sync = named.first(where: { $0.categoryId == "work" }) ?? named.first else {
      throw .noSyncField
    }
    var workCountry: FieldMetadata?
    if let id = workCountryFieldId {
      guard let field = metadata.first(where: { $0.id == id }) else {
        throw .workCountryFieldNotFound(id)
      }
      workCountry = field
    } else {
      workCountry = metadata.first { f in
        f.categoryId == "work"
          && workCountryNames.contains(
            f.name?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
      }
    }
    return HibobSyncFields(syncField: sync, workCountryField: workCountry)
  }

  static func record(
    _ e: SearchedEmployee, fields: HibobSyncFields, metadata: [FieldMetadata],
    labels: [String: [String: String]]
  ) -> HibobEmployeeRecord {
    func text(_ id: String) -> String? {
      guard let value = e.lookup(id).value else { return nil }
      let raw: String?
      switch value {
      case .string(let s): raw = s
      case .number(let n): raw = n
      case .object(let o): raw = o["value"]?.stringValue ?? o["name"]?.stringValue
      default: raw = nil
      }
      guard let raw, !raw.isEmpty else { return nil }
      let listId = metadata.first { $0.id == id }?.listId
      return listId.flatMap { labels[$0]?[raw] } ?? raw
    }
    return HibobEmployeeRecord(
      id: e.id, email: text(HibobSyncFields.email), displayName: text(HibobSyncFields.displayName),
      firstName: text(HibobSyncFields.firstName), surname: text(HibobSyncFields.surname),
      jobTitle: text(HibobSyncFields.jobTitle), startDate: text(HibobSyncFields.startDate),
      workCountry: fields.workCountryField.flatMap { text($0.id) },
      addressCountry: text(HibobSyncFields.addressCountry), syncLabel: text(fields.syncField.id),
      lifecycleStatus: text(HibobSyncFields.lifecycleStatus),
      terminationDate: text(HibobSyncFields.terminationDate))
  }
}
