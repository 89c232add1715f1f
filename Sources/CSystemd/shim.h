// libsystemd's daemon and journal APIs. Swift calls sd_notify and sd_journal_sendv: the variadic
// sd_notifyf and sd_journal_send cannot be called from Swift.
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
// glibc's mallopt and its parameters, which Swift's Glibc module does not declare (MallocTuning).
#include <malloc.h>
