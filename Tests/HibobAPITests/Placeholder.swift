import Testing

@Test func placeholderHibobAPI() {}
