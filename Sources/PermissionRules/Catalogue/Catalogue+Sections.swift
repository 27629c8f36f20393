extension Catalogue {
  /// The `categoryId`s of the sections the integration needs, in the matrix's order.
  public static let requiredSectionIds: [String] = Section.required.map(\.id)

  /// The ids of the eleven `people.<section>.view` rules, in the order of
  /// ``requiredSectionIds``.
  public static let sectionRuleIds: [String] = Section.required.map(\.ruleId)

  /// The ids of the seven section rules of step 3.10, in the matrix's order.
  public static let step310RuleIds: [String] = Section.step310.map(\.ruleId)
}
