using System.Globalization;

namespace Coc.Web.Localization;

/// <summary>
/// Interface text in Bahasa Indonesia (default) and English, picked by the request culture
/// (<c>?culture=en-US</c> or the culture cookie). Kept in one table so a translator sees every string at once.
/// </summary>
public static class UiText
{
    private static readonly Dictionary<string, (string Id, string En)> Table = new(StringComparer.Ordinal)
    {
        ["app.title"] = ("Pusat Operasi Kota", "City Operation Centre"),
        ["stale"] = ("DATA LAMA", "STALE"),
        ["no-data"] = ("belum ada data", "no data yet"),
        ["ago"] = ("{0} lalu", "{0} ago"),
        ["seconds"] = ("{0} dtk", "{0} s"),
        ["minutes"] = ("{0} mnt", "{0} min"),
        ["hours"] = ("{0} jam", "{0} h"),
        ["days"] = ("{0} hari", "{0} d"),
        ["wall.not-found"] = ("Dinding '{0}' tidak ditemukan.", "Wall '{0}' not found."),
        ["screen.not-found"] = ("Dinding '{0}' tidak punya layar {1}.", "Wall '{0}' has no screen {1}."),
        ["screen"] = ("Layar {0}", "Screen {0}"),
        // Scenes and the duty officer's control page.
        ["control"] = ("Kendali dinding", "Wall control"),
        ["scene"] = ("Adegan", "Scene"),
        ["scene.current"] = ("sedang tampil", "showing now"),
        ["scene.switched"] = ("Dinding {0} beralih ke {1}.", "Wall {0} switched to {1}."),
        ["scene.screens"] = ("{0} layar ({1}×{2})", "{0} screens ({1}×{2})"),
        ["compare.yesterday"] = ("kemarin", "yesterday"),
        ["compare.hours-ago"] = ("{0} jam lalu", "{0} h ago"),
        ["walls"] = ("Dinding", "Walls"),
        ["whole-wall"] = ("Seluruh dinding", "Whole wall"),
        ["feeds"] = ("Umpan data", "Feeds"),
        ["feed"] = ("Umpan", "Feed"),
        ["accepted"] = ("Diterima", "Accepted"),
        ["rejected"] = ("Ditolak", "Rejected"),
        ["last-sample"] = ("Sampel terakhir", "Last sample"),
        ["recent-rejections"] = ("Penolakan terbaru", "Recent rejections"),
        ["layout-errors"] = ("Kesalahan tata letak", "Layout errors"),
        ["none"] = ("Tidak ada", "None"),
        ["language"] = ("English", "Bahasa Indonesia"),
        ["feeds.summary"] = ("{0} umpan; status, laju dan penolakan di halaman umpan data.", "{0} feeds; state, rate and rejections on the feeds page."),
        ["state"] = ("Status", "State"),
        ["rate"] = ("Laju (1 mnt)", "Rate (1 min)"),
        ["rejected-minute"] = ("Ditolak 1 mnt", "Rejected 1 min"),
        ["time"] = ("Waktu", "Time"),
        ["reason"] = ("Alasan", "Reason"),
        ["source"] = ("Sumber", "Source"),
        ["detail"] = ("Rincian", "Detail"),
        ["feed.live"] = ("AKTIF", "LIVE"),
        ["feed.quiet"] = ("SEPI", "QUIET"),
        ["feed.stale"] = ("BASI", "STALE"),
        ["feed.erroring"] = ("GALAT", "ERRORING"),
        ["trend.up"] = ("naik", "rising"),
        ["trend.down"] = ("turun", "falling"),
        ["trend.flat"] = ("stabil", "steady"),

        // Alarms: the wall's alarm tile, the tablets' list and /alarms.
        ["alarms.none"] = ("Tidak ada alarm aktif", "No active alarms"),
        ["alarms.title"] = ("Alarm aktif", "Active alarms"),
        ["alarms.page"] = ("Alarm", "Alarms"),
        ["alarms.since"] = ("sejak {0}", "since {0}"),
        ["alarms.more"] = ("+{0} alarm lainnya", "+{0} more alarms"),
        ["alarms.severity.critical"] = ("KRITIS", "CRITICAL"),
        ["alarms.severity.warning"] = ("WASPADA", "WARNING"),
        ["alarms.state.ActiveUnacknowledged"] = ("BELUM DIKONFIRMASI", "UNACKNOWLEDGED"),
        ["alarms.state.ActiveAcknowledged"] = ("DIKONFIRMASI", "ACKNOWLEDGED"),
        ["alarms.state.ClearedUnacknowledged"] = ("PULIH · BELUM DIKONFIRMASI", "CLEARED · UNACKNOWLEDGED"),
        ["alarms.state.Closed"] = ("SELESAI", "CLOSED"),
        ["alarms.event.Raised"] = ("Muncul", "Raised"),
        ["alarms.event.Escalated"] = ("Memburuk", "Escalated"),
        ["alarms.event.Eased"] = ("Membaik", "Eased"),
        ["alarms.event.Returned"] = ("Muncul lagi", "Returned"),
        ["alarms.event.Acknowledged"] = ("Dikonfirmasi", "Acknowledged"),
        ["alarms.event.Cleared"] = ("Pulih", "Cleared"),
        ["alarms.ack"] = ("Konfirmasi", "Acknowledge"),
        ["alarms.ack-by"] = ("dikonfirmasi {0} pukul {1}", "acknowledged by {0} at {1}"),
        ["alarms.cleared-at"] = ("pulih pukul {0}", "cleared at {0}"),
        ["alarms.comment"] = ("Catatan (opsional)", "Comment (optional)"),
        ["alarms.ack-done"] = ("Alarm dikonfirmasi.", "Alarm acknowledged."),
        ["alarms.ack.NotFound"] = ("Alarm ini sudah tidak ada.", "This alarm no longer exists."),
        ["alarms.ack.AlreadyAcknowledged"] = ("Alarm ini sudah dikonfirmasi orang lain.", "Someone else already acknowledged this alarm."),
        ["alarms.ack.OccurrenceChanged"] = ("Alarm ini muncul lagi sebagai kejadian baru; periksa lalu konfirmasi lagi.", "This alarm was raised again as a new occurrence; check it and acknowledge again."),
        ["alarms.ack-needs-role"] = ("Hanya petugas jaga yang dapat mengonfirmasi.", "Only duty officers can acknowledge."),
        ["alarms.history"] = ("Riwayat alarm", "Alarm history"),
        ["alarms.export"] = ("Unduh CSV", "Download CSV"),
        ["alarms.from"] = ("Dari", "From"),
        ["alarms.to"] = ("Sampai", "To"),
        ["alarms.show"] = ("Tampilkan", "Show"),
        ["alarms.event"] = ("Kejadian", "Event"),
        ["alarms.alarm"] = ("Alarm", "Alarm"),
        ["alarms.by"] = ("Oleh", "By"),
        ["alarms.system"] = ("sistem", "system"),
        ["alarms.history-empty"] = ("Tidak ada kejadian alarm pada rentang ini.", "No alarm events in this range."),
        ["alarms.history-limit"] = ("Menampilkan {0} kejadian terbaru; unduh CSV untuk semuanya.", "Showing the newest {0} events; download the CSV for all of them."),
        ["alarms.summary"] = ("{0} alarm terbuka; riwayat dan ekspor CSV di halaman alarm.", "{0} open alarms; history and CSV export on the alarms page."),
        ["alarms.rules-errors"] = ("Kesalahan aturan alarm", "Alarm rule errors"),
        ["alarms.sound-on"] = ("Bunyi alarm aktif", "Alarm sound on"),

        // Kiosk screens: the connection banner and named screens (/screen/{name}, Coc:Wall:Screens).
        ["kiosk.reconnecting"] = ("MENGHUBUNGKAN ULANG…", "RECONNECTING…"),
        ["kiosk.unreachable"] = ("SERVER TIDAK TERJANGKAU — layar tidak diperbarui", "SERVER UNREACHABLE — screen not updating"),
        ["screen.name-unknown"] = ("Tidak ada layar bernama '{0}'. Layar yang terdaftar: {1}.", "No screen is named '{0}'. Configured screens: {1}."),
        ["screen.names-none"] = ("belum ada (isi Coc:Wall:Screens)", "none yet (set Coc:Wall:Screens)"),

        // /feeds: the complaint aggregator's counters ({0}, {1}: Coc:Complaints options).
        ["complaints.title"] = ("Pengaduan", "Complaints"),
        ["complaints.counter"] = ("Penghitung", "Counter"),
        ["complaints.count"] = ("Jumlah", "Count"),
        ["complaints.meaning"] = ("Artinya", "Meaning"),
        ["complaints.applied"] = ("Kejadian diterapkan", "Events applied"),
        ["complaints.applied.help"] = ("perubahan status pengaduan (SiKesal, Call Center 112) yang masuk ke rekap", "complaint status changes (SiKesal, Call Center 112) taken into the aggregates"),
        ["complaints.duplicates"] = ("Duplikat", "Duplicates"),
        ["complaints.duplicates.help"] = ("id dan status yang sama diterima lagi; diabaikan, tidak mengubah apa pun", "the same id and status received again; ignored, changes nothing"),
        ["complaints.stale"] = ("Kedaluwarsa", "Stale"),
        ["complaints.stale.help"] = ("status akhir (selesai/ditolak) untuk pengaduan yang tidak dikenal, lebih dari {0} jam lalu; diabaikan", "a final status (resolved/rejected) for an unknown complaint, more than {0} h old; ignored"),
        ["complaints.refused"] = ("Ditolak: pelacakan penuh", "Refused: tracking full"),
        ["complaints.refused.help"] = ("pengaduan baru ditolak: {0:N0} pengaduan sudah dipantau dan semuanya masih terbuka (tracking-full)", "new complaints refused: {0:N0} complaints are tracked and all are open (tracking-full)"),
        ["complaints.evicted"] = ("Dilupakan lebih awal", "Evicted early"),
        ["complaints.evicted.help"] = ("pengaduan tertutup yang dilupakan sebelum {1} jam karena batas MaxTrackedComplaints ({0:N0}) tercapai; kejadian berikutnya dihitung sebagai pengaduan baru", "closed complaints forgotten before {1} h because the MaxTrackedComplaints bound ({0:N0}) was reached; their later events count as a new complaint"),
        ["complaints.tracked"] = ("Dipantau", "Tracked"),
        ["complaints.tracked.help"] = ("pengaduan yang disimpan di memori sekarang, paling banyak {0:N0}", "complaints kept in memory now, at most {0:N0}"),

        // /feeds: the history store ({0}: a count or size).
        ["store.title"] = ("Penyimpanan riwayat", "History store"),
        ["store.backend"] = ("Penyimpanan", "Store"),
        ["store.embedded"] = ("tertanam (file lokal)", "embedded (local files)"),
        ["store.reachable"] = ("Terhubung", "Reachable"),
        ["store.unreachable"] = ("TIDAK TERHUBUNG sejak {0}", "UNREACHABLE since {0}"),
        ["store.written"] = ("Tertulis", "Written"),
        ["store.written.help"] = ("sampel yang diterima server, langsung atau dari spool", "samples the server took, directly or from the spool"),
        ["store.spooled"] = ("Menunggu di spool", "Waiting in the spool"),
        ["store.spooled.help"] = ("sampel di disk menunggu server kembali: {0} dari batas {1}", "samples on disk waiting for the server: {0} of the {1} bound"),
        ["store.replayed"] = ("Dikirim ulang", "Replayed"),
        ["store.replayed.help"] = ("sampel dari spool yang sudah tertulis setelah gangguan", "spooled samples written after an outage"),
        ["store.dropped"] = ("Hilang: spool penuh", "Lost: spool full"),
        ["store.dropped.help"] = ("sampel yang tidak masuk riwayat karena spool penuh; layar tetap menampilkannya", "samples kept out of history because the spool was full; the wall still showed them"),
        ["store.lost"] = ("Hilang: galat disk", "Lost: disk error"),
        ["store.lost.help"] = ("disk menolak spool, atau catatan spool tidak terbaca", "the disk refused the spool, or a spool record was unreadable"),
        ["store.rejected"] = ("Ditolak server", "Refused by the server"),
        ["store.rejected.help"] = ("sampel yang ditolak InfluxDB sebagai tidak sah (HTTP 400/422); dilewati, tidak diulang", "samples InfluxDB refused as invalid (HTTP 400/422); skipped, not retried"),
        ["store.last-error"] = ("Galat terakhir", "Last error"),

        // Tiles: camera, complaint ticker (statuses and sources as operators say them).
        ["camera.unavailable"] = ("KAMERA TIDAK TERSEDIA", "CAMERA UNAVAILABLE"),
        ["camera.bad-url"] = ("alamat kamera tidak diizinkan (hanya http/https)", "camera address not allowed (http/https only)"),
        ["camera.live"] = ("siaran langsung", "live stream"),
        ["camera.last-frame"] = ("gambar terakhir {0}", "last frame {0}"),
        ["ticker.empty"] = ("belum ada pengaduan", "no complaints yet"),
        ["complaint.status.new"] = ("Baru", "New"),
        ["complaint.status.in_progress"] = ("Diproses", "In progress"),
        ["complaint.status.resolved"] = ("Selesai", "Resolved"),
        ["complaint.status.rejected"] = ("Ditolak", "Rejected"),
        ["complaint.source.sikesal"] = ("SiKesal", "SiKesal"),
        ["complaint.source.cc112"] = ("CC 112", "CC 112"),

        // Sign-in and roles (/signin, /access-denied, a revoked screen).
        ["auth.title"] = ("Masuk", "Sign in"),
        ["auth.user"] = ("Nama pengguna", "User name"),
        ["auth.password"] = ("Kata sandi", "Password"),
        ["auth.submit"] = ("Masuk", "Sign in"),
        ["auth.sso"] = ("Masuk dengan {0}", "Sign in with {0}"),
        ["auth.signed-in-as"] = ("Masuk sebagai {0} ({1}).", "Signed in as {0} ({1})."),
        ["auth.signout"] = ("Keluar", "Sign out"),
        ["auth.error.bad"] = ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
        ["auth.error.wait"] = ("Terlalu banyak percobaan gagal. Tunggu sebentar lalu coba lagi.", "Too many failed attempts. Wait a while and try again."),
        ["auth.error.sso"] = ("Masuk lewat penyedia identitas gagal atau akun tidak punya peran Coc.", "Sign-in through the identity provider failed, or the account has no Coc role."),
        ["auth.denied"] = ("Akses ditolak: peran Anda tidak cukup untuk halaman ini.", "Access denied: your role does not allow this page."),
        ["auth.signin-other"] = ("Masuk dengan akun lain", "Sign in with another account"),
        ["auth.home"] = ("Beranda", "Home"),
        ["auth.session-ended"] = ("Akses layar ini sudah berakhir atau dicabut.", "This screen's access has ended or was revoked."),
        ["admin.title"] = ("Administrasi akses", "Access administration"),
        ["admin.accounts"] = ("Akun", "Accounts"),
        ["admin.display-name"] = ("Nama tampilan", "Display name"),
        ["admin.role"] = ("Peran", "Role"),
        ["admin.screen-tokens"] = ("Token layar", "Screen tokens"),
        ["admin.ingest-keys"] = ("Kunci ingest", "Ingest keys"),
        ["admin.name"] = ("Nama", "Name"),
        ["admin.state"] = ("Status", "State"),
        ["admin.active"] = ("aktif", "active"),
        ["admin.revoked"] = ("DICABUT", "REVOKED"),
    };

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string key)
    {
        if (!Table.TryGetValue(key, out var text))
        {
            return key;
        }
        return IsEnglish ? text.En : text.Id;
    }

    public static string T(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, T(key), args);

    /// <summary>"12 dtk lalu", "3 mnt lalu": coarse on purpose, it is read from across the room.</summary>
    public static string Age(TimeSpan age)
    {
        var amount = age.TotalSeconds < 60 ? T("seconds", (int)age.TotalSeconds)
            : age.TotalMinutes < 60 ? T("minutes", (int)age.TotalMinutes)
            : age.TotalHours < 48 ? T("hours", (int)age.TotalHours)
            : T("days", (int)age.TotalDays);
        return T("ago", amount);
    }
}
