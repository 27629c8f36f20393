import Foundation

FileHandle.standardError.write(Data("hibob-remote: not built yet\n".utf8))
exit(2)
