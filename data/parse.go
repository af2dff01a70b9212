package data

// ParseSnapshot parses one capture into articles. name is recorded as each article's Snapshot.
func ParseSnapshot(name string, raw []byte) []Article {
	return nil
}

// Merge drops repeats of the same article across captures, keeping the fullest version, and
// sorts newest first.
func Merge(arts []Article) []Article {
	return arts
}
