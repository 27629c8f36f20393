/// A section of an employee's profile that the integration needs, as Hibob's metadata names it
/// (`categoryId`, default `categoryDisplayName`) and as the article's step 3.9 / 3.10 shows it.
struct Section: Sendable, Equatable {
  /// `categoryId`: `root`, `about`, `workContact`, ...
  let id: String
  /// The id of the rule that checks the section can be seen: `people.<section>.view`.
  let ruleId: String
  /// The default `categoryDisplayName` ("Basic info", "Work contact details", ...).
  let defaultName: String
  /// The side-panel label of the article ("Basic Info", "Work Contact Details", ...).
  let articleLabel: String
  /// The article's step for its "View selected employees' ... sections" item.
  let step: String
  /// True for 3.9 (ensure a gray checkmark), false for 3.10 (click the red X).
  let grantedByDefault: Bool

  static let root = Section(
    id: "root", ruleId: "people.basic_info.view", defaultName: "Basic info",
    articleLabel: "Basic Info", step: "3.9.2",
    grantedByDefault: true)
  static let about = Section(
    id: "about", ruleId: "people.about.view", defaultName: "About", articleLabel: "About",
    step: "3.9.1",
    grantedByDefault: true)
  static let work = Section(
    id: "work", ruleId: "people.work.view", defaultName: "Work", articleLabel: "Work",
    step: "3.9.3", grantedByDefault: true)
  static let workContact = Section(
    id: "workContact", ruleId: "people.work_contact.view", defaultName: "Work contact details",
    articleLabel: "Work Contact Details",
    step: "3.9.4", grantedByDefault: true)
  static let address = Section(
    id: "address", ruleId: "people.address.view", defaultName: "Address", articleLabel: "Address",
    step: "3.10.1",
    grantedByDefault: false)
  static let employment = Section(
    id: "employment", ruleId: "people.employment.view", defaultName: "Employment",
    articleLabel: "Employment", step: "3.10.2",
    grantedByDefault: false)
  static let home = Section(
    id: "home", ruleId: "people.home.view", defaultName: "Home", articleLabel: "Home",
    step: "3.10.4", grantedByDefault: false)
  static let identification = Section(
    id: "identification", ruleId: "people.identification.view", defaultName: "Identification",
    articleLabel: "Identification",
    step: "3.10.5", grantedByDefault: false)
  static let personal = Section(
    id: "personal", ruleId: "people.personal.view", defaultName: "Personal",
    articleLabel: "Personal", step: "3.10.6",
    grantedByDefault: false)
  static let personalContact = Section(
    id: "personalContact", ruleId: "people.personal_contact.view",
    defaultName: "Personal contact details",
    articleLabel: "Personal Contact Details", step: "3.10.7", grantedByDefault: false)
  static let userData = Section(
    id: "userData", ruleId: "people.user_data.view", defaultName: "User data",
    articleLabel: "User Data", step: "3.10.8",
    grantedByDefault: false)

  /// The sections the integration needs, in the matrix's order.
  static let required: [Section] = [
    .root, .about, .work, .workContact, .address, .employment, .home, .identification, .personal,
    .personalContact, .userData,
  ]

  /// The sections of step 3.10 (the red X items), in the matrix's order.
  static let step310: [Section] = required.filter { !$0.grantedByDefault }

  /// The article's wording of the permission: "View selected employees' Work sections".
  var permissionWording: String {
    "View selected employees' \(defaultName) sections"
  }

  /// The name used in reasons: "Work contact details (workContact)".
  var label: String {
    "\(defaultName) (\(id))"
  }
}
