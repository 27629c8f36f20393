import Testing

@Test func placeholderSimulator() {}
