//! Resident memory of this process, from `/proc/self/status` (Linux) with
//! `getrusage(RUSAGE_SELF).ru_maxrss` as the fallback for the peak.

/// Current resident set (`VmRSS`), in bytes.
pub fn current_rss() -> Option<u64> {
    status_field("VmRSS:")
}

/// Peak resident set so far (`VmHWM`, or `ru_maxrss`), in bytes.
pub fn peak_rss() -> Option<u64> {
    status_field("VmHWM:").or_else(maxrss)
}

/// Resets the peak to the current resident set (Linux 4.0+: writing `5` to
/// `/proc/self/clear_refs`), so a later [`peak_rss`] measures only what follows.
/// Returns `false` where that is not possible; the peak then includes earlier work.
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn status_field(name: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line[name.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

#[allow(unsafe_code)]
fn maxrss() -> Option<u64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a `rusage` into the pointer it is given; the memory is
    // valid and zeroed, and we read it only when the call succeeded.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if rc != 0 {
        return None;
    }
    // SAFETY: initialised by the successful call above (and zeroed before).
    let usage = unsafe { usage.assume_init() };
    // Linux reports kilobytes.
    u64::try_from(usage.ru_maxrss).ok().map(|k| k * 1024)
}
