package data

// ParserVersion names the parser's output. A cache of parsed articles made by another version is
// never trusted: bump it with every change to what ParseSnapshot, Merge or the themes produce.
// TestParserVersionFollowsTheOutput fails when the seeds' output changes without a bump.
const ParserVersion = 12
