/// The diagnosis patterns of `permission-matrix.md` ("Diagnosis") and the ones a support
/// engineer asks about next. Each holds its own messages and examples.
enum Diagnoses {
  static let sectionRules = [
    "people.about.view", "people.basic_info.view", "people.work.view", "people.work_contact.view",
    "people.address.view", "people.employment.view", "people.home.view",
    "people.identification.view", "people.personal.view", "people.personal_contact.view",
    "people.user_data.view",
  ]
  static let step310Rules = [
    "people.address.view", "people.employment.view", "people.home.view",
    "people.identification.view", "people.personal.view", "people.personal_contact.view",
    "people.user_data.view",
  ]
  static let companyRules = ["company.employee_fields.manage", "company.lists.edit_all"]
}
