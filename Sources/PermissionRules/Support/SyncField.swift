/// Finding the "Sync to Remote" field that Remote's integration adds to the Work section.
///
/// This is THE lookup: the probe plan asks the search for the field it returns and reads its
/// list, the rules judge it, and the sync reads the selection from it. A tenant may have more than
/// one field of that name; all of them must agree on which one counts.
public enum SyncField {
  /// The name Remote gives its field, compared ignoring case and outer white space.
  public static let name = "Sync to Remote"
  /// The section (`categoryId`) Remote puts it in.
  public static let section = "work"
  public static let requiredItems = ["As employee", "As contractor"]

  /// True when `fieldName` is the sync field's name, ignoring case and outer white space.
  public static func isNamed(_ fieldName: String) -> Bool {
    Wording.sameName(fieldName, name)
  }

  /// Every field named "Sync to Remote" (ignoring case and outer white space), the likeliest
  /// first: in Work and a list, then in Work, then a list elsewhere, then the rest, each group in
  /// metadata order.
  public static func candidates(in fields: [FieldInfo]) -> [FieldInfo] {
    let named = fields.filter { isNamed($0.name) }
    func rank(_ f: FieldInfo) -> Int {
      (f.categoryId == section ? 0 : 2) + (f.type == "list" ? 0 : 1)
    }
    return named.enumerated().sorted {
      (rank($0.element), $0.offset) < (rank($1.element), $1.offset)
    }.map(\.element)
  }

  /// The "Sync to Remote" field the plan probes, the rules judge and the sync reads; nil when
  /// the metadata has none.
  public static func find(in fields: [FieldInfo]) -> FieldInfo? {
    candidates(in: fields).first
  }
}
