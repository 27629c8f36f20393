import Testing

@testable import PermissionRules

@Suite struct CredentialsFormatTests {
  private let secret = "s3cr3tT0kenValue"

  @Test func wellFormedHasNoProblems() {
    #expect(CredentialsFormat.problems(serviceUserId: "SERVICE-1234", token: secret).isEmpty)
  }

  @Test(arguments: [
    ("", "tok", "service user id is empty"),
    ("id", "", "token is empty"),
    ("id", "   ", "token consists only of white space"),
    ("id", " tok", "token has a leading space"),
    ("id", "tok ", "token has a trailing space"),
    ("id", "tok\n", "token has a trailing line break"),
    ("\tid", "tok", "service user id has a leading tab"),
    ("id", "\"tok\"", "token has a leading quote mark"),
    ("id", "'tok'", "token has a trailing quote mark"),
    ("id", "Basic dG9r", "starts with 'Basic '"),
    ("id", "BEARER tok", "starts with 'Bearer '"),
    ("SERVICE:1", "tok", "contains ':'"),
    ("id", "to\u{7}k", "control character"),
    ("id", "to\u{FEFF}k", "invisible formatting character"),
    ("same", "same", "same value"),
  ])
  func problemIsNamed(_ id: String, _ token: String, _ expected: String) {
    let problems = CredentialsFormat.problems(serviceUserId: id, token: token)
    #expect(problems.contains { $0.contains(expected) }, "\(problems)")
  }

  @Test func messagesNeverQuoteTheToken() {
    let tokens = [
      " \(secret)", "\(secret)\n", "\"\(secret)\"", "Bearer \(secret)", "\(secret)\u{7}x",
      "x\u{200B}\(secret)",
    ]
    for token in tokens {
      let problems = CredentialsFormat.problems(serviceUserId: "SERVICE-1234", token: token)
      #expect(!problems.isEmpty)
      for p in problems { #expect(!p.contains(secret), "\(p)") }
    }
    let same = CredentialsFormat.problems(serviceUserId: secret, token: secret)
    #expect(!same.isEmpty)
    for p in same { #expect(!p.contains(secret)) }
  }

  @Test func aWrappingQuoteIsReportedOnceAtEachEnd() {
    let problems = CredentialsFormat.problems(serviceUserId: "id", token: "\"tok\"")
    #expect(problems.count == 2)
  }
}
