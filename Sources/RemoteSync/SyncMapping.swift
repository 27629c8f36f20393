import Foundation
import HibobAPI

/// Where one form property's value comes from.
public enum MappingSource: Sendable, Equatable {
  /// A Hibob field id (`work.title`); a list field's value is its label.
  case field(String)
  /// A fixed value, sent as it is.
  case constant(JSONValue)
  /// The legal name: first, middle and last name, else the display name.
  case fullName
  /// Explicitly not sent (a `null` in the mapping file removes a default).
  case omit
}

/// Hibob fields to Remote's country forms (`sync.md`, "The mapping"): per form section
/// (`basic_information`, `address_details`, ...) and property, a source; optionally per country
/// (ISO alpha-3); and the legal entity that engages global payroll employees.
public struct SyncMapping: Sendable, Equatable {
  /// Section -> property -> source, for every country.
  public var sections: [String: [String: MappingSource]]
  /// Country (alpha-3) -> section -> property -> source; wins over `sections`.
  public var countries: [String: [String: [String: MappingSource]]]
  /// `engaged_by_legal_entity_id` for global payroll, for every country.
  public var legalEntityId: String?
  /// Per country; wins over `legalEntityId`.
  public var countryLegalEntities: [String: String]
  /// The properties the user named (file mapping), which must exist in the forms; the
  /// built-in defaults are dropped silently where a country's form lacks them.
  public var named: Set<MappingKey>

  /// A property named by the mapping file, for the "unknown form property" check.
  public struct MappingKey: Sendable, Hashable {
    public var country: String?
    public var section: String
    public var property: String
  }

  public init(
    sections: [String: [String: MappingSource]],
    countries: [String: [String: [String: MappingSource]]] = [:],
    legalEntityId: String? = nil, countryLegalEntities: [String: String] = [:],
    named: Set<MappingKey> = []
  ) {
    self.sections = sections
    self.countries = countries
    self.legalEntityId = legalEntityId
    self.countryLegalEntities = countryLegalEntities
    self.named = named
  }

  /// What both sides name: the legal name, the login email (Hibob's `root.email`; map `email` to
  /// `home.privateEmail` to use the personal one), the work email, job title, start date, mobile
  /// number, and the address lines, city and postal code. A property a country's form does not
  /// have is left out for that country.
  public static let builtIn = SyncMapping(
    sections: [
      "basic_information": [
        "name": .fullName,
        "email": .field("root.email"),
        "work_email": .field("root.email"),
        "job_title": .field("work.title"),
        "provisional_start_date": .field("work.startDate"),
        "mobile_number": .field("home.mobilePhone"),
      ],
      "address_details": [
        "address": .field("address.line1"),
        "address_line_2": .field("address.line2"),
        "city": .field("address.city"),
        "postal_code": .field("address.postCode"),
      ],
    ])

  /// The sections whose forms the sync needs (`basic_information` always).
  public var formSections: [String] {
    var used: Set<String> = ["basic_information"]
    for (section, props) in sections where props.values.contains(where: { $0 != .omit }) {
      used.insert(section)
    }
    for country in countries.values {
      for (section, props) in country where props.values.contains(where: { $0 != .omit }) {
        used.insert(section)
      }
    }
    return FormName.sectionForms.map(\.section).filter(used.contains)
  }

  /// Section -> property -> source for one country: the defaults, then the country's own.
  public func sources(country: String) -> [String: [String: MappingSource]] {
    var result = sections
    for (section, props) in countries[country] ?? [:] {
      result[section, default: [:]].merge(props) { _, new in new }
    }
    return result.mapValues { $0.filter { $0.value != .omit } }.filter { !$0.value.isEmpty }
  }

  /// The legal entity for global payroll employees of `country`.
  public func legalEntity(country: String) -> String? {
    countryLegalEntities[country] ?? legalEntityId
  }

  /// Every Hibob field id the mapping reads.
  public var hibobFields: Set<String> {
    var ids: Set<String> = []
    func add(_ s: MappingSource) {
      switch s {
      case .field(let id): ids.insert(id)
      case .fullName: ids.formUnion(HibobSyncFields.nameFields)
      case .constant, .omit: break
      }
    }
    for props in sections.values { props.values.forEach(add) }
    for country in countries.values { for props in country.values { props.values.forEach(add) } }
    return ids
  }

  /// Properties the mapping file named that a fetched form does not have: a configuration error.
  /// `forms` is country -> section -> form (only the countries fetched).
  public func unknownProperties(forms: [String: [String: RemoteForm]]) -> [String] {
    var unknown: [String] = []
    for key in named.sorted(by: {
      ($0.country ?? "", $0.section, $0.property) < ($1.country ?? "", $1.section, $1.property)
    }) {
      if let country = key.country {
        guard let form = forms[country]?[key.section] else { continue }
        if !form.propertyNames.contains(key.property) {
          unknown.append("\(country).\(key.section).\(key.property)")
        }
      } else {
        let all = forms.values.compactMap { $0[key.section] }
        if !all.isEmpty && !all.contains(where: { $0.propertyNames.contains(key.property) }) {
          unknown.append("\(key.section).\(key.property)")
        }
      }
    }
    return unknown
  }
}
