import CLISupport

/// The overview `hibob-remote --help` prints; each command's help is `Command.help`. Both are
/// generated from `CommandTable`.
enum Help {
  static var overview: String { CommandHelp.overview(Command.table) }
}
