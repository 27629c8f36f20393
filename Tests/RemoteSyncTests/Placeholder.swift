import Testing

@Test func placeholderRemoteSync() {}
