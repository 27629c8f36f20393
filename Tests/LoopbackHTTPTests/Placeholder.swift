import Testing

@Test func placeholderLoopbackHTTP() {}
