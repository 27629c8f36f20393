import Testing

@Test func placeholderPreflight() {}
