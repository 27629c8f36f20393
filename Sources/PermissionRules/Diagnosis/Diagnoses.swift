/// The diagnosis patterns of `permission-matrix.md` ("Diagnosis") and the ones a support
/// engineer asks about next. Each holds its own messages and examples.
enum Diagnoses {
  static let sectionRules = Catalogue.sectionRuleIds
  static let step310Rules = Catalogue.step310RuleIds
  static let companyRules = ["company.employee_fields.manage", "company.lists.edit_all"]
}
