// Package ui is the interactive reader: a bubbletea program with a list pane, a reading pane
// rendered by Glamour, a search box and a theme picker.
//
// It reaches articles only through data and store with plain calls, or through tea.Cmds that
// return messages. It must never hand Glamour markdown it did not generate itself, never let
// anything but SGR and http/https/mailto OSC 8 links reach the terminal from rendered text, and
// never render in View.
package ui
