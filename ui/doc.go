// Package ui is the interactive reader: a bubbletea program with a list pane, a reading pane
// rendered by Glamour, a search box and a theme picker.
//
// Only the root (ui.go) implements tea.Model: it routes messages, acts on the panes' intents
// and lays the panes out. Each pane (list.go, reader.go, and filter.go's search box and theme
// picker) is a concrete type with Update(msg) (pane, tea.Cmd) and View, owns its state and its
// keys (keys.go), and asks the root for what it cannot do itself with intent messages. render.go
// turns an article into the document the reader and `unvn show` display.
//
// It reaches articles only through data and store with plain calls, or through tea.Cmds that
// return messages. It must never hand Glamour markdown it did not generate itself, never let
// anything but SGR and http/https/mailto OSC 8 links reach the terminal from rendered text, and
// never render in View.
package ui
