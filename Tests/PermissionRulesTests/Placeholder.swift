import Testing

@Test func placeholderPermissionRules() {}
