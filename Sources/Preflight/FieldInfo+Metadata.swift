import HibobAPI
import PermissionRules

extension FieldInfo {
  /// The rules' view of one entry of `GET /company/people/fields`: what `SyncField.find(in:)`
  /// and the probe plan read. The sync uses it too, so that it reads the "Sync to Remote" field
  /// the check judged.
  public init(_ field: FieldMetadata) {
    self.init(
      id: field.id, name: field.name ?? "", categoryId: field.categoryId ?? field.category ?? "",
      categoryDisplayName: field.categoryDisplayName, type: field.type ?? "",
      listId: field.listId, isCustom: field.isCustom, jsonPath: field.jsonPath)
  }
}
