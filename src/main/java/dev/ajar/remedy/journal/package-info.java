/**
 * The journal: every change ajar makes to a host, recorded before it is made, with exact undo.
 *
 * <p><b>Order of writes.</b> For each change: (1) the state of every path it touches is read (type,
 * bytes or link target, mode with set-UID/GID/sticky bits, uid, gid, mtime, atime) and checked
 * against the planner's {@link dev.ajar.change.Precondition}; (2) the undo record is written to
 * NNNNNN.rec.tmp, fsync'ed, renamed to NNNNNN.rec and the change set's directory fsync'ed; (3) only
 * then the change is made with one atomic step (rename of a synced temporary file or link in the
 * same directory, unlink, rename, or chmod through an O_NOFOLLOW descriptor) followed by an fsync
 * of the directory (and of the file for chmod). So at any crash point the journal holds a record
 * for every change that may have happened, and each target is either in its recorded original state
 * or in its recorded new state, never in between.
 *
 * <p><b>What fsync covers and what it does not.</b> fsync makes data and inode metadata durable on
 * the device as far as the device honours cache flushes; a disk or controller that lies about its
 * write cache, or a file system mounted with barriers off, defeats it, and nothing here can tell. A
 * symbolic link cannot be opened for fsync; its inode reaches the disk with the directory's fsync
 * on journaling file systems (ext4, xfs, btrfs), which POSIX does not promise. The directory's own
 * mtime and every ctime change and are not restored. An fsync that fails leaves the state unknown:
 * the error is reported and the set stays partial for undo to sort out. Tests kill the process
 * (SIGKILL), which proves the order of operations but not the device: after a process crash the
 * page cache survives, after a power loss only synced data does.
 *
 * <p><b>Confinement.</b> Paths are resolved inside the root by {@link dev.ajar.host.Host} (parent
 * directories only; the last component is never followed). The resolved parent is checked to be its
 * own real path under the root just before use; a directory swapped for a link between that check
 * and the operation (by a concurrent process with write access to the tree) is not defended
 * against: that needs openat2(RESOLVE_IN_ROOT).
 *
 * <p><b>Not covered.</b> A hard-linked file replaced by {@link dev.ajar.change.WriteFile} leaves
 * its other names on the old inode (undo restores the bytes under this name only). Extended
 * attributes, ACLs and SELinux labels are not recorded. A concurrent editor writing the file
 * between ajar's read and its rename loses that edit (there is no lock file for editors).
 */
package dev.ajar.remedy.journal;
