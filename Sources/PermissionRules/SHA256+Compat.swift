import Common

/// SHA-256 lives in Common now; the old name keeps code written against the rules module compiling.
public typealias SHA256 = Common.SHA256  // compat: remove after merge
