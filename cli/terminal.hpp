// Messages on standard error are for a terminal: an id, a field, a path or a label quoted in
// a message is shown with its control characters escaped (render::terminal_text), whatever
// code writes the message, so that a data file can never drive the user's terminal.
#ifndef DONUM_CLI_TERMINAL_HPP
#define DONUM_CLI_TERMINAL_HPP

namespace donum::cli {

/// Replaces the C stream `stderr` by one that writes to the same descriptor with every
/// control character but the line feed escaped (glibc lets `stderr` be assigned; streams
/// opened before, such as std::cerr, keep writing raw). Call it first thing in main.
void escape_control_characters_on_stderr();

}  // namespace donum::cli

#endif
