package dev.ajar.change;

/**
 * One change to the file system, as the journal's {@code ChangeSet.apply} makes it. Paths are
 * absolute paths of the host being changed (as seen inside its root), normalised: no "." or ".."
 * components, no empty components, no trailing slash. The last component is never followed: a
 * change to a symbolic link changes the link itself.
 */
public sealed interface FileChange
    permits WriteFile, CreateSymlink, RemovePath, RenamePath, ChangeMode {
  /** The path the change is about (for a rename, where it comes from). */
  String path();

  /** One line for `ajar log` and for messages. */
  String describe();
}
